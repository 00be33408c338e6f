import type {
  CandidateChanges,
  ImportProblem,
  MarkChange,
  ScheduleChanges,
  WrittenMarksChanges,
} from '@delib/protocol';

/** What an import preview or result says, in French sentences and tables. */

/** `1 candidat`, `3 candidats`: French plural (0 and 1 are singular). */
export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${value} ${value > 1 ? plural : singular}`;
}

/** Where a problem is: `Ligne 3` (1 is the header) and the column as written in the file. */
export function problemPlace(problem: ImportProblem): { line: string; column: string } {
  return {
    line: problem.line === null ? 'Fichier' : String(problem.line),
    column: problem.column ?? '—',
  };
}

/** `Le fichier comporte 3 problèmes sur 2 lignes : rien ne sera importé…`. */
export function problemsHeadline(problems: readonly ImportProblem[]): string {
  const lines = new Set(problems.map((problem) => problem.line).filter((line) => line !== null));
  const where = lines.size > 0 ? ` sur ${count(lines.size, 'ligne')}` : '';
  return `Le fichier comporte ${count(problems.length, 'problème')}${where} : rien ne sera importé tant que toutes les lignes ne sont pas valides. Corrigez le fichier puis choisissez-le à nouveau.`;
}

const SEPARATORS: Record<string, string> = {
  ';': 'point-virgule',
  ',': 'virgule',
  '\t': 'tabulation',
};

/** `32 lignes lues · UTF-8 · séparateur point-virgule`. */
export function readingSummary(report: {
  rows: number;
  encoding?: string | null;
  separator?: string | null;
}): string {
  const parts = [count(report.rows, 'ligne lue', 'lignes lues')];
  if (report.encoding) parts.push(report.encoding.toUpperCase());
  if (report.separator)
    parts.push(`séparateur ${SEPARATORS[report.separator] ?? report.separator}`);
  return parts.join(' · ');
}

export function candidateChangesSummary(changes: CandidateChanges): string[] {
  const lines = [
    count(changes.created.length, 'candidat créé', 'candidats créés'),
    count(changes.updated.length, 'candidat mis à jour', 'candidats mis à jour'),
    count(changes.unchanged, 'candidat inchangé', 'candidats inchangés'),
  ];
  if (changes.notInFile > 0) {
    lines.push(
      `${count(changes.notInFile, 'candidat absent', 'candidats absents')} du fichier (conservé${changes.notInFile > 1 ? 's' : ''})`,
    );
  }
  return lines;
}

export function writtenMarksSummary(changes: WrittenMarksChanges): string[] {
  return [
    changes.units.length > 0 ? `Unités du fichier : ${changes.units.join(', ')}` : '',
    count(changes.added, 'note ajoutée', 'notes ajoutées'),
    count(changes.unchanged, 'note inchangée', 'notes inchangées'),
    count(changes.modified.length, 'note modifiée', 'notes modifiées'),
  ].filter((line) => line !== '');
}

export function scheduleSummary(changes: ScheduleChanges): string[] {
  const lines = [
    count(changes.created.length, 'passage ajouté', 'passages ajoutés'),
    count(changes.updated.length, 'passage modifié', 'passages modifiés'),
    count(changes.unchanged, 'passage inchangé', 'passages inchangés'),
  ];
  if (changes.removed.length > 0) {
    lines.push(count(changes.removed.length, 'passage retiré', 'passages retirés'));
  }
  if (changes.leaving.length > 0) {
    lines.push(leavingSummary(changes.leaving.length));
  }
  if (changes.assignedToJury.length > 0) {
    lines.push(
      `${count(changes.assignedToJury.length, 'candidat rejoint', 'candidats rejoignent')} le jury de la salle`,
    );
  }
  return lines;
}

/** The passages a schedule removes, room by room (in the order the server listed them). */
export function removedByRoom(
  removed: readonly { number: string; commission: string }[],
): { commission: string; numbers: string[] }[] {
  const rooms = new Map<string, string[]>();
  for (const passage of removed) {
    const numbers = rooms.get(passage.commission) ?? [];
    numbers.push(passage.number);
    rooms.set(passage.commission, numbers);
  }
  return [...rooms].map(([commission, numbers]) => ({ commission, numbers }));
}

/** `2 saisies quittent le tableau du jury (conservées)`. */
export function leavingSummary(leaving: number): string {
  return `${count(leaving, 'saisie quitte', 'saisies quittent')} le tableau du jury (conservée${leaving > 1 ? 's' : ''})`;
}

/**
 * The schedule import's button says what it does: the passages of the file, those it
 * removes and, when entries leave the board, that it confirms them.
 */
export function scheduleImportLabel(report: {
  rows: number;
  changes: ScheduleChanges | null;
}): string {
  const passages = count(report.rows, 'passage');
  const removed = report.changes?.removed.length ?? 0;
  const leaving = report.changes?.leaving.length ?? 0;
  if (leaving > 0) {
    return `Confirmer et enregistrer : ${passages}, ${count(removed, 'retiré', 'retirés')}, ${count(leaving, 'saisie quitte', 'saisies quittent')} le tableau`;
  }
  if (removed > 0)
    return `Enregistrer le planning : ${passages}, ${count(removed, 'retiré', 'retirés')}`;
  return `Enregistrer le planning (${passages})`;
}

export interface CandidateMarkChanges {
  line: number;
  number: string;
  name: string;
  marks: { unit: string; before: string; after: string }[];
}

/** Stored written marks that an import would replace, grouped per candidate, in file order. */
export function marksByCandidate(modified: readonly MarkChange[]): CandidateMarkChanges[] {
  const byNumber = new Map<string, CandidateMarkChanges>();
  for (const change of modified) {
    let group = byNumber.get(change.number);
    if (!group) {
      group = { line: change.line, number: change.number, name: change.name, marks: [] };
      byNumber.set(change.number, group);
    }
    group.line = Math.min(group.line, change.line);
    group.marks.push({ unit: change.unit, before: change.beforeText, after: change.afterText });
  }
  return [...byNumber.values()].sort((a, b) => a.line - b.line);
}

/** The problems of a failed import, when the server sent its report in `details`. */
export function problemsOf(details: unknown): ImportProblem[] | null {
  if (typeof details !== 'object' || details === null || !('problems' in details)) return null;
  const { problems } = details as { problems: unknown };
  return Array.isArray(problems) ? (problems as ImportProblem[]) : null;
}
