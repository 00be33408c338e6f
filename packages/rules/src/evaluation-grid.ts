/**
 * Evaluation grids of the oral units: regulation data, loaded with the regulation. A grid lists
 * criteria, each worth a number of points (its weight), each with ordered levels worth part of
 * those points. The examiner picks one level per criterion; the grid then proposes a mark. The
 * proposal is a help: the mark the examiner validates is the one that counts.
 *
 * This module holds the shape, the checker used by `loadRegulation` (issues by JSON path), the
 * check of a filled grid (the server refuses anything else) and the exact proposal.
 */
import { describeValue, isRecord } from './describe-value.js';
import { MAX_MARK_HUNDREDTHS, fromHundredths, toHundredths } from './exact-mark.js';
import type { Fraction } from './fraction.js';
import { fraction } from './fraction.js';
import type { RegulationIssue } from './rules-error.js';

export interface GridLevel {
  /** Stable key stored in a filled grid: `ts`. */
  id: string;
  /** `Très satisfaisant`. */
  label: string;
  /** Points the criterion earns at this level, 0 to the criterion's points (two decimals). */
  points: number;
}

export interface GridCriterion {
  /** Stable key stored in a filled grid: `accueil`. */
  id: string;
  /** `Accueillir, conseiller et vendre`. */
  label: string;
  /** The criterion's weight: the points of its highest level. */
  points: number;
  /** From the lowest to the highest, strictly increasing points. */
  levels: readonly GridLevel[];
}

export interface EvaluationGrid {
  /** The unit this grid evaluates (an oral unit of the regulation). */
  unit: string;
  /** Title printed above the grid. */
  title: string;
  /**
   * True for a demonstration grid that must be replaced by the national circular's: the pages
   * and the fiche print it as such.
   */
  example: boolean;
  /** Where the grid comes from: `Circulaire nationale, session 2027`. */
  source: string;
  criteria: readonly GridCriterion[];
}

/** A filled grid: the level chosen for each criterion filled so far. */
export type GridLevels = Readonly<Record<string, string>>;

export const EXAMPLE_GRID_NOTICE =
  'Grille d’exemple — à remplacer par la grille de la circulaire nationale';

const GRID_KEY = /^[a-z0-9][a-z0-9-]{0,31}$/;
const MAX_CRITERIA = 20;
const MAX_LEVELS = 10;
const MAX_TEXT = 300;
const MAX_CRITERION_POINTS = 100_00;

/** The grid of `unit` in a regulation's grids, if any. */
export function findGrid(
  grids: readonly EvaluationGrid[] | undefined,
  unit: string,
): EvaluationGrid | null {
  return grids?.find((grid) => grid.unit === unit) ?? null;
}

/** Total points of a grid, in hundredths. */
function totalHundredths(grid: EvaluationGrid): number {
  return grid.criteria.reduce((sum, c) => sum + (toHundredths(c.points) ?? 0), 0);
}

export interface ProposedMark {
  /** Criteria filled / criteria of the grid. */
  filled: number;
  criteria: number;
  /** Points earned and points of the grid (decimals as written, exact sums). */
  earned: number;
  total: number;
  /** The exact mark out of 20: 20 × earned / total; null until every criterion is filled. */
  exact: Fraction | null;
  /** `exact` rounded to the nearest multiple of the mark step, halves upwards; null likewise. */
  mark: number | null;
}

/**
 * The mark a filled grid proposes. Exact: points are integer hundredths, the mark out of 20 is
 * the fraction 20 × earned / total, then rounded to the nearest multiple of `markStep` (a half
 * point by default), an exact half going up (to the candidate's benefit). Unknown criteria or
 * levels are ignored here (the server refuses them before they are stored).
 */
export function proposeMark(
  grid: EvaluationGrid,
  levels: GridLevels,
  markStep: number,
): ProposedMark {
  let earned = 0;
  let filled = 0;
  for (const criterion of grid.criteria) {
    const chosen = Object.hasOwn(levels, criterion.id) ? levels[criterion.id] : undefined;
    const level = criterion.levels.find((l) => l.id === chosen);
    if (!level) continue;
    filled += 1;
    earned += toHundredths(level.points) ?? 0;
  }
  const total = totalHundredths(grid);
  const result = {
    filled,
    criteria: grid.criteria.length,
    earned: fromHundredths(earned),
    total: fromHundredths(total),
  };
  const step = toHundredths(markStep);
  if (filled < grid.criteria.length || total <= 0 || step === null || step <= 0) {
    return { ...result, exact: null, mark: null };
  }
  // Mark in hundredths = 2000 × earned / total; steps = that / step, rounded half up.
  const numerator = MAX_MARK_HUNDREDTHS * earned;
  const steps = Math.floor((2 * numerator + total * step) / (2 * total * step));
  const hundredths = Math.min(steps * step, MAX_MARK_HUNDREDTHS);
  return { ...result, exact: fraction(numerator, total * 100), mark: fromHundredths(hundredths) };
}

