import {
  GRIDS_MAP,
  MARKS_MAP,
  parseCellKey,
  parseFilledGrid,
  parseOralEntry,
} from '@delib/protocol';
import type { OralEntry } from '@delib/protocol';
import type { LayoutRules } from './validate-update.js';

export interface CommissionRules {
  /** Units each candidate may be marked for in this room. */
  allowedCells: ReadonlyMap<number, ReadonlySet<string>>;
  /** Checks an entry against the session's regulation; returns a French refusal or null. */
  checkEntry(unit: string, entry: OralEntry): string | null;
  /**
   * Checks a filled grid (already of the right shape) against the unit's grid in the session's
   * regulation: known criteria, known levels. Returns a French refusal or null.
   */
  checkGrid(unit: string, grid: Readonly<Record<string, string>>): string | null;
}

/** The root maps of a commission document. */
export const COMMISSION_MAPS: readonly string[] = [MARKS_MAP, GRIDS_MAP];

/**
 * A commission document: only cells of this room's candidates and units, only valid entries
 * in `marks`, only grids of the regulation in `grids`.
 */
export function commissionLayout(rules: CommissionRules): LayoutRules {
  return {
    maps: COMMISSION_MAPS,
    checkChange(map, key, after) {
      const cell = parseCellKey(key);
      if (!cell || !rules.allowedCells.get(cell.candidateId)?.has(cell.unit)) {
        return 'Cette salle n’évalue pas ce candidat pour cette unité.';
      }
      if (after === null) return null;
      if (map === GRIDS_MAP) {
        const grid = parseFilledGrid(after);
        if (!grid) return `Grille d’évaluation non reconnue pour l’unité ${cell.unit}.`;
        return rules.checkGrid(cell.unit, grid);
      }
      const entry = parseOralEntry(after);
      if (!entry) return `Saisie non reconnue pour l’unité ${cell.unit}.`;
      return rules.checkEntry(cell.unit, entry);
    },
  };
}
