import type { OralEntry } from '@delib/protocol';

function sameEntry(a: OralEntry, b: OralEntry): boolean {
  if ('mark' in a) return 'mark' in b && a.mark === b.mark;
  return 'absent' in b && a.absent === b.absent;
}

/**
 * Makes `target` hold exactly `source` (optionally under `prefix + key`), touching only the
 * cells that changed, so that a reactive map wakes up only the fields concerned.
 * Returns the keys (without prefix) that changed.
 */
export function mirrorEntries(
  target: Map<string, OralEntry>,
  source: ReadonlyMap<string, OralEntry>,
  prefix = '',
): string[] {
  const changed: string[] = [];
  for (const [key, entry] of source) {
    const current = target.get(prefix + key);
    if (current === undefined || !sameEntry(current, entry)) {
      target.set(prefix + key, entry);
      changed.push(key);
    }
  }
  for (const key of [...target.keys()]) {
    if (!key.startsWith(prefix)) continue;
    const cell = key.slice(prefix.length);
    if (!source.has(cell)) {
      target.delete(key);
      changed.push(cell);
    }
  }
  return changed;
}

/** The cell keys whose entry differs between two readings of a document. */
export function changedCells(
  before: ReadonlyMap<string, OralEntry>,
  after: ReadonlyMap<string, OralEntry>,
): string[] {
  const changed: string[] = [];
  for (const [key, entry] of after) {
    const previous = before.get(key);
    if (previous === undefined || !sameEntry(previous, entry)) changed.push(key);
  }
  for (const key of before.keys()) if (!after.has(key)) changed.push(key);
  return changed;
}
