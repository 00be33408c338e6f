import { describe, expect, it } from 'vitest';
import { applySessionSettings, BTS_MCO, computeResult, sessionSettingsOf } from '@delib/rules';
import { amendedInputLabel, amendedValueText } from '@delib/protocol';
import type { AmendedInput, RecordAmendment } from '@delib/protocol';
import type { CandidateInput, Entry, UnitLine } from '@delib/rules';
import {
  checkRectificationForm,
  controlValueOf,
  rectifiableControls,
  rectifiableUnits,
  rectificationsOf,
} from './rectification-form';

const check = (unit: string, input: AmendedInput, value: string, reason: string) =>
  checkRectificationForm(BTS_MCO, 2027, 7, unit, input, value, reason);

/** A candidate with every mark at 12 but the given ones (BTS MCO, session 2027). */
function candidate(
  marks: Record<string, number>,
  control?: Record<string, number>,
): CandidateInput {
  const units: Record<string, Entry> = {};
  for (const unit of ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6']) {
    units[unit] = { mark: marks[unit] ?? 12 };
  }
  return { session: 2027, units, ...(control ? { control } : {}) };
}
/** (3 × 4 + 3 × 8 + 3 × 6 + 12 × 12) / 21 = 9,43: sent to the épreuves de contrôle (pro 12). */
const sentToControl = { U1: 4, U21: 8, U22: 8, U3: 6 };

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

  it('offers the épreuves de contrôle only to a candidate the first group sends to them', () => {
    const offer = (input: CandidateInput, regulation = BTS_MCO) =>
      rectifiableControls(regulation, computeResult(regulation, input));
    // Admitted, or refused: no épreuve de contrôle to record.
    expect(offer(candidate({}))).toEqual([]);
    expect(offer(candidate({ U1: 0, U21: 0, U22: 0, U3: 0 }))).toEqual([]);
    expect(rectifiableControls(BTS_MCO, null)).toEqual([]);
    // Sent to the épreuves de contrôle (a rectification of U6 may have done it): the
    // regulation's choices, none recorded yet.
    expect(computeResult(BTS_MCO, candidate(sentToControl)).decision).toBe('controle');
    expect(offer(candidate(sentToControl))).toEqual([
      { choice: 'U1', label: 'Culture générale et expression (U1)', mark: null },
      { choice: 'LV1', label: 'LV1 (U21 + U22)', mark: null },
      { choice: 'U3', label: 'Culture économique, juridique et managériale (U3)', mark: null },
    ]);
    // One recorded: still the three, with its mark (the decision is already final).
    const one = offer(candidate(sentToControl, { U1: 16 }));
    expect(one.map((c) => [c.choice, c.mark])).toEqual([
      ['U1', 16],
      ['LV1', null],
      ['U3', null],
    ]);
    // Two recorded, the most the regulation allows: only those may be corrected or removed.
    const two = offer(candidate(sentToControl, { U1: 16, U3: 7 }));
    expect(two.map((c) => [c.choice, c.mark])).toEqual([
      ['U1', 16],
      ['U3', 7],
    ]);
    // A session without épreuves de contrôle offers none.
    const without = applySessionSettings(BTS_MCO, {
      ...sessionSettingsOf(BTS_MCO),
      controlEnabled: false,
    });
    expect(offer(candidate(sentToControl), without)).toEqual([]);
  });

  it('turns a contrôle mark into the amendment the server expects, empty to remove it', () => {
    expect(check('LV1', 'control', ' 13,5 ', 'Épreuve de contrôle de LV1')).toEqual({
      ok: true,
      request: {
        candidateId: 7,
        unit: 'LV1',
        input: 'control',
        after: { mark: 13.5 },
        reason: 'Épreuve de contrôle de LV1',
      },
    });
    expect(check('LV1', 'control', '', 'Saisie sur le mauvais candidat')).toMatchObject({
      ok: true,
      request: { input: 'control', after: null },
    });
    expect(check('LV1', 'control', 'ABJ', 'Absent')).toMatchObject({
      ok: false,
      errors: { value: expect.stringMatching(/^Note illisible/) as unknown as string },
    });
    expect(check('', 'control', '12', 'Épreuve de contrôle')).toEqual({
      ok: false,
      errors: { value: 'Choisissez l’épreuve de contrôle.' },
    });
    expect(amendedValueText('control', { mark: 9.5 })).toBe('9,5');
    expect(amendedValueText('control', null)).toBe('—');
    expect(amendedInputLabel('LV1', 'control')).toBe('LV1 (contrôle)');
    expect(amendedInputLabel('U41', 'adjustment')).toBe('U41 (ajustement)');
    expect(amendedInputLabel('U41', 'entry')).toBe('U41');
  });

  it('gives the contrôle marks a result applied, as the jury document holds them', () => {
    expect(controlValueOf(computeResult(BTS_MCO, candidate(sentToControl)))).toBeNull();
    expect(
      controlValueOf(computeResult(BTS_MCO, candidate(sentToControl, { U1: 16, LV1: 7 }))),
    ).toEqual({ marks: { U1: 16, LV1: 7 } });
  });
});
