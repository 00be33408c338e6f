import { deepFreeze } from '../deep-freeze.js';
import type { EvaluationGrid, GridCriterion } from '../evaluation-grid.js';
import { EXAMPLE_GRID_NOTICE } from '../evaluation-grid.js';

/**
 * Demonstration grids of the BTS MCO oral units. They show the structure only: the official
 * grids are published for each session by the national circular, and a centre replaces these
 * by uploading a regulation whose `grids` hold them (`bts-mco-2018.json` is the model).
 * Every grid is flagged `example`, and its title says so on every page and fiche.
 */

/** Four levels, as the circulars' grids use: share of the criterion's points at each level. */
const LEVELS = [
  { id: 'ti', label: 'Très insuffisant', quarters: 0 },
  { id: 'i', label: 'Insuffisant', quarters: 1 },
  { id: 's', label: 'Satisfaisant', quarters: 3 },
  { id: 'ts', label: 'Très satisfaisant', quarters: 4 },
] as const;

/** A criterion of `points` (a multiple of 1): levels worth 0, ¼, ¾ and all of its points. */
function criterion(id: string, label: string, points: number): GridCriterion {
  return {
    id,
    label,
    points,
    levels: LEVELS.map((level) => ({
      id: level.id,
      label: level.label,
      points: (points * 100 * level.quarters) / 400,
    })),
  };
}

function grid(unit: string, criteria: GridCriterion[]): EvaluationGrid {
  return {
    unit,
    title: EXAMPLE_GRID_NOTICE,
    example: true,
    source: 'Exemple fourni avec Délib (structure seulement, sans valeur réglementaire)',
    criteria,
  };
}

export const BTS_MCO_EXAMPLE_GRIDS: readonly EvaluationGrid[] = deepFreeze([
  grid('U22', [
    criterion('comprehension', 'Compréhension de l’oral', 8),
    criterion('production', 'Production orale en continu', 6),
    criterion('interaction', 'Interaction avec l’examinateur', 6),
  ]),
  grid('U41', [
    criterion('cibler', 'Cibler et prospecter la clientèle', 4),
    criterion('vendre', 'Accueillir, conseiller et vendre', 8),
    criterion('fideliser', 'Développer et entretenir la relation client', 4),
    criterion('communication', 'Communication et posture professionnelle', 4),
  ]),
  grid('U42', [
    criterion('offre', 'Élaborer et adapter l’offre de produits et de services', 4),
    criterion('espace', 'Organiser l’espace commercial', 4),
    criterion('performances', 'Développer les performances de l’espace commercial', 4),
    criterion('communication', 'Concevoir et mettre en place la communication commerciale', 4),
    criterion('evaluation', 'Évaluer l’action commerciale', 4),
  ]),
  grid('UF1', [
    criterion('comprehension', 'Compréhension de l’oral', 8),
    criterion('production', 'Production orale en continu', 6),
    criterion('interaction', 'Interaction avec l’examinateur', 6),
  ]),
  grid('UF2', [
    criterion('parcours', 'Présentation du parcours à l’étranger', 8),
    criterion('analyse', 'Analyse de l’expérience professionnelle', 8),
    criterion('expression', 'Qualité de l’expression', 4),
  ]),
  grid('UF3', [
    criterion('projet', 'Présentation du projet entrepreneurial', 8),
    criterion('analyse', 'Analyse de l’environnement et de la faisabilité', 8),
    criterion('argumentation', 'Argumentation et réponses', 4),
  ]),
]);
