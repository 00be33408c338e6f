import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EvaluationGrid, GridLevels } from './evaluation-grid.js';
import {
  EXAMPLE_GRID_NOTICE,
  checkGridLevels,
  findGrid,
  gridRoundingRule,
  proposeMark,
} from './evaluation-grid.js';
import { loadRegulation } from './load-regulation.js';
import type { RulesError } from './rules-error.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import { BTS_MCO_2024 } from './regulations/bts-mco-2024.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table edits parsed JSON at any depth
type Json = any;

const U41 = findGrid(BTS_MCO.grids, 'U41') as EvaluationGrid;

/** A grid of three criteria worth 7, 7 and 6 points (total 20), levels 0 / 2.33 / 7 etc. */
const UNEVEN: EvaluationGrid = {
  unit: 'U41',
  title: 'Test',
  example: true,
  source: 'Test',
  criteria: [
    {
      id: 'a',
      label: 'A',
      points: 3,
      levels: [
        { id: 'zero', label: 'Zéro', points: 0 },
        { id: 'one', label: 'Un', points: 1 },
        { id: 'all', label: 'Tout', points: 3 },
      ],
    },
    {
      id: 'b',
      label: 'B',
      points: 4,
      levels: [
        { id: 'zero', label: 'Zéro', points: 0 },
        { id: 'half', label: 'Moitié', points: 2 },
        { id: 'all', label: 'Tout', points: 4 },
      ],
    },
  ],
};

describe('proposeMark', () => {
  it.each<[string, GridLevels, number | null]>([
    [
      'every criterion at its highest level',
      { cibler: 'ts', vendre: 'ts', fideliser: 'ts', communication: 'ts' },
      20,
    ],
    [
      'every criterion at its lowest level',
      { cibler: 'ti', vendre: 'ti', fideliser: 'ti', communication: 'ti' },
      0,
    ],
    [
      'satisfaisant everywhere (¾ of 20)',
      { cibler: 's', vendre: 's', fideliser: 's', communication: 's' },
      15,
    ],
    [
      'mixed: 3 + 6 + 1 + 4 = 14',
      { cibler: 's', vendre: 's', fideliser: 'i', communication: 'ts' },
      14,
    ],
    ['one criterion missing: no proposal', { cibler: 's', vendre: 's', fideliser: 'i' }, null],
    [
      'an unknown level counts as missing',
      { cibler: 's', vendre: 's', fideliser: 'i', communication: 'x' },
      null,
    ],
  ])('%s', (_name, levels, expected) => {
    expect(proposeMark(U41, levels, 0.5).mark).toBe(expected);
  });

  it('scales a grid out of 7 points to 20 and rounds to the half point, halves upwards', () => {
    // 1 + 2 = 3 of 7 → 8.5714… → 8.5
    expect(proposeMark(UNEVEN, { a: 'one', b: 'half' }, 0.5)).toMatchObject({
      earned: 3,
      total: 7,
      exact: { numerator: 60, denominator: 7 },
      mark: 8.5,
    });
    // 3 + 2 = 5 of 7 → 14.2857… → 14.5 at a step of 0.5, 14.29 at a step of 0.01
    expect(proposeMark(UNEVEN, { a: 'all', b: 'half' }, 0.5).mark).toBe(14.5);
    expect(proposeMark(UNEVEN, { a: 'all', b: 'half' }, 0.01).mark).toBe(14.29);
    // 1 of 7 → 2.857… → 3 at a step of 1
    expect(proposeMark(UNEVEN, { a: 'one', b: 'zero' }, 1).mark).toBe(3);
  });

  it('rounds an exact half step upwards (to the candidate’s benefit)', () => {
    // 1.5 of 4 (a grid out of 4): 7.5 exactly; at a step of 1 → 8, at 0.5 → 7.5
    const grid: EvaluationGrid = {
      ...UNEVEN,
      criteria: [
        {
          id: 'a',
          label: 'A',
          points: 4,
          levels: [
            { id: 'low', label: 'Bas', points: 1.5 },
            { id: 'all', label: 'Tout', points: 4 },
          ],
        },
      ],
    };
    expect(proposeMark(grid, { a: 'low' }, 1).mark).toBe(8);
    expect(proposeMark(grid, { a: 'low' }, 0.5).mark).toBe(7.5);
  });

  it('counts the criteria filled', () => {
    expect(proposeMark(U41, { vendre: 's' }, 0.5)).toMatchObject({
      filled: 1,
      criteria: 4,
      earned: 6,
    });
  });

  it('always proposes a mark on the step, between 0 and 20, at most half a step from the exact mark', () => {
    const step = fc.constantFrom(0.01, 0.25, 0.5, 1, 2);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        step,
        (maxima, picks, markStep) => {
          const grid: EvaluationGrid = {
            ...UNEVEN,
            criteria: maxima.map((max, index) => ({
              id: `c${index}`,
              label: `C${index}`,
              points: max / 100,
              levels: [
                { id: 'low', label: 'Bas', points: 0 },
                { id: 'mid', label: 'Moyen', points: Math.floor(max / 3) / 100 },
                { id: 'high', label: 'Haut', points: max / 100 },
              ].filter((level, i, all) => i === 0 || level.points > (all[i - 1]?.points ?? -1)),
            })),
          };
          const levels: Record<string, string> = {};
          grid.criteria.forEach((criterion, index) => {
            const choice = criterion.levels[(picks[index] ?? 0) % criterion.levels.length];
            levels[criterion.id] = choice?.id ?? 'low';
          });
          const proposal = proposeMark(grid, levels, markStep);
          const mark = proposal.mark as number;
          const exact = proposal.exact as { numerator: number; denominator: number };
          const markHundredths = Math.round(mark * 100);
          const stepHundredths = Math.round(markStep * 100);
          expect(markHundredths % stepHundredths).toBe(0);
          expect(mark).toBeGreaterThanOrEqual(0);
          expect(mark).toBeLessThanOrEqual(20);
          // |mark − exact| ≤ step / 2, in integers: |m·d − 100·n| · 2 ≤ s·d
          const gap = Math.abs(markHundredths * exact.denominator - 100 * exact.numerator);
          expect(2 * gap).toBeLessThanOrEqual(stepHundredths * exact.denominator);
        },
      ),
    );
  });

  it('is monotonic: raising one criterion’s level never lowers the proposal', () => {
    const ids = ['ti', 'i', 's', 'ts'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (picks, which) => {
          const criteria = U41.criteria.map((c) => c.id);
          const levels = Object.fromEntries(
            criteria.map((id, i) => [id, ids[picks[i] ?? 0] as string]),
          );
          const raised = { ...levels };
          const target = criteria[which] as string;
          raised[target] = ids[Math.min(3, (picks[which] ?? 0) + 1)] as string;
          const before = proposeMark(U41, levels, 0.5).mark as number;
          const after = proposeMark(U41, raised, 0.5).mark as number;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });
});

