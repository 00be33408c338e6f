/** The jury's decision for one candidate (see "The decision" in the domain reference). */
export type Decision = 'incomplet' | 'absent' | 'admis' | 'controle' | 'refuse';

export const DECISIONS: readonly Decision[] = [
  'incomplet',
  'absent',
  'admis',
  'controle',
  'refuse',
];

/** French labels for the interface and the minute. */
export const DECISION_LABELS: Readonly<Record<Decision, string>> = Object.freeze({
  admis: 'Admis',
  controle: 'Épreuves de contrôle',
  refuse: 'Refusé',
  incomplet: 'Incomplet',
  absent: 'Absent',
});

/**
 * Whether an output shows a candidate's professional average: it serves only the épreuves de
 * contrôle, closed to an absent candidate, whose professional average every output (the
 * minute, the board, the deliberation panel, the results CSV) shows as « — ».
 */
export function showsProfessionalAverage(decision: Decision): boolean {
  return decision !== 'absent';
}
