import * as Y from 'yjs';

/** One key of one root map that an accepted update changes, for the audit trail. */
export interface MapChange {
  map: string;
  key: string;
  before: unknown;
  after: unknown;
}

export type UpdateVerdict = { ok: true; changes: MapChange[] } | { ok: false; message: string };

export interface LayoutRules {
  /** The root maps the document may contain. */
  maps: readonly string[];
  /**
   * Checks one changed key: `after` is the new plain value, or null when the key was
   * deleted; `doc` is the scratch copy with the whole update applied, for checks that depend
   * on other keys (read it, never change it). Returns a French refusal, or null to accept.
   */
  checkChange(map: string, key: string, after: unknown, doc: Y.Doc): string | null;
}

/**
 * Applies an incoming update to a scratch copy of the document and checks what it changed:
 * only keys of the allowed root maps, holding plain values (no nested Yjs types), each one
 * accepted by `checkChange`. The real document is untouched; the caller applies the update
 * only when it is accepted.
 */
export function validateUpdate(
  current: Y.Doc,
  update: Uint8Array,
  rules: LayoutRules,
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
  rules: LayoutRules,
): UpdateVerdict {
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current));
  const maps = new Map(rules.maps.map((name) => [name, scratch.getMap<unknown>(name)]));
  const roots = new Set<unknown>(maps.values());
  // Old value of every key the update touches, per map (null when the key was empty).
  const touched = new Map<string, Map<string, unknown>>();
  for (const [name, map] of maps) {
    const keys = new Map<string, unknown>();
    touched.set(name, keys);
    map.observe((event) => {
      event.changes.keys.forEach((change, key) => {
        if (!keys.has(key)) keys.set(key, change.oldValue ?? null);
      });
    });
  }
  // Observers see only the allowed maps; any other type changed (nested, or another root) is foreign.
  let foreignChange = false;
  scratch.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) {
      if (!roots.has(type)) foreignChange = true;
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
  if (foreignChange || [...scratch.share.keys()].some((name) => !maps.has(name))) {
    return { ok: false, message: 'Cette modification sort de la structure du document.' };
  }

  const changes: MapChange[] = [];
  for (const [name, keys] of touched) {
    const map = maps.get(name) as Y.Map<unknown>;
    for (const [key, before] of keys) {
      const value = map.get(key);
      if (value instanceof Y.AbstractType) {
        return { ok: false, message: 'Cette modification sort de la structure du document.' };
      }
      const after = value === undefined ? null : value;
      const refusal = rules.checkChange(name, key, after, scratch);
      if (refusal) return { ok: false, message: refusal };
      if (JSON.stringify(before) !== JSON.stringify(after))
        changes.push({ map: name, key, before, after });
    }
  }
  return { ok: true, changes };
}
