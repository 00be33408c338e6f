import { candidateInput, type BoardCandidate } from '@delib/protocol';
import {
  computeResult,
  isRulesError,
  type Adjustment,
  type CandidateResult,
  type Decision,
  type Entry,
  type Regulation,
} from '@delib/rules';
import type * as Y from 'yjs';

/** The documents a jury's results are read from. */
export interface JuryDocuments {
  /** The current document of each commission, by commission id. */
  commissions: ReadonlyMap<number, Y.Doc>;
  /** The jury's own document (adjustments, contrôle marks), once open. */
  jury: Y.Doc | null;
}

/** One line of the president's board. */
export interface BoardRow {
  candidate: BoardCandidate;
  /** Every entry of the candidate: stored (written, bénéfices, dispenses) and live orals. */
  entries: Readonly<Record<string, Entry | null | undefined>>;
  /** Jury adjustments by unit. */
  adjustments: Readonly<Record<string, Adjustment | null | undefined>>;
  /** The result, or null when the entries could not be computed (see `error`). */
  result: CandidateResult | null;
  /** French message of the `RulesError` that stopped the computation. */
  error: string | null;
}

/**
 * Computes one row with `@delib/rules`, from the same input the server's final record uses
 * (`candidateInput` of `@delib/protocol`). An invalid entry gives a row with its error.
 */
export function computeBoardRow(
  regulation: Regulation,
  session: number,
  candidate: BoardCandidate,
  documents: JuryDocuments,
): BoardRow {
  const input = candidateInput(candidate, session, documents.commissions, documents.jury);
  const row = { candidate, entries: input.units, adjustments: input.adjustments ?? {} };
  try {
    return { ...row, result: computeResult(regulation, input), error: null };
  } catch (error) {
    if (!isRulesError(error)) throw error;
    return { ...row, result: null, error: error.message };
  }
}

export type SortKey = 'number' | 'name' | 'average' | 'decision';
export type SortDirection = 'ascending' | 'descending';

/** Order of decisions when sorting: the settled ones first, rows in error last. */
const DECISION_ORDER: Record<Decision, number> = {
  admis: 0,
  controle: 1,
  refuse: 2,
  absent: 3,
  incomplet: 4,
};

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

function fullName(candidate: BoardCandidate): string {
  return `${candidate.lastName} ${candidate.firstName}`;
}

function compareBy(key: SortKey, a: BoardRow, b: BoardRow): number {
  switch (key) {
    case 'number':
      return collator.compare(a.candidate.number, b.candidate.number);
    case 'name':
      return collator.compare(fullName(a.candidate), fullName(b.candidate));
    case 'average':
      return (a.result?.average ?? 0) - (b.result?.average ?? 0);
    case 'decision': {
      const rank = (row: BoardRow) => (row.result ? DECISION_ORDER[row.result.decision] : 5);
      return rank(a) - rank(b);
    }
  }
}

/**
 * A sorted copy; ties keep the order of candidate numbers. Sorting by average puts the rows
 * without an average last, whatever the direction.
 */
export function sortRows(
  rows: readonly BoardRow[],
  key: SortKey,
  direction: SortDirection,
): BoardRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const unranked = (row: BoardRow) => key === 'average' && (row.result?.average ?? null) === null;
  return [...rows].sort(
    (a, b) =>
      Number(unranked(a)) - Number(unranked(b)) ||
      sign * compareBy(key, a, b) ||
      collator.compare(a.candidate.number, b.candidate.number),
  );
}

/** Counts of rows per decision, for the board's summary; rows in error under `error`. */
export function countDecisions(rows: readonly BoardRow[]): Record<Decision | 'error', number> {
  const counts: Record<Decision | 'error', number> = {
    admis: 0,
    controle: 0,
    refuse: 0,
    absent: 0,
    incomplet: 0,
    error: 0,
  };
  for (const row of rows) counts[row.result ? row.result.decision : 'error'] += 1;
  return counts;
}