describe('gridRoundingRule', () => {
  it.each([
    [0.5, 'au demi-point le plus proche (un demi-pas exact vers le haut)'],
    [1, 'au point entier le plus proche (un demi-pas exact vers le haut)'],
    [0.25, 'au multiple de 0,25 le plus proche (un demi-pas exact vers le haut)'],
  ])('states the rule for a step of %s', (step, sentence) => {
    expect(gridRoundingRule(step)).toBe(sentence);
  });
});

describe('checkGridLevels', () => {
  it.each<[string, unknown, string | null]>([
    ['a partial grid of known criteria and levels', { vendre: 's' }, null],
    ['an empty grid', {}, null],
    ['an unknown criterion', { accueil: 's' }, 'Critère inconnu de la grille U41 : « accueil ».'],
    [
      'an unknown level',
      { vendre: 'excellent' },
      'Niveau inconnu pour le critère « Accueillir, conseiller et vendre » : « excellent ».',
    ],
    [
      'a level that is not text',
      { vendre: 3 },
      'Niveau inconnu pour le critère « Accueillir, conseiller et vendre » : 3.',
    ],
    [
      'an inherited key',
      JSON.parse('{"__proto__": "s"}'),
      'Critère inconnu de la grille U41 : « __proto__ ».',
    ],
    ['a list', ['s'], 'Grille non reconnue pour l’unité U41.'],
    [
      'more keys than criteria',
      { a: 1, b: 2, c: 3, d: 4, e: 5 },
      'La grille de l’unité U41 a 4 critères, pas 5.',
    ],
  ])('%s', (_name, value, expected) => {
    expect(checkGridLevels(U41, 'U41', value)).toBe(expected);
  });

  it('refuses a grid for a unit without one', () => {
    expect(checkGridLevels(null, 'U1', {})).toBe('L’unité U1 n’a pas de grille d’évaluation.');
  });
});

