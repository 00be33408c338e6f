import type { StoredEntry } from '@delib/protocol';
import { formatMark, unitCodes } from '@delib/rules';
import type { Regulation } from '@delib/rules';

/**
 * The candidate file's columns, in the order of the documented format and of the export.
 * See ../README.md for the meaning of each column.
 */
export const CANDIDATE_COLUMNS = [
  'numéro',
  'nom',
  'prénom',
  'date de naissance',
  'statut',
  'LV1',
  'options',
  'LV2',
  'bénéfices',
  'dispenses',
  'consentement publication',
] as const;

/** The column of the candidate's consent to the publication of their name (optional in a file). */
export const CONSENT_COLUMN = 'consentement publication' satisfies CandidateColumn;

export type CandidateColumn = (typeof CANDIDATE_COLUMNS)[number];

export const CANDIDATE_STATUSES = [
  'scolaire',
  'apprenti',
  'formation continue',
  'individuel',
] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

/** The optional unit taken in a second language (LV2), which must differ from the LV1. */
export const LANGUAGE_OPTION = 'UF1';

/** A candidate as the candidate file describes it, once checked. */
export interface CandidateRecord {
  number: string;
  lastName: string;
  firstName: string;
  /** ISO date, `2006-03-14`. */
  birthDate: string;
  status: CandidateStatus;
  lv1: string;
  lv2: string | null;
  /** Optional units, in the regulation's order. */
  options: string[];
  /** Bénéfices (`kept`) and dispenses (`exempt`), by unit. */
  entries: Record<string, StoredEntry>;
  /**
   * The candidate consents to their name on the published list of admitted candidates;
   * without it the list shows their number only.
   */
  publicationConsent: boolean;
}

/** `2006-03-14` → `14/03/2006`. */
export function frenchDate(iso: string | null): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso ?? '');
}

function inRegulationOrder(regulation: Regulation, units: Iterable<string>): string[] {
  const order = unitCodes(regulation);
  return [...units].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** `U1=12,5@2024 U3=11@2025`. */
export function formatBenefices(
  regulation: Regulation,
  entries: Record<string, StoredEntry>,
): string {
  return inRegulationOrder(regulation, Object.keys(entries))
    .flatMap((unit) => {
      const entry = entries[unit];
      return entry && 'kept' in entry
        ? [`${unit}=${formatMark(entry.kept.mark)}@${entry.kept.session}`]
        : [];
    })
    .join(' ');
}

/** `U1 U3`. */
export function formatDispenses(
  regulation: Regulation,
  entries: Record<string, StoredEntry>,
): string {
  return inRegulationOrder(regulation, Object.keys(entries))
    .filter((unit) => {
      const entry = entries[unit];
      return entry !== undefined && 'exempt' in entry;
    })
    .join(' ');
}

/** The cells of a candidate's line, exactly as the export writes them. */
export function candidateCells(
  regulation: Regulation,
  candidate: CandidateRecord,
): Record<CandidateColumn, string> {
  return {
    numéro: candidate.number,
    nom: candidate.lastName,
    prénom: candidate.firstName,
    'date de naissance': frenchDate(candidate.birthDate),
    statut: candidate.status,
    LV1: candidate.lv1,
    options: inRegulationOrder(regulation, candidate.options).join(' '),
    LV2: candidate.lv2 ?? '',
    bénéfices: formatBenefices(regulation, candidate.entries),
    dispenses: formatDispenses(regulation, candidate.entries),
    'consentement publication': candidate.publicationConsent ? 'oui' : 'non',
  };
}

/** Only the entries a candidate file holds: bénéfices and dispenses. */
export function candidateFileEntries(
  entries: Record<string, StoredEntry>,
): Record<string, StoredEntry> {
  const kept: Record<string, StoredEntry> = {};
  for (const [unit, entry] of Object.entries(entries)) {
    if ('kept' in entry || 'exempt' in entry) kept[unit] = entry;
  }
  return kept;
}
