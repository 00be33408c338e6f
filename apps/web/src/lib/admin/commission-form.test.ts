import { describe, expect, it } from 'vitest';
import { checkCommissionForm } from './commission-form';
import { emptyPerson } from './person-form';

const ORAL = ['U22', 'U41', 'U42', 'UF1', 'UF2', 'UF3'];

describe('checkCommissionForm', () => {
  it('keeps the units in the regulation’s order and the examiners', () => {
    expect(
      checkCommissionForm({
        name: ' Commission E41/E42 bis ',
        room: ' B210 ',
        units: ['U42', 'U41'],
        examiners: [{ ...emptyPerson(), userId: 'u7' }],
        oralUnits: ORAL,
      }),
    ).toEqual({
      ok: true,
      value: {
        name: 'Commission E41/E42 bis',
        room: 'B210',
        units: ['U41', 'U42'],
        examiners: [{ userId: 'u7' }],
      },
    });
  });

  it('opens a room without examiner (they will be invited)', () => {
    const outcome = checkCommissionForm({
      name: 'Commission E22',
      room: 'C103',
      units: ['U22'],
      examiners: [],
      oralUnits: ORAL,
    });
    expect(outcome).toMatchObject({ ok: true, value: { examiners: [] } });
  });

  it('refuses a room without name, room, unit or with an incomplete examiner', () => {
    const outcome = checkCommissionForm({
      name: '',
      room: '',
      units: ['U1'],
      examiners: [emptyPerson('new')],
      oralUnits: ORAL,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.name).toBeDefined();
    expect(outcome.errors.room).toBeDefined();
    expect(outcome.errors.units).toMatch(/unité orale/);
    expect(Object.keys(outcome.errors.examiners[0] ?? {})).toContain('login');
  });
});
