import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-client';
import { removalConfirmationAsked, scheduleConfirmationAsked } from './leaving-confirmation';

const entry = {
  number: '02700004',
  name: 'DURAND Camille',
  unit: 'U22',
  kind: 'Saisie en salle',
  value: '12',
  place: 'Commission E22 (C101)',
};

const refusal = (details: unknown, status = 409, code = 'CONFIRMATION_REQUIRED') =>
  new ApiRequestError(status, code, '1 passage retiré ôterait 1 saisie…', null, details);

describe('reading a refusal that asks to confirm the entries leaving the board', () => {
  it('reads the schedule’s entries and token', () => {
    const changes = { removed: [], leaving: [entry], confirmation: 'abc' };
    const asked = scheduleConfirmationAsked(refusal({ rows: 3, problems: [], changes }));
    expect(asked?.details.leaving).toEqual([entry]);
    expect(asked?.details.confirmation).toBe('abc');
    expect(asked?.message).toMatch(/ôterait 1 saisie/);
  });

  it('reads a candidate’s removal', () => {
    const preview = {
      number: '02700004',
      name: 'DURAND Camille',
      leaving: [entry],
      confirmation: 't',
    };
    expect(removalConfirmationAsked(refusal(preview))?.details).toEqual(preview);
  });

  it('ignores other failures and malformed details', () => {
    const preview = { leaving: [entry], confirmation: 't' };
    expect(removalConfirmationAsked(refusal(preview, 422, 'IMPORT_INVALID'))).toBeNull();
    expect(removalConfirmationAsked(refusal(preview, 409, 'LOCKED'))).toBeNull();
    expect(removalConfirmationAsked(new Error('réseau'))).toBeNull();
    expect(removalConfirmationAsked(refusal({ leaving: [], confirmation: 't' }))).toBeNull();
    expect(removalConfirmationAsked(refusal({ leaving: [entry], confirmation: null }))).toBeNull();
    expect(
      removalConfirmationAsked(refusal({ leaving: [{ ...entry, value: 12 }], confirmation: 't' })),
    ).toBeNull();
    expect(scheduleConfirmationAsked(refusal({ changes: null }))).toBeNull();
    expect(scheduleConfirmationAsked(refusal(null))).toBeNull();
  });
});
