import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAverage } from './format-average.js';
import type { HarmonisationMark } from './harmonisation.js';
import { HARMONISATION_MINIMUM_MARKS, harmonise, parseAlertGap } from './harmonisation.js';

function marks(
  unit: string,
  commissionId: number,
  writerId: string | null,
  values: number[],
): HarmonisationMark[] {
  return values.map((hundredths) => ({ unit, commissionId, writerId, hundredths }));
}

describe('harmonise', () => {
  const severe = marks('U41', 2, 'dubois', [800, 850, 900, 800, 700, 900, 850, 800]);
  const usual = marks('U41', 1, 'bernard', [1300, 1250, 1400, 1200, 1350, 1300, 1250, 1400]);

  it('compares each room of a unit with every mark of that unit', () => {
    const [u41] = harmonise([...usual, ...severe], { alertGapHundredths: 200 });
    expect(u41?.unit).toBe('U41');
    expect(u41?.cohort.count).toBe(16);
    expect(formatAverage(u41?.cohort.mean ?? null)).toBe('10,65');
    const [room1, room2] = u41?.commissions ?? [];
    expect(formatAverage(room1?.statistics.mean ?? null)).toBe('13,06');
    expect(formatAverage(room2?.difference ?? null)).toBe('-2,40');
    expect(room1?.alert).toBe(true);
    expect(room2?.alert).toBe(true);
    expect(u41?.examiners.map((e) => e.id).sort()).toEqual(['bernard', 'dubois']);
    expect(u41?.examiners.every((e) => !e.alert)).toBe(true);
  });

  it('raises no alert below 8 marks, nor at a gap not strictly beyond the setting', () => {
    const seven = severe.slice(0, 7);
    const [few] = harmonise([...usual, ...seven], { alertGapHundredths: 200 });
    expect(few?.commissions.find((c) => c.id === 2)?.statistics.count).toBe(
      HARMONISATION_MINIMUM_MARKS - 1,
    );
    expect(few?.commissions.find((c) => c.id === 2)?.alert).toBe(false);
    const [wide] = harmonise([...usual, ...severe], { alertGapHundredths: 300 });
    expect(wide?.commissions.some((c) => c.alert)).toBe(false);
  });

  it('keeps units apart and in the given order; unknown writers count for rooms only', () => {
    const report = harmonise(
      [...marks('U22', 3, null, [1000, 1100]), ...usual, ...marks('U42', 1, 'bernard', [900])],
      { alertGapHundredths: 200, unitOrder: ['U22', 'U41', 'U42'] },
    );
    expect(report.map((unit) => unit.unit)).toEqual(['U22', 'U41', 'U42']);
    expect(report[0]?.commissions[0]?.statistics.count).toBe(2);
    expect(report[0]?.examiners).toEqual([]);
  });

  it('never alerts when every mark is in one room (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 2000 }),
        (values, gap) => {
          const [unit] = harmonise(marks('U41', 1, 'x', values), { alertGapHundredths: gap });
          expect(unit?.commissions[0]?.alert).toBe(false);
          expect(unit?.commissions[0]?.difference).toEqual({ numerator: 0, denominator: 1 });
        },
      ),
    );
  });
});

describe('parseAlertGap', () => {
  it('reads points with a comma or a dot, or a JSON number, in hundredths', () => {
    expect(parseAlertGap('2')).toBe(200);
    expect(parseAlertGap(' 1,5 ')).toBe(150);
    expect(parseAlertGap('0.75')).toBe(75);
    expect(parseAlertGap(2.25)).toBe(225);
    expect(parseAlertGap('20')).toBe(2000);
  });

  it('refuses zero, beyond 20, three decimals, signs and non-numbers', () => {
    for (const value of ['0', '0,00', '20,01', '21', '1,234', '-1', '', 'deux', null, {}, NaN]) {
      expect(parseAlertGap(value), String(value)).toBeNull();
    }
    expect(parseAlertGap(0.1 + 0.2)).toBeNull();
    expect(parseAlertGap(Infinity)).toBeNull();
  });
});
