import { BTS_MCO } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import { checkControlForm } from './control-form';

describe('checkControlForm', () => {
  it('keeps the typed marks of the chosen subjects', () => {
    expect(checkControlForm(BTS_MCO, ['U1', 'LV1'], { U1: '12', LV1: '9,5', U3: '18' })).toEqual({
      ok: true,
      value: { marks: { U1: 12, LV1: 9.5 } },
    });
  });

  it('stores nothing while no mark is typed', () => {
    expect(checkControlForm(BTS_MCO, ['U1'], { U1: ' ' })).toEqual({ ok: true, value: null });
  });

  it('refuses a third subject and an impossible mark', () => {
    expect(checkControlForm(BTS_MCO, ['U1', 'LV1', 'U3'], {})).toMatchObject({
      ok: false,
      general: expect.stringMatching(/au plus 2/) as unknown,
    });
    expect(checkControlForm(BTS_MCO, ['U1'], { U1: '21' })).toMatchObject({
      ok: false,
      errors: { U1: expect.any(String) as unknown },
    });
    expect(checkControlForm(BTS_MCO, ['U99'], {}).ok).toBe(false);
  });
});