/**
 * Checks a filled grid sent by a client against the unit's grid: a plain object of known
 * criteria to known levels, nothing else. Returns a French refusal, or null.
 */
export function checkGridLevels(
  grid: EvaluationGrid | null,
  unit: string,
  value: unknown,
): string | null {
  if (grid === null) return `L’unité ${unit} n’a pas de grille d’évaluation.`;
  if (!isRecord(value)) return `Grille non reconnue pour l’unité ${unit}.`;
  const keys = Object.keys(value);
  if (keys.length > grid.criteria.length) {
    return `La grille de l’unité ${unit} a ${grid.criteria.length} critères, pas ${keys.length}.`;
  }
  for (const key of keys) {
    const criterion = grid.criteria.find((c) => c.id === key);
    if (!criterion) return `Critère inconnu de la grille ${unit} : ${describeValue(key)}.`;
    const level = value[key];
    if (typeof level !== 'string' || !criterion.levels.some((l) => l.id === level)) {
      return `Niveau inconnu pour le critère « ${criterion.label} » : ${describeValue(level)}.`;
    }
  }
  return null;
}

/** What the regulation checker needs to know of the units, to check the grids' units. */
export interface GridUnitInfo {
  code: string;
  form: 'oral' | 'written';
}

/**
 * Checks the `grids` field of a regulation (absent means: no grid, marks are typed only).
 * Pushes every fault on `issues` with its JSON path; returns the grids, or null on a fault.
 */
