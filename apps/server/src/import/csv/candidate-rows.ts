import type { ImportProblem, KeptMarkCarried, StoredEntry } from '@delib/protocol';
import { carryKeptUnit, findUnit, isRulesError, parseMark, validateEntry } from '@delib/rules';
import type { Regulation } from '@delib/rules';
import { problem } from '../import-problem.js';
import { CANDIDATE_STATUSES, CONSENT_COLUMN, LANGUAGE_OPTION } from './candidate-format.js';
import type { CandidateRecord, CandidateStatus } from './candidate-format.js';
import { foldText, matchColumns } from './match-columns.js';
import type { ColumnSpec } from './match-columns.js';
import type { CsvTable } from './csv-table.js';

/**
 * Turns the rows of a candidate file into checked candidates, or into problems located by
 * line and column. Pure: the database is not read here (see import-candidates.ts for what
 * depends on what is already stored).
 *
 * Format (all ten columns required, any order, header matched regardless of case/accents):
 *   numéro            candidate number, letters/digits/hyphen, kept as written (`02700042`)
 *   nom, prénom       letters, spaces, hyphens, apostrophes
 *   date de naissance `14/03/2006` (also `2006-03-14`)
 *   statut            scolaire | apprenti | formation continue | individuel
 *   LV1               language of U21/U22 (`anglais`)
 *   options           optional units, separated by spaces: `UF1 UF3` (at most 2)
 *   LV2               language of UF1; required with UF1, different from LV1, empty otherwise
 *   bénéfices         `U1=12,5@2024 U3=11@2025`: unit=mark@session year, ≥ 10, still valid
 *   dispenses         `U1 U3`: exemptable units only
 *
 * and one optional column:
 *   consentement publication  `oui` / `non` (also `o`/`n`, `1`/`0`, `vrai`/`faux`, `x`; empty:
 *                     non): the candidate consents to their name on the published list of
 *                     admitted candidates. Without the column, new candidates have no
 *                     consent and stored ones keep theirs (`publicationConsent` null).
 */

type Field =
  | 'number'
  | 'lastName'
  | 'firstName'
  | 'birthDate'
  | 'status'
  | 'lv1'
  | 'options'
  | 'lv2'
  | 'benefices'
  | 'dispenses'
  | 'consent';

const SPECS: readonly ColumnSpec<Field>[] = [
  {
    field: 'number',
    label: 'numéro',
    aliases: ['numero candidat', 'numero de candidat', 'n candidat', 'n', 'no', 'num'],
    required: true,
  },
  { field: 'lastName', label: 'nom', aliases: ['nom de famille', 'nom d usage'], required: true },
  { field: 'firstName', label: 'prénom', aliases: ['prenoms'], required: true },
  {
    field: 'birthDate',
    label: 'date de naissance',
    aliases: ['naissance', 'date naissance', 'ne le', 'ne e le'],
    required: true,
  },
  { field: 'status', label: 'statut', aliases: ['statut du candidat'], required: true },
  { field: 'lv1', label: 'LV1', aliases: ['langue vivante 1'], required: true },
  {
    field: 'options',
    label: 'options',
    aliases: ['option', 'unites facultatives', 'epreuves facultatives', 'facultatives'],
    required: true,
  },
  { field: 'lv2', label: 'LV2', aliases: ['langue vivante 2'], required: true },
  {
    field: 'benefices',
    label: 'bénéfices',
    aliases: ['benefice', 'notes conservees'],
    required: true,
  },
  { field: 'dispenses', label: 'dispenses', aliases: ['dispense'], required: true },
  {
    field: 'consent',
    label: CONSENT_COLUMN,
    aliases: [
      'consentement',
      'consentement a la publication',
      'accord publication',
      'accord de publication',
      'autorisation publication',
      'autorisation de publication',
      'publication',
      'publication du nom',
    ],
    required: false,
  },
];

/** Answers of the consent column, folded (`foldText`); an empty cell is no consent. */
const CONSENT_ANSWERS: Record<string, boolean> = {
  oui: true,
  o: true,
  '1': true,
  vrai: true,
  x: true,
  non: false,
  n: false,
  '0': false,
  faux: false,
  '': false,
};

