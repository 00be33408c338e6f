import { BTS_MCO } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import { checkAdjustmentForm, examinerMark } from './adjustment-form';

describe('checkAdjustmentForm', () => {
  it('accepts a French mark with a reason, trimmed', () => {
    expect(
      checkAdjustmentForm(BTS_MCO, 'U41', { mark: 14 }, '15,5', '  Erreur de report '),
    ).toEqual({ ok: true, value: { mark: 15.5, reason: 'Erreur de report' } });
  });

  it('requires a reason and a mark of the regulation', () => {
    expect(checkAdjustmentForm(BTS_MCO, 'U41', { mark: 14 }, '15', '  ')).toEqual({
      ok: false,
      errors: { reason: expect.stringMatching(/motif.*obligatoire/) as unknown },
    });
    const outcome = checkAdjustmentForm(BTS_MCO, 'U41', { mark: 14 }, '15,3', 'Erreur');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.mark).toMatch(/0,5/);
    const empty = checkAdjustmentForm(BTS_MCO, 'U41', { mark: 14 }, '', '');
    expect(empty).toMatchObject({ ok: false, errors: { mark: expect.any(String) as unknown } });
  });

  it('refuses to "adjust" to the examiner’s own mark', () => {
    const outcome = checkAdjustmentForm(BTS_MCO, 'U41', { mark: 14 }, '14', 'Erreur');
    expect(outcome).toMatchObject({
      ok: false,
      errors: { mark: expect.stringMatching(/déjà/) as unknown },
    });
  });

  it('adjusts a bénéfice but never an absence or a dispense', () => {
    expect(
      checkAdjustmentForm(BTS_MCO, 'U1', { kept: { mark: 12, session: 2024 } }, '13', 'Relecture')
        .ok,
    ).toBe(true);
    for (const entry of [{ absent: 'justified' as const }, { exempt: true as const }, null]) {
      const outcome = checkAdjustmentForm(BTS_MCO, 'U1', entry, '13', 'Relecture');
      expect(outcome).toMatchObject({
        ok: false,
        errors: { mark: expect.stringMatching(/pas de note à ajuster/) as unknown },
      });
    }
  });
});

describe('examinerMark', () => {
  it('reads the mark a unit holds', () => {
    expect(examinerMark({ mark: 9.5 })).toBe(9.5);
    expect(examinerMark({ kept: { mark: 12, session: 2024 } })).toBe(12);
    expect(examinerMark({ absent: 'unjustified' })).toBeNull();
  });
});
