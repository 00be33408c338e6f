import { MARKS_MAP, parseCellKey, parseOralEntry } from '@delib/protocol';
import type { OralEntry } from '@delib/protocol';
import type { LayoutRules } from './validate-update.js';

export interface CommissionRules {
  /** Units each candidate may be marked for in this room. */
  allowedCells: ReadonlyMap<number, ReadonlySet<string>>;
  /** Checks an entry against the session's regulation; returns a French refusal or null. */
  checkEntry(unit: string, entry: OralEntry): string | null;
}

/** A commission document: only cells of this room's candidates and units, only valid entries. */
export function commissionLayout(rules: CommissionRules): LayoutRules {
  return {
    maps: [MARKS_MAP],
    checkChange(_map, key, after) {
      const cell = parseCellKey(key);
      if (!cell || !rules.allowedCells.get(cell.candidateId)?.has(cell.unit)) {
        return 'Cette salle n’évalue pas ce candidat pour cette unité.';
      }
      if (after === null) return null;
      const entry = parseOralEntry(after);
      if (!entry) return `Saisie non reconnue pour l’unité ${cell.unit}.`;
      return rules.checkEntry(cell.unit, entry);
    },
  };
}