const STATUS_ALIASES: Record<string, CandidateStatus> = {
  scolaire: 'scolaire',
  apprenti: 'apprenti',
  apprentie: 'apprenti',
  apprentissage: 'apprenti',
  'formation continue': 'formation continue',
  fc: 'formation continue',
  individuel: 'individuel',
  individuelle: 'individuel',
  'candidat individuel': 'individuel',
};

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,29}$/;
const NAME = /^\p{L}[\p{L}\p{M} '’.-]{0,99}$/u;
const LANGUAGE = /^\p{L}[\p{L}\p{M} '’-]{1,39}$/u;
const FRENCH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BENEFICE = /^([A-Za-z0-9]+)=(.+)@(\d{4})$/;

/**
 * A candidate as one line of a file gives it: `publicationConsent` is null when the file has no
 * consent column (a stored candidate then keeps theirs).
 */
export type CandidateLine = Omit<CandidateRecord, 'publicationConsent'> & {
  line: number;
  publicationConsent: boolean | null;
};

export interface CandidateRows {
  /** Checked candidates, with the line each comes from. */
  candidates: CandidateLine[];
  problems: ImportProblem[];
  /** Header cells that match no column, as written: they are not read. */
  ignoredColumns: string[];
  /** Bénéfices read in a former numbering and carried into the session's (carry-kept-marks). */
  carried: KeptMarkCarried[];
}

function singleSpaced(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `14/03/2006` or `2006-03-14` → `2006-03-14`, or null when it is no real date. */
export function readBirthDate(text: string): string | null {
  const french = FRENCH_DATE.exec(text);
  const iso = ISO_DATE.exec(text);
  let year: number, month: number, day: number;
  if (french) [day, month, year] = [Number(french[1]), Number(french[2]), Number(french[3])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Unit codes of a list cell: `UF1 UF3`, `uf1, uf3`, `UF1+UF3`. */
function unitList(text: string): string[] {
  return text
    .split(/[\s,;+/]+/)
    .map((code) => code.toUpperCase())
    .filter(Boolean);
}

/** `Anglais ` → `anglais`; compared with `foldText` (accents and case ignored). */
function language(text: string): string {
  return singleSpaced(text).toLowerCase();
}

export function candidateRows(
  table: CsvTable,
  regulation: Regulation,
  sessionYear: number,
): CandidateRows {
  const columns = matchColumns(table.header, table.headerLine, SPECS);
  const ignoredColumns = columns.unmatched.map((column) => column.name);
  if (columns.problems.length > 0)
    return { candidates: [], problems: columns.problems, ignoredColumns, carried: [] };
  const index = columns.index as Record<Field, number>;
  const consentGiven = columns.index.consent !== undefined;
  const columnName = (field: Field): string => table.header[index[field]] as string;
  const problems: ImportProblem[] = [];
  const candidates: CandidateLine[] = [];
  const seen = new Map<string, number>();
  const carried: KeptMarkCarried[] = [];
  const maxOptions = regulation.settings.maxOptionalUnits;

  for (const row of table.rows) {
    const { line } = row;
    const before = problems.length;
    const cell = (field: Field): string => row.values[index[field]] ?? '';
    const report = (field: Field | null, code: string, message: string): void => {
      problems.push(problem(line, field === null ? null : columnName(field), code, message));
    };
    const required = (field: Field, missing: string): string | null => {
      const value = cell(field);
      if (value === '') report(field, 'REQUIRED', missing);
      return value === '' ? null : value;
    };

    if (row.extra > 0) {
      report(
        null,
        'EXTRA_FIELDS',
        `La ligne compte ${row.extra} champ${row.extra > 1 ? 's' : ''} de plus que l’en-tête : une valeur contient-elle un « ${table.separator === '\t' ? 'tabulation' : table.separator} » sans guillemets ?`,
      );
    }

    const number = required('number', 'Numéro de candidat manquant.');
    if (number !== null) {
      if (!NUMBER.test(number)) {
        report(
          'number',
          'INVALID_CANDIDATE_NUMBER',
          `Numéro de candidat « ${number} » invalide : lettres, chiffres et tirets seulement (30 au plus).`,
        );
      } else if (seen.has(number)) {
        report(
          'number',
          'DUPLICATE_NUMBER',
          `Numéro ${number} en double : déjà présent ligne ${seen.get(number)}.`,
        );
      } else seen.set(number, line);
    }

    const names: Record<'lastName' | 'firstName', string | null> = {
      lastName: null,
      firstName: null,
    };
    for (const [field, what] of [
      ['lastName', 'Nom'],
      ['firstName', 'Prénom'],
    ] as const) {
      const value = required(field, `${what} manquant.`);
      if (value === null) continue;
      const name = singleSpaced(value);
      if (!NAME.test(name)) {
        report(
          field,
          'INVALID_NAME',
          `${what} « ${value} » refusé : lettres, espaces, tirets, apostrophes et points seulement.`,
        );
      } else names[field] = name;
    }

    let birthDate: string | null = null;
    const birthText = required('birthDate', 'Date de naissance manquante.');
    if (birthText !== null) {
      birthDate = readBirthDate(birthText);
      const year = birthDate ? Number(birthDate.slice(0, 4)) : 0;
      if (!birthDate) {
        report(
          'birthDate',
          'INVALID_DATE',
          FRENCH_DATE.test(birthText) || ISO_DATE.test(birthText)
            ? `Date de naissance « ${birthText} » inexistante : ce jour n’existe pas dans ce mois.`
            : `Date de naissance « ${birthText} » illisible : attendu JJ/MM/AAAA, par exemple 14/03/2006.`,
        );
      } else if (year < 1900 || year > sessionYear - 14) {
        report(
          'birthDate',
          'INVALID_DATE',
          `Date de naissance « ${birthText} » invraisemblable pour la session ${sessionYear}.`,
        );
        birthDate = null;
      }
    }

    let status: CandidateStatus | null = null;
    const statusText = required('status', 'Statut manquant.');
    if (statusText !== null) {
      status = STATUS_ALIASES[foldText(statusText)] ?? null;
      if (!status) {
        report(
          'status',
          'UNKNOWN_STATUS',
          `Statut « ${statusText} » inconnu : attendu ${CANDIDATE_STATUSES.join(', ')}.`,
        );
      }
    }

    let lv1: string | null = null;
    const lv1Text = required('lv1', 'LV1 manquante.');
    if (lv1Text !== null) {
      if (!LANGUAGE.test(singleSpaced(lv1Text))) {
        report(
          'lv1',
          'INVALID_LANGUAGE',
          `LV1 « ${lv1Text} » illisible : attendu une langue, par exemple anglais.`,
        );
      } else lv1 = language(lv1Text);
    }

    const options: string[] = [];
    for (const code of unitList(cell('options'))) {
      const unit = findUnit(regulation, code);
      if (!unit) {
        report(
          'options',
          'UNKNOWN_UNIT',
          `Unité facultative « ${code} » inconnue du règlement ${regulation.id}.`,
        );
      } else if (!unit.optional) {
        report(
          'options',
          'NOT_OPTIONAL',
          `${code} n’est pas une unité facultative : les options possibles sont ${regulation.units
            .filter((item) => item.optional)
            .map((item) => item.code)
            .join(', ')}.`,
        );
      } else if (options.includes(code)) {
        report('options', 'DUPLICATE_UNIT', `${code} est indiquée deux fois.`);
      } else options.push(code);
    }
    if (options.length > maxOptions) {
      report(
        'options',
        'TOO_MANY_OPTIONS',
        `${options.length} unités facultatives (${options.join(', ')}) : un candidat en présente au plus ${maxOptions}.`,
      );
    }

    let lv2: string | null = null;
    const lv2Text = cell('lv2');
    if (options.includes(LANGUAGE_OPTION)) {
      if (lv2Text === '') {
        report(
          'lv2',
          'LV2_REQUIRED',
          `L’unité ${LANGUAGE_OPTION} est choisie : indiquer sa langue (LV2).`,
        );
      } else if (!LANGUAGE.test(singleSpaced(lv2Text))) {
        report(
          'lv2',
          'INVALID_LANGUAGE',
          `LV2 « ${lv2Text} » illisible : attendu une langue, par exemple espagnol.`,
        );
      } else if (lv1 !== null && foldText(lv2Text) === foldText(lv1)) {
        report(
          'lv2',
          'LV2_EQUALS_LV1',
          `La LV2 (${language(lv2Text)}) doit être différente de la LV1 (${lv1}).`,
        );
      } else lv2 = language(lv2Text);
    } else if (lv2Text !== '') {
      report(
        'lv2',
        'LV2_WITHOUT_OPTION',
        `LV2 « ${lv2Text} » indiquée sans l’unité ${LANGUAGE_OPTION} dans les options : ajouter ${LANGUAGE_OPTION} ou vider la LV2.`,
      );
    }

    const entries: Record<string, StoredEntry> = {};
    const checkEntry = (field: Field, unit: string, entry: StoredEntry): void => {
      try {
        validateEntry(regulation, unit, entry, sessionYear);
        entries[unit] = entry;
      } catch (error) {
        if (!isRulesError(error)) throw error;
        report(field, error.code, error.message);
      }
    };
    const beneficesText = cell('benefices').replace(/\s*([=@])\s*/g, '$1');
    for (const token of beneficesText.split(/\s+/).filter(Boolean)) {
      const match = BENEFICE.exec(token);
      if (!match) {
        report(
          'benefices',
          'INVALID_BENEFICE',
          `Bénéfice « ${token} » illisible : attendu unité=note@année, par exemple U1=12,5@2024.`,
        );
        continue;
      }
      const keptSession = Number(match[3]);
      let unit: string;
      try {
        const carriedUnit = carryKeptUnit(
          regulation.id,
          (match[1] as string).toUpperCase(),
          keptSession,
        );
        unit = carriedUnit.code;
        if (carriedUnit.carriedFrom !== null) {
          carried.push({
            line,
            number: number ?? '',
            from: carriedUnit.carriedFrom,
            to: unit,
            session: keptSession,
          });
        }
      } catch (error) {
        if (!isRulesError(error)) throw error;
        report('benefices', error.code, error.message);
        continue;
      }
      if (!findUnit(regulation, unit)) {
        report(
          'benefices',
          'UNKNOWN_UNIT',
          `Bénéfice pour l’unité « ${unit} », inconnue du règlement ${regulation.id}.`,
        );
        continue;
      }
      if (unit in entries) {
        report('benefices', 'DUPLICATE_UNIT', `Deux bénéfices pour l’unité ${unit}.`);
        continue;
      }
      let mark: number;
      try {
        mark = parseMark(match[2] as string, regulation);
      } catch (error) {
        if (!isRulesError(error)) throw error;
        report('benefices', error.code, `Bénéfice de l’unité ${unit} : ${error.message}`);
        continue;
      }
      checkEntry('benefices', unit, { kept: { mark, session: keptSession } });
    }
    const dispensed = new Set<string>();
    for (const unit of unitList(cell('dispenses'))) {
      if (!findUnit(regulation, unit)) {
        report(
          'dispenses',
          'UNKNOWN_UNIT',
          `Dispense de l’unité « ${unit} », inconnue du règlement ${regulation.id}.`,
        );
      } else if (dispensed.has(unit)) {
        report('dispenses', 'DUPLICATE_UNIT', `Dispense de l’unité ${unit} indiquée deux fois.`);
      } else if (unit in entries) {
        report(
          'dispenses',
          'BENEFICE_AND_DISPENSE',
          `L’unité ${unit} a à la fois un bénéfice et une dispense : garder l’un des deux.`,
        );
      } else {
        dispensed.add(unit);
        checkEntry('dispenses', unit, { exempt: true });
      }
    }

    let publicationConsent: boolean | null = null;
    if (consentGiven) {
      const answer = CONSENT_ANSWERS[foldText(cell('consent'))];
      if (answer === undefined) {
        report(
          'consent',
          'INVALID_CONSENT',
          `Consentement à la publication « ${cell('consent')} » illisible : attendu oui ou non (ou 1 / 0) ; une case vide vaut non.`,
        );
      } else publicationConsent = answer;
    }

    if (problems.length > before) continue;
    candidates.push({
      line,
      number: number as string,
      lastName: names.lastName as string,
      firstName: names.firstName as string,
      birthDate: birthDate as string,
      status: status as CandidateStatus,
      lv1: lv1 as string,
      lv2,
      options,
      entries,
      publicationConsent,
    });
  }
  return { candidates, problems, ignoredColumns, carried };
}
