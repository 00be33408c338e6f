import { describe, expect, it } from 'vitest';
import type { LeavingEntry, ScheduleChanges } from '@delib/protocol';
import { HttpError } from '../http/http-error.js';
import { refuseUnconfirmedSchedule } from './import-problem.js';

const entry: LeavingEntry = {
  number: '02700004',
  name: 'DA SILVA Lucas',
  unit: 'U22',
  kind: 'Saisie en salle',
  value: '12',
  place: 'Commission E22 – anglais (Salle C101)',
};

function refusal(removed: number, leaving: number): HttpError {
  const changes: ScheduleChanges = {
    created: [],
    updated: [],
    removed: Array.from({ length: removed }, (_, index) => ({
      number: String(index),
      commission: entry.place,
    })),
    unchanged: 0,
    assignedToJury: [],
    leaving: Array.from({ length: leaving }, () => entry),
    confirmation: 'token',
  };
  try {
    refuseUnconfirmedSchedule(3, changes);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('aucun refus');
}

describe('the refusal of a schedule whose entries leaving the board are not confirmed', () => {
  it('is a 409 that carries the report, with the token to send back', () => {
    const error = refusal(1, 1);
    expect(error.status).toBe(409);
    expect(error.code).toBe('CONFIRMATION_REQUIRED');
    expect(error.details).toMatchObject({ rows: 3, problems: [], applied: false });
  });

  it.each([
    [
      1,
      1,
      '1 passage retiré ôterait 1 saisie du tableau du jury (conservée, elle reviendra avec son passage)',
    ],
    [
      1,
      2,
      '1 passage retiré ôterait 2 saisies du tableau du jury (conservées, elles reviendront avec leur passage)',
    ],
    [
      20,
      1,
      '20 passages retirés ôteraient 1 saisie du tableau du jury (conservée, elle reviendra avec son passage)',
    ],
  ])('%i passage(s), %i saisie(s): French agreement', (removed, leaving, sentence) => {
    expect(refusal(removed, leaving).message).toBe(
      `${sentence} : vérifier chaque saisie et confirmer.`,
    );
  });
});
