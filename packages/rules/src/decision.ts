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
