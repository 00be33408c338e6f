import { describe, expect, it } from 'vitest';
import type { MarkChange } from '@delib/protocol';
import {
  candidateChangesSummary,
  count,
  marksByCandidate,
  problemPlace,
  problemsHeadline,
  problemsOf,
  readingSummary,
  leavingSummary,
  removedByRoom,
  scheduleImportLabel,
  scheduleSummary,
  writtenMarksSummary,
} from './import-summary';

describe('import summaries', () => {
  it('counts in French', () => {
    expect(count(0, 'note')).toBe('0 note');
    expect(count(1, 'note')).toBe('1 note');
    expect(count(2, 'candidat créé', 'candidats créés')).toBe('2 candidats créés');
  });

  it('locates every problem by line and column', () => {
    expect(
      problemPlace({ line: 3, column: 'Date de naissance', code: 'INVALID_DATE', message: '' }),
    ).toEqual({ line: '3', column: 'Date de naissance' });
    expect(problemPlace({ line: null, column: null, code: 'EMPTY_FILE', message: '' })).toEqual({
      line: 'Fichier',
      column: '—',
    });
    const headline = problemsHeadline([
      { line: 2, column: 'nom', code: 'REQUIRED', message: '' },
      { line: 2, column: 'statut', code: 'UNKNOWN_STATUS', message: '' },
      { line: 5, column: 'LV1', code: 'REQUIRED', message: '' },
    ]);
    expect(headline).toMatch(
      /^Le fichier comporte 3 problèmes sur 2 lignes : rien ne sera importé/,
    );
  });

  it('describes the reading and the changes', () => {
    expect(readingSummary({ rows: 24, encoding: 'utf-8', separator: ';' })).toBe(
      '24 lignes lues · UTF-8 · séparateur point-virgule',
    );
    expect(
      candidateChangesSummary({
        created: [{ line: 2, number: 'A', name: 'X' }],
        updated: [],
        unchanged: 3,
        notInFile: 2,
      }),
    ).toEqual([
      '1 candidat créé',
      '0 candidat mis à jour',
      '3 candidats inchangés',
      '2 candidats absents du fichier (conservés)',
    ]);
    expect(
      writtenMarksSummary({
        units: ['U1', 'U3'],
        added: 4,
        unchanged: 0,
        modified: [],
        confirmation: null,
      }),
    ).toEqual([
      'Unités du fichier : U1, U3',
      '4 notes ajoutées',
      '0 note inchangée',
      '0 note modifiée',
    ]);
    expect(
      scheduleSummary({
        created: [],
        updated: [],
        removed: [{ number: 'A', commission: 'B' }],
        unchanged: 1,
        assignedToJury: [{ number: 'A', juryId: 1 }],
        leaving: [],
        confirmation: null,
      }),
    ).toContain('1 candidat rejoint le jury de la salle');
  });

  it('lists the removed passages room by room', () => {
    expect(
      removedByRoom([
        { number: '1', commission: 'E22 (C101)' },
        { number: '2', commission: 'E4 (B204)' },
        { number: '3', commission: 'E22 (C101)' },
      ]),
    ).toEqual([
      { commission: 'E22 (C101)', numbers: ['1', '3'] },
      { commission: 'E4 (B204)', numbers: ['2'] },
    ]);
    expect(removedByRoom([])).toEqual([]);
  });

  it('counts the entries leaving the board, and the import button says it all', () => {
    const entry = {
      number: '02700004',
      name: 'DURAND Camille',
      unit: 'U22',
      kind: 'Saisie en salle',
      value: '12',
      place: 'E22 (C101)',
    };
    const removed = Array.from({ length: 23 }, (_, index) => ({
      number: String(index),
      commission: 'E22 (C101)',
    }));
    const changes = {
      created: [],
      updated: [],
      removed,
      unchanged: 3,
      assignedToJury: [],
      leaving: [entry, { ...entry, number: '02700006', value: 'ABS' }],
      confirmation: 'abc',
    };
    expect(scheduleSummary(changes)).toEqual([
      '0 passage ajouté',
      '0 passage modifié',
      '3 passages inchangés',
      '23 passages retirés',
      '2 saisies quittent le tableau du jury (conservées)',
    ]);
    expect(leavingSummary(1)).toBe('1 saisie quitte le tableau du jury (conservée)');
    expect(scheduleImportLabel({ rows: 3, changes })).toBe(
      'Confirmer et enregistrer : 3 passages, 23 retirés, 2 saisies quittent le tableau',
    );
    expect(scheduleImportLabel({ rows: 3, changes: { ...changes, leaving: [] } })).toBe(
      'Enregistrer le planning : 3 passages, 23 retirés',
    );
    expect(
      scheduleImportLabel({ rows: 1, changes: { ...changes, removed: [], leaving: [] } }),
    ).toBe('Enregistrer le planning (1 passage)');
    expect(scheduleImportLabel({ rows: 2, changes: null })).toBe(
      'Enregistrer le planning (2 passages)',
    );
  });

  it('groups the marks an import would replace per candidate', () => {
    const change = (line: number, number: string, unit: string, after: string): MarkChange => ({
      line,
      number,
      name: `Nom ${number}`,
      unit,
      before: { mark: 12 },
      after: { mark: 13 },
      beforeText: '12',
      afterText: after,
    });
    expect(
      marksByCandidate([
        change(4, 'B', 'U1', '13'),
        change(2, 'A', 'U3', 'ABS'),
        change(4, 'B', 'U5', '9,5'),
      ]),
    ).toEqual([
      { line: 2, number: 'A', name: 'Nom A', marks: [{ unit: 'U3', before: '12', after: 'ABS' }] },
      {
        line: 4,
        number: 'B',
        name: 'Nom B',
        marks: [
          { unit: 'U1', before: '12', after: '13' },
          { unit: 'U5', before: '12', after: '9,5' },
        ],
      },
    ]);
  });

  it('finds the problems of a refused import in the error details', () => {
    expect(problemsOf({ rows: 1, problems: [{ line: 2 }] })).toHaveLength(1);
    expect(problemsOf(null)).toBeNull();
    expect(problemsOf({ problems: 'x' })).toBeNull();
  });
});
