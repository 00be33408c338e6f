/** What a unit can hold for one candidate (see "What a unit can hold" in the domain reference). */

/** A mark from 0 to 20 on the regulation's step. */
export interface MarkEntry {
  mark: number;
}

/** Absent: justified (force majeure, counts as 0) or unjustified (the candidate is `absent`). */
export interface AbsentEntry {
  absent: 'justified' | 'unjustified';
}

/** Dispensé: the unit leaves both the total and the divisor. */
export interface ExemptEntry {
  exempt: true;
}

/** Bénéfice: a mark ≥ 10 kept from an earlier session (the session year). */
export interface KeptEntry {
  kept: { mark: number; session: number };
}

export type Entry = MarkEntry | AbsentEntry | ExemptEntry | KeptEntry;

/** A jury adjustment: the mark the jury sets for a unit, with its mandatory reason. */
export interface Adjustment {
  mark: number;
  reason: string;
  /** Who set it (stored beside it; not used by the computation). */
  by?: string;
}