describe('grids as regulation data', () => {
  it('ships an example grid for every oral unit, labelled as such', () => {
    const oral = BTS_MCO.units.filter((unit) => unit.form === 'oral').map((unit) => unit.code);
    expect(BTS_MCO.grids?.map((grid) => grid.unit)).toEqual(oral);
    // The 2024 numbering carries the same grids under its own unit codes.
    expect(BTS_MCO_2024.grids?.map((grid) => grid.unit)).toEqual(
      BTS_MCO_2024.units.filter((unit) => unit.form === 'oral').map((unit) => unit.code),
    );
    expect(BTS_MCO_2024.grids?.map((grid) => grid.criteria)).toEqual(
      BTS_MCO.grids?.map((grid) => grid.criteria),
    );
    for (const grid of BTS_MCO.grids ?? []) {
      expect(grid.example).toBe(true);
      expect(grid.title).toBe(EXAMPLE_GRID_NOTICE);
      expect(grid.criteria.reduce((sum, c) => sum + c.points, 0)).toBe(20);
    }
  });

  it('keeps the JSON model a centre edits equal to the shipped regulation', () => {
    const text = readFileSync(new URL('../regulations/bts-mco-2018.json', import.meta.url), 'utf8');
    expect(loadRegulation(text)).toEqual(BTS_MCO);
  });

  function issuesOf(grids: unknown): { path: string; message: string }[] {
    const value = { ...(JSON.parse(JSON.stringify(BTS_MCO)) as object), grids };
    try {
      loadRegulation(value);
    } catch (error) {
      return (error as RulesError).details.issues ?? [];
    }
    throw new Error('accepted');
  }
  const grids = (): Record<string, unknown>[] => JSON.parse(JSON.stringify(BTS_MCO.grids)) as never;

  it('loads a regulation without grids', () => {
    const { grids: _omitted, ...rest } = JSON.parse(JSON.stringify(BTS_MCO)) as { grids: unknown };
    expect(loadRegulation(rest).grids).toBeUndefined();
  });

  it.each<[string, (g: Json[]) => unknown, string, string]>([
    [
      'a written unit',
      (g) => ((g[0] as Json).unit = 'U1'),
      '$.grids[0].unit',
      'l’unité U1 n’est pas orale',
    ],
    [
      'an unknown unit',
      (g) => ((g[0] as Json).unit = 'U99'),
      '$.grids[0].unit',
      'attendu le code d’une unité du règlement, reçu « U99 »',
    ],
    [
      'two grids for one unit',
      (g) => ((g[1] as Json).unit = 'U22'),
      '$.grids[1].unit',
      'l’unité U22 a déjà une grille',
    ],
    [
      'an unknown field',
      (g) => ((g[0] as Json).weight = 1),
      '$.grids[0].weight',
      'champ inconnu (champs permis : unit, title, example, source, criteria)',
    ],
    [
      'no criteria',
      (g) => ((g[0] as Json).criteria = []),
      '$.grids[0].criteria',
      'attendu une liste de 1 à 20 critères, reçu []',
    ],
    [
      'a duplicate criterion',
      (g) => ((g[0] as Json).criteria[1].id = 'comprehension'),
      '$.grids[0].criteria[1].id',
      'l’identifiant comprehension est déjà celui d’un autre critère',
    ],
    [
      'a criterion of 0 points',
      (g) => ((g[0] as Json).criteria[0].points = 0),
      '$.grids[0].criteria[0].points',
      'attendu un nombre à deux décimales au plus, plus de 0 et au plus 100, reçu 0',
    ],
    [
      'a level above the criterion',
      (g) => ((g[0] as Json).criteria[0].levels[3].points = 9),
      '$.grids[0].criteria[0].levels[3].points',
      'attendu un nombre à deux décimales au plus, au moins 0 et au plus 8, reçu 9',
    ],
    [
      'levels out of order',
      (g) => ((g[0] as Json).criteria[0].levels[2].points = 1),
      '$.grids[0].criteria[0].levels[2].points',
      'les niveaux vont du plus bas au plus haut : points strictement croissants',
    ],
    [
      'a highest level below the criterion',
      (g) => ((g[0] as Json).criteria[0].levels[3].points = 7),
      '$.grids[0].criteria[0].levels[3].points',
      'le niveau le plus haut vaut tous les points du critère',
    ],
    [
      'a single level',
      (g) => ((g[0] as Json).criteria[0].levels = [{ id: 'a', label: 'A', points: 8 }]),
      '$.grids[0].criteria[0].levels',
      'attendu une liste de 2 à 10 niveaux, reçu [{"id":"a","label":"A","points":8}]',
    ],
    [
      'a level id with spaces',
      (g) => ((g[0] as Json).criteria[0].levels[0].id = 'très bas'),
      '$.grids[0].criteria[0].levels[0].id',
      'attendu un identifiant de forme /^[a-z0-9][a-z0-9-]{0,31}$/, reçu « très bas »',
    ],
    [
      'example not a boolean',
      (g) => ((g[0] as Json).example = 'oui'),
      '$.grids[0].example',
      'attendu true ou false, reçu « oui »',
    ],
  ])('refuses %s with its JSON path', (_name, change, path, message) => {
    const value = grids();
    change(value);
    expect(issuesOf(value)).toContainEqual({ path, message });
  });

  it('refuses grids that are not a list', () => {
    expect(issuesOf({})).toEqual([
      {
        path: '$.grids',
        message: 'attendu une liste d’au plus 11 grilles (une par unité orale), reçu {}',
      },
    ]);
  });
});
