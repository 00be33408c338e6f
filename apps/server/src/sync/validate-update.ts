import * as Y from 'yjs';
import { COMMISSION_ROOT_TYPES, MARKS_MAP, parseCellKey, parseOralEntry } from '@delib/protocol';
import type { OralEntry } from '@delib/protocol';

/** One cell an accepted update changes, for the audit trail. */
export interface CellChange {
  key: string;
  candidateId: number;
  unit: string;
  before: OralEntry | null;
  after: OralEntry | null;
}

export type UpdateVerdict = { ok: true; changes: CellChange[] } | { ok: false; message: string };

export interface CommissionRules {
  /** Units each candidate may be marked for in this room. */
  allowedCells: ReadonlyMap<number, ReadonlySet<string>>;
  /** Checks an entry against the session's regulation; returns a French refusal or null. */
  checkEntry(unit: string, entry: OralEntry): string | null;
}

/**
 * Applies an incoming update to a scratch copy of the document and checks what it changed:
 * only the `marks` map, only cells of this room's candidates and units, only entries a unit
 * can hold. The real document is untouched; the caller applies the update only when it is
 * accepted.
 */
export function validateCommissionUpdate(
  current: Y.Doc,
  update: Uint8Array,
  rules: CommissionRules,
): UpdateVerdict {
  const scratch = new Y.Doc({ gc: false });
  try {
    return checkOnScratch(scratch, current, update, rules);
  } finally {
    scratch.destroy();
  }
}

function checkOnScratch(
  scratch: Y.Doc,
  current: Y.Doc,
  update: Uint8Array,
  rules: CommissionRules,
): UpdateVerdict {
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current));
  const marks = scratch.getMap<unknown>(MARKS_MAP);
  // Old value of every cell the update touches (null when the cell was empty).
  const touched = new Map<string, unknown>();
  let foreignChange = false;
  marks.observe((event) => {
    event.changes.keys.forEach((change, key) => {
      if (!touched.has(key)) touched.set(key, change.oldValue ?? null);
    });
  });
  // Observers see only `marks`; any other type changed (a nested type, another root) is foreign.
  scratch.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) {
      if ((type as unknown) !== marks) foreignChange = true;
    }
  });

  try {
    Y.applyUpdate(scratch, update);
  } catch {
    return { ok: false, message: 'Mise à jour illisible.' };
  }
  const store = scratch.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  if (store.pendingStructs !== null || store.pendingDs !== null) {
    return {
      ok: false,
      message: 'Mise à jour incomplète : des modifications antérieures manquent.',
    };
  }
  if (
    foreignChange ||
    [...scratch.share.keys()].some((name) => !COMMISSION_ROOT_TYPES.includes(name))
  ) {
    return { ok: false, message: 'Cette modification sort de la grille des notes de la salle.' };
  }

  const changes: CellChange[] = [];
  for (const [key, oldValue] of touched) {
    const cell = parseCellKey(key);
    const units = cell ? rules.allowedCells.get(cell.candidateId) : undefined;
    if (!cell || !units?.has(cell.unit)) {
      return { ok: false, message: 'Cette salle n’évalue pas ce candidat pour cette unité.' };
    }
    const value = marks.get(key);
    const after = value === undefined ? null : parseOralEntry(value);
    if (value !== undefined && after === null) {
      return { ok: false, message: `Saisie non reconnue pour l’unité ${cell.unit}.` };
    }
    if (after) {
      const refusal = rules.checkEntry(cell.unit, after);
      if (refusal) return { ok: false, message: refusal };
    }
    const before = oldValue === null ? null : parseOralEntry(oldValue);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      changes.push({ key, candidateId: cell.candidateId, unit: cell.unit, before, after });
    }
  }
  return { ok: true, changes };
}
