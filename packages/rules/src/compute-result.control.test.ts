import { describe, expect, it } from 'vitest';
import { candidate, units } from './candidate.fixtures.js';
import type { CandidateInput } from './compute-result.js';
import { computeResult } from './compute-result.js';
import { loadRegulation } from './load-regulation.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import type { RulesError } from './rules-error.js';

const PRO_10 = { U41: 10, U42: 10, U5: 10, U6: 10 };
/** First group: 196.5 / 21 = 9.357…, professional average 10 → controle. */
const BAND = { U1: 8, U21: 8, U22: 9, U3: 9, ...PRO_10 };

function withControl(
  control: Record<string, number | null>,
  input = candidate(0, BAND),
): CandidateInput {
  return { ...input, control };
}

describe('computeResult — épreuves de contrôle (second group)', () => {
  it('the base candidate is allowed to the contrôle', () => {
    const result = computeResult(BTS_MCO, candidate(0, BAND));
    expect(result).toMatchObject({ decision: 'controle', total: 196.5, control: null });
  });

  const rows: {
    rule: string;
    control: Record<string, number | null>;
    total: number;
    decision: 'admis' | 'refuse';
    retained: Record<string, boolean>;
  }[] = [
    {
      rule: 'higher marks replace U1 and U3: admis',
      control: { U1: 12, U3: 11 },
      total: 196.5 + 12 + 6,
      decision: 'admis',
      retained: { U1: true, U3: true },
    },
    {
      rule: 'higher marks but still under 10: refuse',
      control: { U1: 9, U3: 9.5 },
      total: 196.5 + 3 + 1.5,
      decision: 'refuse',
      retained: { U1: true, U3: true },
    },
    {
      rule: 'a lower contrôle mark is not retained',
      control: { U1: 7, U3: 12 },
      total: 196.5 + 9,
      decision: 'refuse',
      retained: { U1: false, U3: true },
    },
    {
      rule: 'an equal contrôle mark changes nothing',
      control: { U1: 8, U3: 9 },
      total: 196.5,
      decision: 'refuse',
      retained: { U1: false, U3: false },
    },
    {
      rule: 'LV1 replaces U21 and U22 together, compared with their weighted mean (8.5)',
      control: { LV1: 9, U3: 15 },
      total: 196.5 + 1.5 + 18,
      decision: 'admis',
      retained: { LV1: true, U3: true },
    },
    {
      rule: 'LV1 equal to the weighted mean is not retained',
      control: { LV1: 8.5, U1: 10 },
      total: 196.5 + 6,
      decision: 'refuse',
      retained: { LV1: false, U1: true },
    },
  ];

  it.each(rows)('$rule', ({ control, total, decision, retained }) => {
    const result = computeResult(BTS_MCO, withControl(control));
    expect(result.total).toBe(total);
    expect(result.decision).toBe(decision);
    expect(result.firstGroup).toMatchObject({ total: 196.5, decision: 'controle' });
    expect(Object.fromEntries((result.control ?? []).map((c) => [c.choice, c.retained]))).toEqual(
      retained,
    );
  });

  it('LV1 replaces both units even when one of them was higher than the contrôle mark', () => {
    // U21 7 and U22 10: mean 8.5. A contrôle of 9 replaces both (U22 goes down to 9).
    const input = candidate(0, { ...BAND, U21: 7, U22: 10 });
    const result = computeResult(BTS_MCO, withControl({ LV1: 9 }, input));
    expect(result.control).toEqual([
      { choice: 'LV1', units: ['U21', 'U22'], mark: 9, firstGroupMark: 8.5, retained: true },
    ]);
    const lines = result.lines.filter((line) => line.unit === 'U21' || line.unit === 'U22');
    expect(lines.map((line) => [line.unit, line.entry, line.mark, line.control])).toEqual([
      ['U21', { mark: 7 }, 9, { choice: 'LV1', mark: 9, retained: true }],
      ['U22', { mark: 10 }, 9, { choice: 'LV1', mark: 9, retained: true }],
    ]);
    expect(result.total).toBe(196.5 + 1.5);
  });

  it('warns when a contrôle mark is not retained, and when only one choice is given', () => {
    const result = computeResult(BTS_MCO, withControl({ U1: 7 }));
    expect(result.decision).toBe('refuse');
    expect(result.warnings).toEqual([
      'Épreuve de contrôle U1 : la note 7 n’est pas retenue, la note du premier groupe (8,00) n’est pas inférieure.',
      '1 épreuve de contrôle saisie sur 2 : la décision est prise avec les seules notes saisies.',
    ]);
  });

  it('one contrôle mark is enough to decide', () => {
    const result = computeResult(BTS_MCO, withControl({ U1: 15 }));
    expect(result).toMatchObject({ decision: 'admis', total: 217.5 });
  });

  it('no contrôle mark yet (empty or null): the decision stays controle', () => {
    expect(computeResult(BTS_MCO, withControl({})).decision).toBe('controle');
    expect(computeResult(BTS_MCO, withControl({ U1: null })).decision).toBe('controle');
  });

  it('compares with the adjusted mark, which is the first-group mark', () => {
    const input = {
      ...candidate(0, BAND),
      adjustments: { U1: { mark: 9.5, reason: 'Harmonisation' } },
    };
    const result = computeResult(BTS_MCO, { ...input, control: { U1: 9, U3: 14 } });
    expect(result.firstGroup.total).toBe(201);
    expect(result.control?.[0]).toMatchObject({
      choice: 'U1',
      firstGroupMark: 9.5,
      retained: false,
    });
    expect(result.total).toBe(201 + 15);
  });

  it('keeps the bonus of the optional units in the second group', () => {
    const base = { session: 2025, units: units(0, BAND), control: { U1: 10.5, U3: 10.5 } };
    expect(computeResult(BTS_MCO, base)).toMatchObject({ total: 208.5, decision: 'refuse' });
    const withOption = { ...base, units: { ...base.units, UF1: { mark: 12 } } };
    expect(computeResult(BTS_MCO, withOption)).toMatchObject({
      total: 210.5,
      bonus: 2,
      decision: 'admis',
    });
  });

  it('leaves the professional average untouched', () => {
    const result = computeResult(BTS_MCO, withControl({ U1: 20, U3: 20 }));
    expect(result.professionalAverage).toBe(10);
  });

  it('a dispensé candidate may still take the other choices', () => {
    const input = candidate(0, { ...BAND, U1: { exempt: true }, U3: 8 });
    expect(computeResult(BTS_MCO, input)).toMatchObject({ decision: 'controle', divisor: 18 });
    expect(computeResult(BTS_MCO, { ...input, control: { U3: 12 } })).toMatchObject({
      total: 169.5 + 12,
      decision: 'admis',
    });
    expect(() => computeResult(BTS_MCO, { ...input, control: { U1: 12 } })).toThrow(
      expect.objectContaining({ code: 'CONTROL_ON_EXEMPT_UNIT' }) as RulesError,
    );
  });

  const notEligible: [string, CandidateInput][] = [
    ['admis', candidate(10)],
    ['refuse', candidate(5)],
    ['incomplet', candidate(0, { ...BAND, U6: null })],
    ['absent', candidate(0, { ...BAND, U6: { absent: 'unjustified' } })],
  ];
  it.each(notEligible)('a candidate %s cannot receive contrôle marks', (_decision, input) => {
    expect(() => computeResult(BTS_MCO, { ...input, control: { U1: 12 } })).toThrow(
      expect.objectContaining({ code: 'NOT_ELIGIBLE_FOR_CONTROL' }) as RulesError,
    );
  });

  it('with the épreuves de contrôle switched off, no one receives contrôle marks', () => {
    const off = loadRegulation({
      ...BTS_MCO,
      id: 'bts-mco-sans-controle',
      settings: { ...BTS_MCO.settings, control: { ...BTS_MCO.settings.control, enabled: false } },
    });
    expect(computeResult(off, candidate(0, BAND)).decision).toBe('refuse');
    expect(() => computeResult(off, withControl({ U1: 12 }))).toThrow(
      /les épreuves de contrôle ne sont pas ouvertes/,
    );
  });
});
