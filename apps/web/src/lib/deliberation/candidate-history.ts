import {
  MEMBER_CATEGORY_LABELS,
  ROLE_LABELS,
  type MemberCategory,
  type Role,
} from '@delib/protocol';
import { frenchDateTime } from '../format/date-time';
import { DECISION_LABELS, formatEntry, formatMark, type Decision, type Entry } from '@delib/rules';

const ACTION_LABELS: Record<string, string> = {
  saisie: 'Saisie en salle',
  'saisie écartée': 'Saisie simultanée écartée',
  grille: 'Grille d’évaluation',
  'grille écartée': 'Grille simultanée écartée',
  ajustement: 'Ajustement du jury',
  décision: 'Décision du jury',
  livret: 'Livret scolaire',
  contrôle: 'Épreuves de contrôle',
  présence: 'Présence',
  note: 'Note de membre',
  rectificatif: 'Rectificatif',
  verrouillage: 'Verrouillage',
  signature: 'Signature',
  'import-notes': 'Import des notes écrites',
  'import-candidats': 'Import des candidats',
  'retrait-passage': 'Passage retiré (saisie conservée)',
  'retour-passage': 'Passage rétabli',
  'retrait-jury': 'Retrait du jury (saisie conservée)',
};

export function historyActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function historyRoleLabel(role: string | null): string {
  if (role === null) return '';
  return role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeEntry(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const [key] = keys;
  if (key === 'mark') return typeof value.mark === 'number';
  if (key === 'absent') return value.absent === 'justified' || value.absent === 'unjustified';
  if (key === 'exempt') return value.exempt === true;
  return key === 'kept' && isObject(value.kept);
}

/**
 * A value of the history in a few French words: `12,5`, `ABJ`, `14 (B2022)`, `Admis`,
 * `consulté`, `U1 : 12 · LV1 : 9,5`, `présent·e (Enseignant·e)`, `« texte »`,
 * `12 · décision calculée : Admis` (a rectificatif; `note de contrôle 14 · …` of a contrôle
 * mark), `—` for none.
 */
export function describeHistoryValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatMark(value);
  if (typeof value === 'string') return value;
  if (!isObject(value)) return JSON.stringify(value);
  if (looksLikeEntry(value)) return formatEntry(value as unknown as Entry);
  // A rectificatif: the entry, the adjustment or the contrôle mark corrected, and the decision
  // recomputed.
  if (
    typeof value.decision === 'string' &&
    ('entry' in value || 'adjustment' in value || 'control' in value)
  ) {
    const decision = DECISION_LABELS[value.decision as Decision] ?? value.decision;
    const input =
      'entry' in value
        ? describeHistoryValue(value.entry)
        : 'control' in value
          ? value.control === null
            ? 'sans note de contrôle'
            : `note de contrôle ${describeHistoryValue(value.control)}`
          : value.adjustment === null
            ? 'sans ajustement'
            : `ajustée à ${describeHistoryValue(value.adjustment)}`;
    return `${input} · décision calculée : ${decision}`;
  }
  if (typeof value.mark === 'number' && typeof value.reason === 'string') {
    return formatMark(value.mark);
  }
  if (typeof value.decision === 'string') {
    return DECISION_LABELS[value.decision as Decision] ?? value.decision;
  }
  if (value.consulted === true) return 'consulté';
  if (isObject(value.marks)) {
    const marks = Object.entries(value.marks)
      .filter((pair): pair is [string, number] => typeof pair[1] === 'number')
      .map(([choice, mark]) => `${choice} : ${formatMark(mark)}`);
    return marks.length === 0 ? '—' : marks.join(' · ');
  }
  if (typeof value.present === 'boolean') {
    const category = MEMBER_CATEGORY_LABELS[value.category as MemberCategory];
    return `${value.present ? 'présent·e' : 'absent·e'}${category ? ` (${category})` : ''}`;
  }
  if (typeof value.text === 'string') return `« ${value.text} »`;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * A value of the history for its action: a filled grid (`grille`, or `grille écartée` when a
 * concurrent grid overruled it) in words (`3 critères évalués`; the levels are printed on the
 * fiche d'évaluation), anything else as above.
 */
export function describeHistoryChange(action: string, value: unknown): string {
  if ((action === 'grille' || action === 'grille écartée') && isObject(value)) {
    const count = Object.keys(value).length;
    return `${count} critère${count > 1 ? 's' : ''} évalué${count > 1 ? 's' : ''}`;
  }
  return describeHistoryValue(value);
}

/**
 * `12 juin 2027 à 14 h 03 min 12 s` in Paris time (the one French time format of the pages and
 * the PDFs, to the second), or the text as given when it is not a date.
 */
export function historyTime(at: string): string {
  return frenchDateTime(at, { seconds: true }) ?? at;
}
