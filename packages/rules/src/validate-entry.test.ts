import { describe, expect, it } from 'vitest';
import type { Entry } from './entry.js';
import { loadRegulation } from './load-regulation.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import type { RulesErrorCode } from './rules-error.js';
import { parseMark, validateAdjustment, validateEntry } from './validate-entry.js';

describe('validateEntry (one entry, one unit)', () => {
  const accepted: [string, unknown, Entry, number?][] = [
    ['U22', { mark: 12.5 }, { mark: 12.5 }],
    ['U22', { mark: 0 }, { mark: 0 }],
    ['U22', { mark: 20 }, { mark: 20 }],
    ['U41', { absent: 'justified' }, { absent: 'justified' }],
    ['UF1', { absent: 'unjustified' }, { absent: 'unjustified' }],
    ['U1', { exempt: true }, { exempt: true }],
    ['U3', { kept: { mark: 10, session: 2020 } }, { kept: { mark: 10, session: 2020 } }, 2025],
  ];
  it.each(accepted)('%s accepts %o', (unit, entry, expected, session) => {
    const result = validateEntry(BTS_MCO, unit, entry, session);
    expect(result).toEqual(expected);
    expect(result).not.toBe(entry);
  });

  const refused: [string, unknown, RulesErrorCode, number?][] = [
    ['U22', { mark: 12.3 }, 'INVALID_MARK'],
    ['U22', { mark: 12.25 }, 'INVALID_MARK'],
    ['U22', { mark: 0.1 + 0.2 }, 'INVALID_MARK'],
    ['U22', { mark: Number.POSITIVE_INFINITY }, 'INVALID_MARK'],
    ['U22', {}, 'INVALID_ENTRY'],
    ['U22', { mark: 12, note: 'x' }, 'INVALID_ENTRY'],
    ['U22', { exempt: false }, 'INVALID_ENTRY'],
    ['U22', null, 'INVALID_ENTRY'],
    ['U22', { kept: { mark: 12 } }, 'INVALID_ENTRY', 2025],
    ['U99', { mark: 12 }, 'UNKNOWN_UNIT'],
    ['U5', { exempt: true }, 'NOT_EXEMPTABLE'],
    ['UF2', { exempt: true }, 'NOT_EXEMPTABLE'],
    ['U3', { kept: { mark: 9.5, session: 2024 } }, 'INVALID_KEPT_MARK', 2025],
    ['U3', { kept: { mark: 12, session: 2026 } }, 'INVALID_KEPT_MARK', 2025],
    ['U3', { kept: { mark: 12, session: 24 } }, 'INVALID_KEPT_MARK', 2025],
    ['U3', { kept: { mark: 12, session: 2019 } }, 'EXPIRED_KEPT_MARK', 2025],
    ['U3', { kept: { mark: 12, session: 2020 } }, 'MISSING_SESSION'],
    ['UF1', { kept: { mark: 12, session: 2024 } }, 'KEPT_MARK_NOT_ALLOWED', 2025],
    ['U3', { mark: 12 }, 'INVALID_SESSION', 2025.5],
  ];
  it.each(refused)('%s refuses %o with %s', (unit, entry, code, session) => {
    expect(() => validateEntry(BTS_MCO, unit, entry, session)).toThrow(
      expect.objectContaining({ code }) as Error,
    );
  });

  it('keeps bénéfices at optional units when the regulation allows it', () => {
    const allowing = loadRegulation({
      ...BTS_MCO,
      settings: { ...BTS_MCO.settings, optionalKeptMarks: true },
    });
    const entry = { kept: { mark: 12, session: 2024 } };
    expect(validateEntry(allowing, 'UF1', entry, 2025)).toEqual(entry);
  });

  it('a validity of 5 sessions: 2022 counts in 2027, not in 2028', () => {
    const entry = { kept: { mark: 12, session: 2022 } };
    expect(validateEntry(BTS_MCO, 'U1', entry, 2027)).toEqual(entry);
    expect(() => validateEntry(BTS_MCO, 'U1', entry, 2028)).toThrow(/jusqu’à la session 2027/);
  });
});

describe('validateAdjustment', () => {
  it('returns a clean copy with the reason trimmed', () => {
    expect(
      validateAdjustment(BTS_MCO, 'U41', { mark: 10, reason: ' Erreur de report ', by: 'p' }),
    ).toEqual({
      mark: 10,
      reason: 'Erreur de report',
      by: 'p',
    });
  });

  it.each([
    [{ mark: 10, reason: '' }, 'MISSING_REASON'],
    [{ mark: 10, reason: 3 }, 'MISSING_REASON'],
    [{ mark: 10.2, reason: 'x' }, 'INVALID_MARK'],
    [{ reason: 'x' }, 'INVALID_ADJUSTMENT'],
    [{ mark: 10, reason: 'x', when: 'now' }, 'INVALID_ADJUSTMENT'],
    [{ mark: 10, reason: 'x', by: 3 }, 'INVALID_ADJUSTMENT'],
  ])('refuses %o with %s', (adjustment, code) => {
    expect(() => validateAdjustment(BTS_MCO, 'U41', adjustment)).toThrow(
      expect.objectContaining({ code }) as Error,
    );
  });
});

describe('parseMark (what a person types)', () => {
  it.each([
    ['12,5', 12.5],
    ['12.5', 12.5],
    [' 8 ', 8],
    ['0', 0],
    ['20', 20],
    ['09,50', 9.5],
    ['12,25', 12.25],
  ])('%s → %s', (text, expected) => {
    expect(parseMark(text)).toBe(expected);
  });

  it.each([
    [''],
    ['douze'],
    ['-1'],
    ['20,5'],
    ['21'],
    ['12,345'],
    ['12,'],
    [',5'],
    ['1e1'],
    ['+3'],
    ['12 5'],
  ])('refuses %s', (text) => {
    expect(() => parseMark(text)).toThrow(
      expect.objectContaining({ code: 'INVALID_MARK' }) as Error,
    );
  });

  it.each(['25', '20,5', '-1', '120', ' 21 '])(
    'says %s lies beyond the scale, not that it is unreadable',
    (text) => {
      expect(() => parseMark(text)).toThrow(
        `Note hors barème (0 à 20) : « ${text.trim()} ». Saisir une note de 0 à 20, par exemple 12,5.`,
      );
    },
  );

  it.each(['douze', '12,,5', '1/2', '+3', ''])('calls %s unreadable', (text) => {
    expect(() => parseMark(text)).toThrow(/^Note illisible : /);
  });

  it('checks the step when given the regulation', () => {
    expect(parseMark('12,5', BTS_MCO)).toBe(12.5);
    expect(() => parseMark('12,3', BTS_MCO)).toThrow(
      'Note refusée : 12,3. Une note va de 0 à 20 par pas de 0,5.',
    );
  });
});
