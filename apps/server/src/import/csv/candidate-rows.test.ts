import { BTS_MCO } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import { candidateCells } from './candidate-format.js';
import { candidateRows, readBirthDate } from './candidate-rows.js';
import { readCsv } from './read-csv.js';

const HEADER = 'numéro;nom;prénom;date de naissance;statut;LV1;options;LV2;bénéfices;dispenses';

function rows(lines: string[], header = HEADER) {
  const reading = readCsv(Buffer.from([header, ...lines].join('\r\n'), 'utf8'));
  if (!reading.ok) throw new Error(reading.problem.message);
  return candidateRows(reading.table, BTS_MCO, 2027);
}

function problemsOf(lines: string[]) {
  return rows(lines).problems.map(({ line, column, code }) => ({ line, column, code }));
}

describe('candidate rows', () => {
  it('reads a full line into a checked candidate', () => {
    const result = rows([
      '02700001;DUPONT;Marie-Ève;14/03/2006;Formation continue;Anglais;UF1 UF3;Espagnol;U1=12,5@2024 U22=14@2025;U3',
    ]);
    expect(result.problems).toEqual([]);
    expect(result.candidates).toEqual([
      {
        line: 2,
        number: '02700001',
        lastName: 'DUPONT',
        firstName: 'Marie-Ève',
        birthDate: '2006-03-14',
        status: 'formation continue',
        lv1: 'anglais',
        lv2: 'espagnol',
        options: ['UF1', 'UF3'],
        entries: {
          U1: { kept: { mark: 12.5, session: 2024 } },
          U22: { kept: { mark: 14, session: 2025 } },
          U3: { exempt: true },
        },
        // No consent column: a stored candidate keeps their consent (import-candidates.ts).
        publicationConsent: null,
      },
    ]);
    const [candidate] = result.candidates;
    if (!candidate) throw new Error('no candidate');
    expect(candidateCells(BTS_MCO, { ...candidate, publicationConsent: false })).toMatchObject({
      'date de naissance': '14/03/2006',
      bénéfices: 'U1=12,5@2024 U22=14@2025',
      dispenses: 'U3',
    });
  });

  it('matches headers whatever their case, accents and order; ignores unknown columns', () => {
    const result = rows(
      ['Anglais;;;;apprenti;2006-01-02;Léa;MARTIN;02700002;;Établissement X'],
      'lv1;Dispenses;Benefices;LV2;STATUT;Date_de_naissance;PRENOM;Nom;Numero;Options;Établissement',
    );
    expect(result.problems).toEqual([]);
    expect(result.ignoredColumns).toEqual(['Établissement']);
    expect(result.candidates[0]).toMatchObject({
      number: '02700002',
      status: 'apprenti',
      lv1: 'anglais',
    });
  });

  it('names a missing column on the header line', () => {
    const result = rows(
      ['1;A;B;01/01/2006;scolaire;anglais;;;'],
      'numéro;nom;prénom;date de naissance;statut;LV1;options;LV2;bénéfices',
    );
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 1, column: 'dispenses', code: 'MISSING_COLUMN' }),
    ]);
  });

  it('tells a date that does not exist from one it cannot read', () => {
    const messages = (birth: string): string[] =>
      rows([`02700001;DUPONT;Marie;${birth};scolaire;anglais;;;;`]).problems.map(
        (problem) => problem.message,
      );
    expect(messages('31/02/2008')).toEqual([
      'Date de naissance « 31/02/2008 » inexistante : ce jour n’existe pas dans ce mois.',
    ]);
    expect(messages('2008-02-30')).toEqual([
      'Date de naissance « 2008-02-30 » inexistante : ce jour n’existe pas dans ce mois.',
    ]);
    expect(messages('31 février 2008')).toEqual([
      'Date de naissance « 31 février 2008 » illisible : attendu JJ/MM/AAAA, par exemple 14/03/2006.',
    ]);
  });

  it('lists every problem of every line, with line and column', () => {
    expect(
      problemsOf([
        '02700001;DUPONT;Marie;31/02/2006;scolaire;anglais;;;;',
        '02700002;MARTIN;Paul;01/01/2006;lycéen;anglais;UF1 UF2 UF3;espagnol;;',
        '02700001;LEROY;Jade;01/01/2006;scolaire;anglais;UF1;Anglais;;',
        ';=HYPERLINK("x");Tom;01/01/2006;scolaire;;U41 UF9;;U1=9@2024 U3=12@2021 U5=25@2025;U41 U9',
        '02700005;ROUX;Zoé;01/01/2006;individuel;allemand;UF1;;U1=12@2024;U1',
        '02700006;NOËL;Léo;01/01/2006;apprenti;anglais;UF3;espagnol;U1=douze;',
      ]),
    ).toEqual([
      { line: 2, column: 'date de naissance', code: 'INVALID_DATE' },
      { line: 3, column: 'statut', code: 'UNKNOWN_STATUS' },
      { line: 3, column: 'options', code: 'TOO_MANY_OPTIONS' },
      { line: 4, column: 'numéro', code: 'DUPLICATE_NUMBER' },
      { line: 4, column: 'LV2', code: 'LV2_EQUALS_LV1' },
      { line: 5, column: 'numéro', code: 'REQUIRED' },
      { line: 5, column: 'nom', code: 'INVALID_NAME' },
      { line: 5, column: 'LV1', code: 'REQUIRED' },
      { line: 5, column: 'options', code: 'NOT_OPTIONAL' },
      { line: 5, column: 'options', code: 'UNKNOWN_UNIT' },
      { line: 5, column: 'bénéfices', code: 'INVALID_KEPT_MARK' },
      { line: 5, column: 'bénéfices', code: 'EXPIRED_KEPT_MARK' },
      { line: 5, column: 'bénéfices', code: 'INVALID_MARK' },
      { line: 5, column: 'dispenses', code: 'NOT_EXEMPTABLE' },
      { line: 5, column: 'dispenses', code: 'UNKNOWN_UNIT' },
      { line: 6, column: 'LV2', code: 'LV2_REQUIRED' },
      { line: 6, column: 'dispenses', code: 'BENEFICE_AND_DISPENSE' },
      { line: 7, column: 'LV2', code: 'LV2_WITHOUT_OPTION' },
      { line: 7, column: 'bénéfices', code: 'INVALID_BENEFICE' },
    ]);
  });

  it('explains in French, naming the value at fault', () => {
    const messages = rows([
      '02700001;DUPONT;Marie;01/01/2006;scolaire;anglais;UF1 UF2 UF3;espagnol;U1=12@2021;',
    ]).problems.map((item) => item.message);
    expect(messages).toEqual([
      '3 unités facultatives (UF1, UF2, UF3) : un candidat en présente au plus 2.',
      'Bénéfice expiré pour l’unité U1 : la note 12 de la session 2021 valait jusqu’à la session 2026, pas en 2027.',
    ]);
  });

  it('reports a line with more fields than the header (an unquoted separator)', () => {
    expect(
      problemsOf(['02700001;DUPONT; Jr;Marie;01/01/2006;scolaire;anglais;;;;U1']),
    ).toContainEqual({
      line: 2,
      column: null,
      code: 'EXTRA_FIELDS',
    });
  });

  it('reads birth dates in the French and ISO forms, and refuses impossible ones', () => {
    expect(readBirthDate('1/2/2006')).toBe('2006-02-01');
    expect(readBirthDate('2006-02-01')).toBe('2006-02-01');
    expect(readBirthDate('29/02/2007')).toBeNull();
    expect(readBirthDate('29/02/2008')).toBe('2008-02-29');
    expect(readBirthDate('2006/02/01')).toBeNull();
  });

  it('reads the consent to publication: oui/non, o/n, 1/0, vrai/faux, x; empty is non', () => {
    const header = `${HEADER};Consentement publication`;
    const answers = ['oui', 'NON', 'o', 'n', '1', '0', 'Vrai', 'faux', 'x', ''];
    const result = rows(
      answers.map(
        (answer, index) => `0270000${index};DUPONT;Marie;01/01/2006;scolaire;anglais;;;;;${answer}`,
      ),
      header,
    );
    expect(result.problems).toEqual([]);
    expect(result.candidates.map((candidate) => candidate.publicationConsent)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });

  it('refuses a consent it cannot read, naming its line, column and value', () => {
    const result = rows(
      [
        '02700001;DUPONT;Marie;01/01/2006;scolaire;anglais;;;;;oui',
        '02700002;MARTIN;Léa;01/01/2006;scolaire;anglais;;;;;peut-être',
      ],
      `${HEADER};consentement`,
    );
    expect(result.problems).toEqual([
      {
        line: 3,
        column: 'consentement',
        code: 'INVALID_CONSENT',
        message:
          'Consentement à la publication « peut-être » illisible : attendu oui ou non (ou 1 / 0) ; une case vide vaut non.',
      },
    ]);
    expect(result.candidates.map((candidate) => candidate.number)).toEqual(['02700001']);
  });
});
