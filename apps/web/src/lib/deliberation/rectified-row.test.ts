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

const rectification = (unit: string, input: 'entry' | 'adjustment', after: unknown) =>
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
});
