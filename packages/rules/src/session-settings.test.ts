import { describe, expect, it } from 'vitest';
import { candidate } from './candidate.fixtures.js';
import { computeResult } from './compute-result.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import {
  applySessionSettings,
  checkSessionSettings,
  sessionSettingsOf,
} from './session-settings.js';
import { validateEntry } from './validate-entry.js';

const DEFAULTS = sessionSettingsOf(BTS_MCO);

describe('settings of an exam session over its regulation', () => {
  it('starts from the regulation’s own values', () => {
    expect(DEFAULTS).toEqual({
      controlEnabled: true,
      optionalMultiplier: 1,
      maxOptionalUnits: 2,
      markStep: 0.5,
    });
    expect(checkSessionSettings(DEFAULTS, BTS_MCO)).toEqual([]);
  });

  it('reports each fault with its JSON path, in French', () => {
    expect(
      checkSessionSettings(
        { controlEnabled: 'oui', optionalMultiplier: 1, maxOptionalUnits: 2, extra: 1 },
        BTS_MCO,
      ),
    ).toEqual([
      { path: '$.extra', message: 'réglage inconnu' },
      { path: '$.markStep', message: 'réglage manquant' },
      { path: '$.controlEnabled', message: 'attendu oui ou non (un booléen), reçu « oui »' },
    ]);
    const issues = checkSessionSettings(
      { controlEnabled: true, optionalMultiplier: -1, maxOptionalUnits: 4, markStep: 0.3 },
      BTS_MCO,
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      '$.maxOptionalUnits',
      '$.markStep',
      '$.optionalMultiplier',
    ]);
    expect(issues[1]?.message).toMatch(/ne divise pas 20/);
  });

  it('the mark step refuses a mark off the step', () => {
    const quarter = applySessionSettings(BTS_MCO, { ...DEFAULTS, markStep: 0.25 });
    expect(() => validateEntry(quarter, 'U41', { mark: 12.25 })).not.toThrow();
    expect(() => validateEntry(BTS_MCO, 'U41', { mark: 12.25 })).toThrow(/0,5/);
    const whole = applySessionSettings(BTS_MCO, { ...DEFAULTS, markStep: 1 });
    expect(() => validateEntry(whole, 'U41', { mark: 12.5 })).toThrow();
  });

  it('without épreuves de contrôle, 8 ≤ average < 10 is refusé', () => {
    const input = candidate(9, { U41: 10, U42: 10, U5: 10, U6: 10 });
    expect(computeResult(BTS_MCO, input).decision).toBe('controle');
    const without = applySessionSettings(BTS_MCO, { ...DEFAULTS, controlEnabled: false });
    expect(computeResult(without, input).decision).toBe('refuse');
  });

  it('the optional multiplier scales the bonus; the maximum of options is enforced', () => {
    const input = candidate(10, { UF1: 14, UF2: 12 });
    expect(computeResult(BTS_MCO, input).bonus).toBe(6);
    const doubled = applySessionSettings(BTS_MCO, { ...DEFAULTS, optionalMultiplier: 2 });
    expect(computeResult(doubled, input).bonus).toBe(12);
    const one = applySessionSettings(BTS_MCO, { ...DEFAULTS, maxOptionalUnits: 1 });
    expect(() => computeResult(one, input)).toThrow(/facultative/);
  });

  it('gives the same object for the same settings, and leaves the regulation unchanged', () => {
    const a = applySessionSettings(BTS_MCO, { ...DEFAULTS, markStep: 0.01 });
    const b = applySessionSettings(BTS_MCO, { ...DEFAULTS, markStep: 0.01 });
    expect(a).toBe(b);
    expect(a.id).toBe(BTS_MCO.id);
    expect(Object.isFrozen(a.settings)).toBe(true);
    expect(BTS_MCO.settings.markStep).toBe(0.5);
  });
});