export function checkGrids(
  value: unknown,
  units: readonly GridUnitInfo[],
  issues: RegulationIssue[],
): EvaluationGrid[] | null {
  const path = '$.grids';
  const before = issues.length;
  const fail = (where: string, expected: string, got: unknown): null => {
    issues.push({ path: where, message: `attendu ${expected}, reçu ${describeValue(got)}` });
    return null;
  };
  const unknownKeys = (raw: Record<string, unknown>, where: string, keys: readonly string[]) => {
    for (const key of Object.keys(raw)) {
      if (!keys.includes(key)) {
        issues.push({
          path: `${where}.${key}`,
          message: `champ inconnu (champs permis : ${keys.join(', ')})`,
        });
      }
    }
  };
  const text = (raw: unknown, where: string): string | null =>
    typeof raw === 'string' && raw.trim() !== '' && raw.length <= MAX_TEXT
      ? raw
      : fail(where, `un texte non vide de ${MAX_TEXT} caractères au plus`, raw);
  const key = (raw: unknown, where: string): string | null =>
    typeof raw === 'string' && GRID_KEY.test(raw)
      ? raw
      : fail(where, `un identifiant de forme ${GRID_KEY}`, raw);
  const points = (raw: unknown, where: string, min: number, max: number, strict: boolean) => {
    const hundredths = toHundredths(raw);
    if (
      hundredths === null ||
      hundredths > max ||
      (strict ? hundredths <= min : hundredths < min)
    ) {
      const low = strict ? `plus de ${min / 100}` : `au moins ${min / 100}`;
      return fail(
        where,
        `un nombre à deux décimales au plus, ${low} et au plus ${max / 100}`.replace(/\./g, ','),
        raw,
      );
    }
    return hundredths;
  };

  if (!Array.isArray(value) || value.length > units.length) {
    return fail(path, `une liste d’au plus ${units.length} grilles (une par unité orale)`, value);
  }
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const seenUnits = new Set<string>();
  const grids: EvaluationGrid[] = [];
  value.forEach((item, index) => {
    const where = `${path}[${index}]`;
    if (!isRecord(item)) return void fail(where, 'un objet', item);
    unknownKeys(item, where, ['unit', 'title', 'example', 'source', 'criteria']);
    const unitInfo = typeof item.unit === 'string' ? byCode.get(item.unit) : undefined;
    let unit: string | null = null;
    if (unitInfo === undefined)
      fail(`${where}.unit`, 'le code d’une unité du règlement', item.unit);
    else if (unitInfo.form !== 'oral') {
      issues.push({ path: `${where}.unit`, message: `l’unité ${unitInfo.code} n’est pas orale` });
    } else if (seenUnits.has(unitInfo.code)) {
      issues.push({
        path: `${where}.unit`,
        message: `l’unité ${unitInfo.code} a déjà une grille`,
      });
    } else {
      seenUnits.add(unitInfo.code);
      unit = unitInfo.code;
    }
    const title = text(item.title, `${where}.title`);
    const source = text(item.source, `${where}.source`);
    const example =
      typeof item.example === 'boolean'
        ? item.example
        : fail(`${where}.example`, 'true ou false', item.example);
    const criteria = checkCriteria(item.criteria, `${where}.criteria`);
    if (
      unit === null ||
      title === null ||
      source === null ||
      example === null ||
      criteria === null
    ) {
      return;
    }
    grids.push({ unit, title, example, source, criteria });
  });
  return issues.length > before ? null : grids;

  function checkCriteria(raw: unknown, where: string): GridCriterion[] | null {
    if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_CRITERIA) {
      return fail(where, `une liste de 1 à ${MAX_CRITERIA} critères`, raw);
    }
    const seen = new Set<string>();
    const criteria: GridCriterion[] = [];
    raw.forEach((item, index) => {
      const at = `${where}[${index}]`;
      if (!isRecord(item)) return void fail(at, 'un objet', item);
      unknownKeys(item, at, ['id', 'label', 'points', 'levels']);
      let id = key(item.id, `${at}.id`);
      if (id !== null && seen.has(id)) {
        issues.push({
          path: `${at}.id`,
          message: `l’identifiant ${id} est déjà celui d’un autre critère`,
        });
        id = null;
      }
      if (id !== null) seen.add(id);
      const label = text(item.label, `${at}.label`);
      const max = points(item.points, `${at}.points`, 0, MAX_CRITERION_POINTS, true);
      const levels = max === null ? null : checkLevels(item.levels, `${at}.levels`, max);
      if (id === null || label === null || max === null || levels === null) return;
      criteria.push({ id, label, points: item.points as number, levels });
    });
    return criteria.length === raw.length ? criteria : null;
  }

  function checkLevels(raw: unknown, where: string, max: number): GridLevel[] | null {
    if (!Array.isArray(raw) || raw.length < 2 || raw.length > MAX_LEVELS) {
      return fail(where, `une liste de 2 à ${MAX_LEVELS} niveaux`, raw);
    }
    const seen = new Set<string>();
    const levels: GridLevel[] = [];
    let previous = -1;
    raw.forEach((item, index) => {
      const at = `${where}[${index}]`;
      if (!isRecord(item)) return void fail(at, 'un objet', item);
      unknownKeys(item, at, ['id', 'label', 'points']);
      let id = key(item.id, `${at}.id`);
      if (id !== null && seen.has(id)) {
        issues.push({
          path: `${at}.id`,
          message: `l’identifiant ${id} est déjà celui d’un autre niveau`,
        });
        id = null;
      }
      if (id !== null) seen.add(id);
      const label = text(item.label, `${at}.label`);
      let earned = points(item.points, `${at}.points`, 0, max, false);
      if (earned !== null && earned <= previous) {
        issues.push({
          path: `${at}.points`,
          message: 'les niveaux vont du plus bas au plus haut : points strictement croissants',
        });
        earned = null;
      }
      if (earned !== null) previous = earned;
      if (id === null || label === null || earned === null) return;
      levels.push({ id, label, points: item.points as number });
    });
    if (levels.length === raw.length && previous !== max) {
      issues.push({
        path: `${where}[${raw.length - 1}].points`,
        message: 'le niveau le plus haut vaut tous les points du critère',
      });
      return null;
    }
    return levels.length === raw.length ? levels : null;
  }
}

/**
 * The rounding rule of `proposeMark` in French, as the room's page and the fiche state it:
 * 0.5 → `arrondie au demi-point le plus proche (un demi-pas exact vers le haut)`.
 */
export function gridRoundingRule(markStep: number): string {
  const step =
    markStep === 0.5
      ? 'au demi-point le plus proche'
      : markStep === 1
        ? 'au point entier le plus proche'
        : `au multiple de ${String(markStep).replace('.', ',')} le plus proche`;
  return `${step} (un demi-pas exact vers le haut)`;
}
