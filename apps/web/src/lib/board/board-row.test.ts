import {
  writeJuryValue,
  writeOralEntry,
  adjustmentKey,
  type BoardCandidate,
  type OralEntry,
} from '@delib/protocol';
import { BTS_MCO, computeResult, formatAverage } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  borderlineRank,
  computeBoardRow,
  controlOf,
  countDecisions,
  filterRows,
  isBorderline,
  sortRows,
  type JuryDocuments,
} from './board-row';

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

/** Written marks and oral marks of one candidate, all of `mark` unless given. */
function marks(mark: number, others: Record<string, number | OralEntry> = {}) {
  const all: Record<string, number | OralEntry> = {
    U1: mark,
    U21: mark,
    U22: mark,
    U3: mark,
    U41: mark,
    U42: mark,
    U5: mark,
    U6: mark,
    ...others,
  };
  const entry = (value: number | OralEntry): OralEntry =>
    typeof value === 'number' ? { mark: value } : value;
  const stored: BoardCandidate['stored'] = {};
  const orals: Record<string, OralEntry> = {};
  for (const [unit, value] of Object.entries(all)) {
    if (['U22', 'U41', 'U42'].includes(unit)) orals[unit] = entry(value);
    else stored[unit] = entry(value) as BoardCandidate['stored'][string];
  }
  return { stored, orals };
}

describe('borderline first', () => {
  const cases: [number, string, ReturnType<typeof marks> | null][] = [
    [1, 'admis 12', marks(12)],
    [2, 'borderline 9,50, refused', marks(9.5)],
    [3, 'incomplete', { stored: WRITTEN_12, orals: {} }],
    [4, 'borderline 9,85, contrôle', marks(9.5, { U41: 11, U42: 10.5 })],
    [5, 'contrôle 8,42', marks(11, { U1: 5, U21: 5, U22: 5, U3: 5 })],
    [6, 'absent', marks(12, { U5: { absent: 'unjustified' } })],
  ];
  const cells: Record<string, OralEntry> = {};
  for (const [id, , data] of cases) {
    for (const [unit, entry] of Object.entries(data?.orals ?? {})) cells[`${id}:${unit}`] = entry;
  }
  const documents = roomWith(cells);
  const rows = cases.map(([id, name, data]) =>
    computeBoardRow(
      BTS_MCO,
      2025,
      candidate(id, `000${id}`, name, data?.stored ?? WRITTEN_12),
      documents,
    ),
  );

  it('knows a borderline average exactly: 9,50 to 9,99', () => {
    expect(rows.map((row) => isBorderline(row.result))).toEqual([
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(rows.map(borderlineRank)).toEqual([4, 0, 2, 0, 1, 3]);
  });

  it('puts the borderline averages first (closest to 10 first), then contrôle, incomplete, absent', () => {
    const order = sortRows(rows, 'borderline', 'descending').map((row) => row.candidate.number);
    expect(order).toEqual(['0004', '0002', '0005', '0003', '0006', '0001']);
  });

  it('filters by the computed decision, whatever the jury document says', () => {
    const jury = new Y.Doc();
    // A confirmation naming another decision (the marks changed since) decides nothing.
    writeJuryValue(jury, 'decisions', '2', { decision: 'admis', reason: 'Livret excellent' });
    const withJury = cases.map(([id, name, data]) =>
      computeBoardRow(BTS_MCO, 2025, candidate(id, `000${id}`, name, data?.stored ?? WRITTEN_12), {
        ...documents,
        jury,
      }),
    );
    const admitted = filterRows(withJury, 'admis').map((row) => row.candidate.number);
    expect(admitted).toEqual(['0001']);
    expect(withJury[1]?.decision).toBe('refuse');
    expect(filterRows(withJury, 'refuse').map((row) => row.candidate.number)).toContain('0002');
    expect(withJury[1]?.confirmation).toEqual({ decision: 'admis', reason: 'Livret excellent' });
    expect(filterRows(withJury, 'controle')).toHaveLength(2);
    expect(filterRows(withJury, 'all')).toHaveLength(6);
  });
});

describe('controlOf', () => {
  it('finds the épreuve de contrôle that replaces a unit, retained or not', () => {
    const mark = (value: number) => ({ mark: value });
    const result = computeResult(BTS_MCO, {
      session: 2027,
      units: {
        U1: mark(8),
        U21: mark(8),
        U22: mark(9),
        U3: mark(9),
        U41: mark(10),
        U42: mark(10),
        U5: mark(10),
        U6: mark(10),
      },
      control: { U1: 12, U3: 7 },
    });
    expect(controlOf(result, 'U1')).toMatchObject({ mark: 12, retained: true });
    expect(controlOf(result, 'U3')).toMatchObject({ mark: 7, retained: false });
    expect(controlOf(result, 'U41')).toBeNull();
    expect(controlOf(null, 'U1')).toBeNull();
  });
});
