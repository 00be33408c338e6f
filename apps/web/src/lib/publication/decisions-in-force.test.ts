import { describe, expect, it } from 'vitest';
import type { LockedRecord } from '@delib/protocol';
import { decisionsInForce } from './decisions-in-force';

const identity = (id: number) => ({
  id,
  number: `0270000${id}`,
  lastName: 'X',
  firstName: 'Y',
  status: 'scolaire',
});

describe('decisions in force after the lock', () => {
  it('takes the record, then each candidate’s last correction', () => {
    const locked = {
      sha256: 'a',
      record: {
        format: 'delib.final-record/3',
        candidates: [
          { ...identity(1), decision: 'admis' },
          { ...identity(2), decision: 'refuse' },
        ],
        notDeliberated: [{ ...identity(3), lines: [], missing: ['U41'] }],
      },
      amendments: [
        { candidateId: 2, decision: { before: 'refuse', after: 'admis' } },
        { candidateId: 2, decision: { before: 'admis', after: 'refuse' } },
        { candidateId: 1, decision: null },
      ],
    } as unknown as LockedRecord;
    expect([...decisionsInForce(locked)]).toEqual([
      [1, 'admis'],
      [2, 'refuse'],
      [3, 'incomplet'],
    ]);
  });
});
