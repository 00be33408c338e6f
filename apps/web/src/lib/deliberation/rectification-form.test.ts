import { describe, expect, it } from 'vitest';
import { BTS_MCO } from '@delib/rules';
import type { RecordAmendment } from '@delib/protocol';
import type { UnitLine } from '@delib/rules';
import {
  amendedValueText,
  checkRectificationForm,
  rectifiableUnits,
  rectificationsOf,
} from './rectification-form';

const check = (unit: string, input: 'entry' | 'adjustment', value: string, reason: string) =>
  checkRectificationForm(BTS_MCO, 2027, 7, unit, input, value, reason);

describe('the rectification form', () => {
  it('turns a typed mark and a reason into the amendment the server expects', () => {
    expect(check('U41', 'entry', ' 14,5 ', '  Erreur de report ')).toEqual({
      ok: true,
      request: {
        candidateId: 7,
        unit: 'U41',
        input: 'entry',
        after: { mark: 14.5 },
        reason: 'Erreur de report',
      },
    });
    expect(check('U41', 'entry', 'abj', 'Certificat reçu')).toMatchObject({
      ok: true,
      request: { after: { absent: 'justified' } },
    });
    expect(check('U41', 'adjustment', '', 'Ajustement sur le mauvais candidat')).toMatchObject({
      ok: true,
      request: { input: 'adjustment', after: null },
    });
  });

  it('says in French what is wrong, and never sends a decision', () => {
    expect(check('U41', 'entry', '25', '')).toEqual({
      ok: false,
      errors: {
        value: expect.stringMatching(/Note/) as unknown as string,
        reason: 'Le motif de la rectification est obligatoire.',
      },
    });
    expect(check('U41', 'entry', '', 'Erreur')).toMatchObject({
      ok: false,
      errors: { value: 'Saisissez la note rectifiée (ou ABJ, ABS).' },
    });
    expect(check('', 'entry', '12', 'Erreur')).toMatchObject({ ok: false });
    const long = check('U41', 'entry', '12', 'x'.repeat(501));
    expect(long).toMatchObject({
      ok: false,
      errors: { reason: expect.stringMatching(/trop long/) },
    });
  });

  it('reads values as the minute prints them', () => {
    expect(amendedValueText('entry', { mark: 12.5 })).toBe('12,5');
    expect(amendedValueText('entry', { absent: 'unjustified' })).toBe('ABS');
    expect(amendedValueText('entry', null)).toBe('—');
    expect(amendedValueText('adjustment', null)).toBe('aucun');
    expect(amendedValueText('adjustment', { mark: 15 })).toBe('15');
  });

  it('keeps a candidate’s own corrections of inputs', () => {
    const base = {
      input: 'entry',
      before: null,
      after: { mark: 1 },
      reason: 'r',
      decision: null,
      author: 'A',
      createdAt: '2027-06-01T10:00:00.000Z',
    } as const;
    const amendments: RecordAmendment[] = [
      { ...base, id: 1, candidateId: 7, unit: 'U41' },
      { ...base, id: 2, candidateId: 8, unit: 'U41' },
      { ...base, id: 3, candidateId: 7, unit: null, input: null },
    ];
    expect(rectificationsOf(amendments, 7).map((a) => a.id)).toEqual([1]);
  });

  it('offers only the units the candidate presents', () => {
    const line = (unit: string, optional: boolean, entry: unknown) =>
      ({ unit, optional, entry }) as unknown as UnitLine;
    const lines = [
      line('U1', false, { mark: 12 }),
      line('U3', false, { exempt: true }),
      line('U41', false, null),
      line('UF1', true, null),
      line('UF2', true, { mark: 14 }),
    ];
    const entries = new Map(lines.map((l) => [l.unit, l.entry]));
    expect(rectifiableUnits(lines, ['UF2'], (unit) => entries.get(unit))).toEqual([
      'U1',
      'U41',
      'UF2',
    ]);
    // A unit rectified to « dispensé » is offered no more; one rectified back, again.
    entries.set('U1', { exempt: true });
    entries.set('U3', { mark: 10 });
    expect(rectifiableUnits(lines, [], (unit) => entries.get(unit))).toEqual(['U3', 'U41']);
  });
});
