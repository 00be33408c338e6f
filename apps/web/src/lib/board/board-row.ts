import {
  candidateInput,
  candidateKey,
  readJuryValue,
  type BoardCandidate,
  type DecisionValue,
} from '@delib/protocol';
import {
  computeResult,
  isRulesError,
  type Adjustment,
  type CandidateResult,
  type ControlChoiceResult,
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
  /**
   * The president's confirmation (map `decisions`): of the computed decision, or of another
   * one when the marks changed since (see `confirmationState`).
   */
  confirmation: DecisionValue | null;
  /** The decision the rules give (nobody types one); null in error. */
  decision: Decision | null;
  /** The president recorded that the livret scolaire was consulted. */
  livretConsulted: boolean;
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
  const jury = documents.jury;
  const key = candidateKey(candidate.id);
  const row = {
    candidate,
    entries: input.units,
    adjustments: input.adjustments ?? {},
    confirmation: jury ? readJuryValue(jury, 'decisions', key) : null,
    livretConsulted: jury ? readJuryValue(jury, 'livret', key) !== null : false,
  };
  try {
    const result = computeResult(regulation, input);
    return { ...row, result, error: null, decision: result.decision };
  } catch (error) {
    if (!isRulesError(error)) throw error;
    return { ...row, result: null, error: error.message, decision: null };
  }
}

/**
 * A borderline candidate: an average from 9,50 to 9,99 (compared exactly, on the fraction),
 * the ones a jury looks at first.
 */
export function isBorderline(result: CandidateResult | null): boolean {
  const average = result?.averageExact;
  if (!average) return false;
  const hundredths = average.numerator * 100;
  return hundredths >= 950 * average.denominator && hundredths < 1000 * average.denominator;
}

/**
 * Rank in the "borderline first" order: borderline averages, then candidates sent to the
 * épreuves de contrôle, then incomplete ones, absent ones, the others, and rows in error.
 */
export function borderlineRank(row: BoardRow): number {
  if (!row.result) return 5;
  if (isBorderline(row.result)) return 0;
  switch (row.result.decision) {
    case 'controle':
      return 1;
    case 'incomplet':
      return 2;
    case 'absent':
      return 3;
    default:
      return 4;
  }
}

export type SortKey = 'number' | 'name' | 'average' | 'decision' | 'borderline';
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
      const rank = (row: BoardRow) => (row.decision ? DECISION_ORDER[row.decision] : 5);
      return rank(a) - rank(b);
    }
    case 'borderline': {
      const rank = borderlineRank(a) - borderlineRank(b);
      // Among borderline candidates, the closest to 10 first.
      if (rank !== 0 || borderlineRank(a) !== 0) return rank;
      return (b.result?.average ?? 0) - (a.result?.average ?? 0);
    }
  }
}

/**
 * A sorted copy; ties keep the order of candidate numbers. Sorting by average puts the rows
 * without an average last, whatever the direction; "borderline first" has one direction.
 */
export function sortRows(
  rows: readonly BoardRow[],
  key: SortKey,
  direction: SortDirection,
): BoardRow[] {
  const sign = direction === 'ascending' || key === 'borderline' ? 1 : -1;
  const unranked = (row: BoardRow) => key === 'average' && (row.result?.average ?? null) === null;
  return [...rows].sort(
    (a, b) =>
      Number(unranked(a)) - Number(unranked(b)) ||
      sign * compareBy(key, a, b) ||
      collator.compare(a.candidate.number, b.candidate.number),
  );
}

/** What the board shows: every row, the rows of one decision, or rows in error. */
export type DecisionFilter = 'all' | Decision | 'error';

export function filterRows(rows: readonly BoardRow[], filter: DecisionFilter): BoardRow[] {
  if (filter === 'all') return [...rows];
  return rows.filter((row) => (row.decision ?? 'error') === filter);
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
  for (const row of rows) counts[row.decision ?? 'error'] += 1;
  return counts;
}

/**
 * The épreuve de contrôle that replaces `unit` in the result, if any: the board shows it under
 * the first-group mark as the PV does (`C 12` retained, `(C 7)` not retained).
 */
export function controlOf(
  result: CandidateResult | null,
  unit: string,
): ControlChoiceResult | null {
  return result?.control?.find((choice) => choice.units.includes(unit)) ?? null;
}
