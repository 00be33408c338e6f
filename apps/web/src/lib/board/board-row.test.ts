import {
  writeJuryValue,
  writeOralEntry,
  adjustmentKey,
  type BoardCandidate,
  type OralEntry,
} from '@delib/protocol';
import { BTS_MCO, formatAverage } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { computeBoardRow, countDecisions, sortRows, type JuryDocuments } from './board-row';

const ORAL_ROOM = 7;

function candidate(
  id: number,
  number: string,
  lastName: string,
  stored: BoardCandidate['stored'],
): BoardCandidate {
  return {
    id,
    number,
    lastName,
    firstName: 'Camille',
    status: 'scolaire',
    lv1: 'anglais',
    lv2: null,
    options: [],
    stored,
    commissionByUnit: { U22: ORAL_ROOM, U41: ORAL_ROOM, U42: ORAL_ROOM },
  };
}

const WRITTEN_12 = {
  U1: { mark: 12 },
  U21: { mark: 12 },
  U3: { mark: 12 },
  U5: { mark: 12 },
  U6: { mark: 12 },
};

/** A room document holding `cells` (`<candidateId>:<unit>` → entry). */
function roomWith(cells: Record<string, OralEntry>): JuryDocuments {
  const doc = new Y.Doc();
  for (const [key, entry] of Object.entries(cells)) {
    const [candidateId, unit] = key.split(':');
    writeOralEntry(doc, Number(candidateId), unit ?? '', entry);
  }
  return { commissions: new Map([[ORAL_ROOM, doc]]), jury: null };
}

const ORALS_12 = { '1:U22': { mark: 12 }, '1:U41': { mark: 12 }, '1:U42': { mark: 12 } };

describe('computeBoardRow', () => {
  it('completes the stored marks with the live oral ones and decides', () => {
    const row = computeBoardRow(
      BTS_MCO,
      2025,
      candidate(1, '0042', 'Durand', WRITTEN_12),
      roomWith(ORALS_12),
    );
    expect(row.error).toBeNull();
    expect(row.result?.decision).toBe('admis');
    expect(formatAverage(row.result?.averageExact ?? null)).toBe('12,00');
  });

  it('is incomplete while an oral mark is missing', () => {
    const row = computeBoardRow(
      BTS_MCO,
      2025,
      candidate(1, '0042', 'Durand', WRITTEN_12),
      roomWith({}),
    );
    expect(row.result?.decision).toBe('incomplet');
    expect(row.result?.missing).toEqual(['U22', 'U41', 'U42']);
  });

  it('keeps a row with the error message when a document holds an impossible mark', () => {
    const row = computeBoardRow(
      BTS_MCO,
      2025,
      candidate(1, '0042', 'Durand', WRITTEN_12),
      roomWith({ '1:U41': { mark: 21 } }),
    );
    expect(row.result).toBeNull();
    expect(row.error).toMatch(/U41/);
    expect(row.entries.U41).toEqual({ mark: 21 });
  });

  it('applies the jury’s adjustments from the jury document', () => {
    const documents = roomWith(ORALS_12);
    const jury = new Y.Doc();
    writeJuryValue(jury, 'adjustments', adjustmentKey(1, 'U41'), {
      mark: 15,
      reason: 'Erreur de report',
    });
    const row = computeBoardRow(BTS_MCO, 2025, candidate(1, '0042', 'Durand', WRITTEN_12), {
      ...documents,
      jury,
    });
    expect(row.adjustments.U41).toMatchObject({ mark: 15 });
    expect(formatAverage(row.result?.averageExact ?? null)).toBe('12,42');
  });
});

describe('sortRows', () => {
  const documents = roomWith({
    '1:U22': { mark: 15 },
    '1:U41': { mark: 15 },
    '1:U42': { mark: 15 },
    '3:U22': { mark: 4 },
    '3:U41': { mark: 4 },
    '3:U42': { mark: 4 },
  });
  const rows = [
    computeBoardRow(BTS_MCO, 2025, candidate(1, '0003', 'Bernard', WRITTEN_12), documents),
    computeBoardRow(BTS_MCO, 2025, candidate(2, '0001', 'Aubert', WRITTEN_12), documents),
    computeBoardRow(BTS_MCO, 2025, candidate(3, '0002', 'Éluard', WRITTEN_12), documents),
  ];
  const numbers = (sorted: typeof rows) => sorted.map((row) => row.candidate.number);

  it('sorts by number, by name (French collation) and by decision', () => {
    expect(numbers(sortRows(rows, 'number', 'ascending'))).toEqual(['0001', '0002', '0003']);
    expect(numbers(sortRows(rows, 'name', 'ascending'))).toEqual(['0001', '0003', '0002']);
    expect(numbers(sortRows(rows, 'decision', 'ascending'))).toEqual(['0003', '0002', '0001']);
  });

  it('puts rows without an average last in both directions', () => {
    expect(numbers(sortRows(rows, 'average', 'descending'))).toEqual(['0003', '0002', '0001']);
    expect(numbers(sortRows(rows, 'average', 'ascending'))).toEqual(['0002', '0003', '0001']);
  });

  it('counts the decisions', () => {
    expect(countDecisions(rows)).toMatchObject({ admis: 1, refuse: 1, incomplet: 1, error: 0 });
  });
});
