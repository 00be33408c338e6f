import { marksMap, parseCellKey, parseOralEntry, type Cell, type OralEntry } from '@delib/protocol';
import { formatMark } from '@delib/rules';
import type * as Y from 'yjs';

/**
 * A cell's value replaced, in the local copy of the room's document, by a value written under
 * another Yjs client id, in a transaction that came from elsewhere (the server, or IndexedDB).
 * Two examiners typing in one cell at once: Yjs keeps one value, and the other examiner's
 * screen changes under their eyes.
 */
export interface CellReplacement {
  cell: Cell;
  before: OralEntry;
  after: OralEntry;
  /** The client id the replaced value was written under. */
  beforeClient: number;
  /** The client id the new value was written under. */
  afterClient: number;
}

/** Who wrote under a client id, as `GET /api/commissions/:id/writers` tells. */
export interface Writer {
  name: string;
  /** This page's user. */
  own: boolean;
}

interface HeldValue {
  client: number;
  entry: OralEntry;
}

function sameEntry(a: OralEntry, b: OralEntry): boolean {
  if ('mark' in a) return 'mark' in b && a.mark === b.mark;
  return 'absent' in b && a.absent === b.absent;
}

/** The value under `key` and the client id it was written under; null when empty. */
function heldValue(map: Y.Map<unknown>, key: string): HeldValue | null {
  const item = map._map.get(key);
  if (!item || item.deleted) return null;
  const entry = parseOralEntry(item.content.getContent()[0]);
  return entry ? { client: item.id.client, entry } : null;
}

/**
 * Follows the room's marks and calls `onReplaced` for each value that a value under another
 * client id replaced, in a transaction this page did not make. A cell emptied elsewhere is
 * not reported (a deletion does not say who made it). Returns the function that stops.
 */
export function watchCellReplacements(
  doc: Y.Doc,
  onReplaced: (replacement: CellReplacement) => void,
): () => void {
  const map = marksMap(doc);
  const held = new Map<string, HeldValue>();
  for (const key of map._map.keys()) {
    const value = heldValue(map, key);
    if (value) held.set(key, value);
  }
  const observer = (event: Y.YMapEvent<unknown>): void => {
    for (const key of event.keysChanged) {
      if (key === null) continue;
      const previous = held.get(key);
      const current = heldValue(map, key);
      if (current) held.set(key, current);
      else held.delete(key);
      if (event.transaction.local || !previous || !current) continue;
      if (previous.client === current.client || sameEntry(previous.entry, current.entry)) continue;
      const cell = parseCellKey(key);
      if (!cell) continue;
      onReplaced({
        cell,
        before: previous.entry,
        after: current.entry,
        beforeClient: previous.client,
        afterClient: current.client,
      });
    }
  };
  map.observe(observer);
  return () => map.unobserve(observer);
}

function entryText(entry: OralEntry): string {
  if ('mark' in entry) return formatMark(entry.mark);
  return entry.absent === 'justified' ? 'ABJ (absent justifié)' : 'ABS (absent non justifié)';
}

/**
 * The notice for the examiner whose value was replaced: « Sophie Lefebvre a remplacé votre
 * note 9 par 14 (U41, 02700004 – ARNAUD Léa) ». Null when the replaced value was not this
 * user's, or when the new one is theirs too (another tab, an earlier offline visit).
 * `ownClients` are the client ids this browser wrote under: their values are this user's even
 * before the server has recorded them.
 */
export function replacementNotice(
  replacement: CellReplacement,
  writerOf: (client: number) => Writer | undefined,
  ownClients: ReadonlySet<number>,
  candidate: string,
): string | null {
  const own = (client: number): boolean => ownClients.has(client) || writerOf(client)?.own === true;
  if (!own(replacement.beforeClient) || own(replacement.afterClient)) return null;
  const writer = writerOf(replacement.afterClient);
  const what = 'mark' in replacement.before ? 'note' : 'saisie';
  return (
    `${writer?.name ?? 'Un autre examinateur'} a remplacé votre ${what} ` +
    `${entryText(replacement.before)} par ${entryText(replacement.after)} ` +
    `(${replacement.cell.unit}, ${candidate})`
  );
}
