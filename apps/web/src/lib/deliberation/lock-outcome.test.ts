import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-client';
import { lockOutcomeOfError, lockProblems } from './lock-outcome';

const LEA = {
  candidateId: 1,
  number: '02700001',
  name: 'ARNAUD Léa',
  message: 'Unités sans note : U22.',
};

describe('lockOutcomeOfError', () => {
  it('lists the incomplete candidates to confirm by name', () => {
    const error = new ApiRequestError(
      409,
      'INCOMPLETE_CANDIDATES',
      '1 candidat(s) incomplet(s)',
      null,
      {
        candidates: [LEA, { candidateId: 'x' }],
      },
    );
    expect(lockOutcomeOfError(error)).toEqual({
      kind: 'incomplete',
      message: '1 candidat(s) incomplet(s)',
      candidates: [LEA],
    });
  });

  it('tells the livret and invalid record refusals apart', () => {
    const livret = new ApiRequestError(409, 'LIVRET_REQUIRED', 'Livret', null, {
      candidates: [LEA],
    });
    expect(lockOutcomeOfError(livret).kind).toBe('livret');
    const invalid = new ApiRequestError(422, 'INVALID_RECORD', 'Invalide', null, {
      candidates: [LEA],
    });
    expect(lockOutcomeOfError(invalid)).toMatchObject({ kind: 'invalid', candidates: [LEA] });
  });

  it('keeps the message of any other failure', () => {
    const locked = new ApiRequestError(409, 'LOCKED', 'Ce jury est déjà verrouillé.', null);
    expect(lockOutcomeOfError(locked)).toEqual({
      kind: 'failed',
      message: 'Ce jury est déjà verrouillé.',
    });
  });
});

describe('lockProblems', () => {
  it('reads nothing from malformed details', () => {
    expect(lockProblems(null)).toEqual([]);
    expect(lockProblems({ candidates: 'x' })).toEqual([]);
  });
});
