import { writeOralEntry, type BoardCandidate, type RecordAmendment } from '@delib/protocol';
import { BTS_MCO, formatAverage } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rectifiedBoardRow } from './rectified-row';

const ROOM = 7;
const candidate: BoardCandidate = {
  id: 1,
  number: '02700001',
  lastName: 'ARNAUD',
  firstName: 'Léa',
  status: 'scolaire',
  lv1: 'anglais',
  lv2: null,
  options: [],
  stored: {
    U1: { mark: 12 },
    U21: { mark: 12 },
    U3: { mark: 12 },
    U5: { mark: 12 },
    U6: { mark: 12 },
  },
  commissionByUnit: { U22: ROOM, U41: ROOM, U42: ROOM },
};

function documents() {
  const doc = new Y.Doc();
  for (const unit of ['U22', 'U41', 'U42']) writeOralEntry(doc, 1, unit, { mark: 12 });
  return { commissions: new Map([[ROOM, doc]]), jury: null };
}

const rectification = (unit: string, input: 'entry' | 'adjustment' | 'control', after: unknown) =>
  ({
    id: 1,
    candidateId: 1,
    unit,
    input,
    before: null,
    after,
    reason: 'Erreur de report',
    decision: null,
    author: 'Claire Fontaine',
    createdAt: '2027-06-04T16:00:00.000Z',
  }) satisfies RecordAmendment;

describe('a locked board row with its rectifications', () => {
  it('is the locked row when nothing was rectified', () => {
    const row = rectifiedBoardRow(BTS_MCO, 2027, candidate, documents(), []);
    expect(row.decision).toBe('admis');
  });

  it('applies each rectification in order and recomputes the decision with the rules', () => {
    const row = rectifiedBoardRow(BTS_MCO, 2027, candidate, documents(), [
      rectification('U41', 'entry', { mark: 0 }),
      rectification('U42', 'entry', { mark: 0 }),
    ]);
    expect(row.entries.U41).toEqual({ mark: 0 });
    // (12 × 13,5 + 0 × 6 + 12 × 1,5) / 21 = 8,57, professional average 6: refused.
    expect(formatAverage(row.result?.average ?? null)).toBe('8,57');
    expect(row.decision).toBe('refuse');
    const adjusted = rectifiedBoardRow(BTS_MCO, 2027, candidate, documents(), [
      rectification('U41', 'entry', { mark: 0 }),
      rectification('U41', 'adjustment', { mark: 12 }),
    ]);
    expect(adjusted.adjustments.U41).toEqual({ mark: 12, reason: 'Erreur de report' });
    expect(adjusted.decision).toBe('admis');
  });

  it('applies the contrôle marks recorded after the lock, as the server does', () => {
    // U6 and U1 rectified to 4: average 204 / 21 = 9,71, professional average 120 / 12 = 10:
    // sent to the épreuves de contrôle.
    const sent = [
      rectification('U6', 'entry', { mark: 4 }),
      rectification('U1', 'entry', { mark: 4 }),
    ];
    const row = rectifiedBoardRow(BTS_MCO, 2027, candidate, documents(), sent);
    expect(row.decision).toBe('controle');
    // Culture générale at 16 replaces U1's 4: admitted, the first group kept beside.
    const admitted = rectifiedBoardRow(BTS_MCO, 2027, candidate, documents(), [
      ...sent,
      rectification('LV1', 'control', { mark: 10 }),
      rectification('U1', 'control', { mark: 16 }),
    ]);
    expect(admitted.decision).toBe('admis');
    expect(admitted.result?.firstGroup.decision).toBe('controle');
    expect(admitted.result?.control?.map((c) => [c.choice, c.mark, c.retained])).toEqual([
      ['U1', 16, true],
      ['LV1', 10, false],
    ]);
    // A contrôle mark removed: the decision follows.
    const removed = rectifiedBoardRow(BTS_MCO, 2027, candidate, documents(), [
      ...sent,
      rectification('U1', 'control', { mark: 16 }),
      rectification('U1', 'control', null),
    ]);
    expect(removed.decision).toBe('controle');
    expect(removed.result?.control).toBeNull();
  });
});
