/**
 * The cells written and not yet acknowledged, kept in the browser (localStorage) beside the
 * IndexedDB copy, with the value last written in each when the page gave it: after a reload
 * the badge still counts them, and a refusal can still say which values were refused.
 *
 * Stored as a JSON array whose items are a cell (`"12:U41"`, value unknown: the format of
 * earlier versions) or a pair `["12:U41", value]`.
 */
export type PendingWrites = Map<string, unknown>;

export function decodePendingWrites(stored: string | null): PendingWrites {
  const writes: PendingWrites = new Map();
  let value: unknown;
  try {
    value = JSON.parse(stored ?? '[]');
  } catch {
    return writes;
  }
  if (!Array.isArray(value)) return writes;
  for (const item of value as unknown[]) {
    if (typeof item === 'string') writes.set(item, undefined);
    else if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'string') {
      writes.set(item[0], item[1]);
    }
  }
  return writes;
}

/**
 * Makes `writes` hold the `pending` cells only: acknowledged or dropped cells leave, and a
 * pending cell without a known value (restored from an earlier version) is added.
 */
export function keepPendingOnly(writes: PendingWrites, pending: readonly string[]): void {
  const still = new Set(pending);
  for (const cell of [...writes.keys()]) if (!still.has(cell)) writes.delete(cell);
  for (const cell of pending) if (!writes.has(cell)) writes.set(cell, undefined);
}

/** Null when nothing is pending (the stored item is then removed). */
export function encodePendingWrites(writes: ReadonlyMap<string, unknown>): string | null {
  if (writes.size === 0) return null;
  return JSON.stringify(
    [...writes].map(([cell, value]) => (value === undefined ? cell : [cell, value])),
  );
}
