import * as Y from 'yjs';

/**
 * One key of one root map that an accepted update changed, for the audit trail; or a value it
 * wrote that a concurrent value overruled (`overruled`: then `before` is the value written and
 * `after` the value the key keeps).
 */
export interface MapChange {
  map: string;
  key: string;
  before: unknown;
  after: unknown;
  /**
   * The writer had not received the value it replaced (two examiners typing in one cell at
   * once, or one of them offline): the value replaced was someone else's, unseen.
   */
  concurrent?: true;
  /** The value written lost to a concurrent value that Yjs keeps: the key did not change. */
  overruled?: true;
}

/** An update as `Y.decodeUpdate` reads it: decoded once per message by the sync endpoint. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export type UpdateVerdict = { ok: true } | { ok: false; message: string };

export interface LayoutRules {
  /** The root maps the document may contain. */
  maps: readonly string[];
  /**
   * Checks one key the update writes: `after` is a new plain value, or null when the update
   * deletes the key. `afterDoc` gives a copy of the document with the whole update applied,
   * for the rare checks that depend on other keys (it costs a copy of the document: call it
   * only then, read it, never change it). Returns a French refusal, or null to accept.
   */
  checkChange(map: string, key: string, after: unknown, afterDoc: () => Y.Doc): string | null;
}

export const OUTSIDE = 'Cette modification sort de la structure du document.';
export const INCOMPLETE = 'Mise à jour incomplète : des modifications antérieures manquent.';

type Place = { map: string; key: string };

/**
 * Checks an update from its own structures and the server's document, without applying it:
 * O(size of the update), whatever the size of the document.
 *
 * Every new item must be a plain value (one JSON value, or a deleted value) under a key of an
 * allowed root map: its place is written in the item, or is that of the item it follows,
 * found in the update itself or in the server's document. Every item the delete set removes
 * from the server's document must be a map value; removing a key's current value without
 * writing a new one is a deletion, checked as such. An update that needs structures the
 * server does not have (it would stay pending inside Yjs, unchecked) is refused. Each key is
 * then checked by `rules.checkChange` with each value written to it, those a later value of
 * the update replaces included: which items Yjs will integrate is Yjs's to say, and an update
 * can claim any origin (what a value costs to check is bounded per update instead: the jury's
 * decisions against one reading of the board, document-policy.ts; and an update spends its
 * writer's allowance by its structures, sync-endpoint.ts).
 *
 * The caller applies an accepted update and reads what it changed from the document's own
 * map events (`applyAndCollectChanges`), so the audit trail holds what Yjs did.
 */
export function validateUpdate(
  current: Y.Doc,
  decoded: DecodedUpdate,
  update: Uint8Array,
  rules: LayoutRules,
): UpdateVerdict {
  const maps = new Set(rules.maps);
  const store = current.store;
  const known = (client: number) => Y.getState(store, client);

  // The update's own items by client, ascending clocks, to find an origin inside the update.
  const own = new Map<number, Y.Item[]>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) return { ok: false, message: OUTSIDE };
    const list = own.get(struct.id.client);
    const previous = list?.at(-1);
    if (!list) {
      // The first structure of a client must follow what the server holds of it.
      if (struct.id.clock > known(struct.id.client)) return { ok: false, message: INCOMPLETE };
      own.set(struct.id.client, [struct]);
    } else {
      if (previous && struct.id.clock !== previous.id.clock + previous.length) {
        return { ok: false, message: INCOMPLETE };
      }
      list.push(struct);
    }
  }

  const places = new Map<Y.Item, Place | null | undefined>();
  const placeOfId = (id: Y.ID, depth: number): Place | null | undefined => {
    const list = own.get(id.client);
    const inUpdate = list?.find((i) => i.id.clock <= id.clock && id.clock < i.id.clock + i.length);
    if (inUpdate && inUpdate.id.clock + inUpdate.length > known(id.client)) {
      return placeOf(inUpdate, depth + 1);
    }
    if (id.clock >= known(id.client)) return undefined; // missing: the update is incomplete
    const held = Y.getItem(store, id);
    if (!(held instanceof Y.Item) || held.parentSub === null) return null;
    const parent = held.parent as Y.AbstractType<unknown> | null;
    if (parent === null || parent._item !== null) return null;
    return { map: Y.findRootTypeKey(parent), key: held.parentSub };
  };
  // null: outside the layout; undefined: depends on structures the server lacks.
  function placeOf(item: Y.Item, depth: number): Place | null | undefined {
    if (places.has(item)) return places.get(item);
    // Maps never set a right origin; a chain longer than the update is a forged loop.
    if (item.rightOrigin !== null || depth > decoded.structs.length) return null;
    let place: Place | null | undefined;
    if (item.origin === null) {
      place =
        typeof item.parent === 'string' && item.parentSub !== null
          ? { map: item.parent, key: item.parentSub }
          : null;
    } else {
      place = placeOfId(item.origin, depth);
    }
    places.set(item, place);
    return place;
  }

  // Values written per key, in the update's order.
  const written = new Map<string, { place: Place; values: unknown[] }>();
  for (const [client, items] of own) {
    for (const item of items) {
      // Items the server already holds are skipped by Yjs: nothing to check.
      if (item.id.clock + item.length <= known(client)) continue;
      const place = placeOf(item, 0);
      if (place === undefined) return { ok: false, message: INCOMPLETE };
      if (place === null || !maps.has(place.map)) return { ok: false, message: OUTSIDE };
      let value: unknown;
      if (item.content instanceof Y.ContentDeleted) value = null;
      else if (item.content instanceof Y.ContentAny && item.content.arr.length === 1) {
        value = item.content.arr[0] ?? null;
      } else return { ok: false, message: OUTSIDE };
      const id = `${place.map}\u0000${place.key}`;
      const entry = written.get(id) ?? { place, values: [] };
      entry.values.push(value);
      written.set(id, entry);
    }
  }

  // Current values the delete set removes from the server's document.
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = store.clients.get(client);
    const limit = known(client);
    for (const range of ranges) {
      const end = Math.min(range.clock + range.len, limit);
      if (!structs || range.clock >= end) continue; // only the update's own new items
      for (let index = Y.findIndexSS(structs, range.clock); index < structs.length; index++) {
        const struct = structs[index] as Y.Item | Y.GC;
        if (struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const parent = struct.parent as Y.AbstractType<unknown> | null;
        if (struct.parentSub === null || parent === null || parent._item !== null) {
          return { ok: false, message: OUTSIDE };
        }
        // An older value of a key is already deleted; a current one is removed here.
        const map = Y.findRootTypeKey(parent);
        const id = `${map}\u0000${struct.parentSub}`;
        if (!written.has(id)) {
          written.set(id, { place: { map, key: struct.parentSub }, values: [null] });
        }
      }
    }
  }

  let scratch: Y.Doc | null = null;
  const afterDoc = (): Y.Doc => {
    if (!scratch) {
      scratch = new Y.Doc({ gc: false });
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current));
      Y.applyUpdate(scratch, update);
    }
    return scratch;
  };
  try {
    for (const { place, values } of written.values()) {
      if (!maps.has(place.map)) return { ok: false, message: OUTSIDE };
      for (const value of values) {
        if (value instanceof Y.AbstractType) return { ok: false, message: OUTSIDE };
        const refusal = rules.checkChange(place.map, place.key, value, afterDoc);
        if (refusal) return { ok: false, message: refusal };
      }
    }
    return { ok: true };
  } finally {
    (scratch as Y.Doc | null)?.destroy();
  }
}

/** Whether `item` was in the document before `transaction` (not one of its new items). */
function heldBefore(item: Y.Item, transaction: Y.Transaction): boolean {
  return item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0);
}

/**
 * The values an update wrote that lost to a value the document already held: Yjs orders two
 * values written concurrently under one key by client id, and the loser is deleted at once,
 * so no map event tells of it. Found from the transaction's new items: a deleted map value
 * with an older value to its right lost to it (a value overwritten by its own author's next
 * one has only newer values to its right).
 */
function overruledValues(
  doc: Y.Doc,
  maps: ReadonlySet<string>,
  transaction: Y.Transaction,
): MapChange[] {
  const fresh: Y.Item[] = [];
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    const structs = doc.store.clients.get(client);
    if (!structs || after <= before) continue;
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
      const item = structs[index];
      if (!(item instanceof Y.Item) || item.id.clock >= after) break;
      fresh.push(item);
    }
  }
  // A value another new item follows (these were all integrated) was replaced by the next
  // value of the same history, whoever wrote it: only the history's last value can be said to
  // have lost to the value kept.
  const followed = new Set<string>();
  for (const item of fresh)
    if (item.origin) followed.add(`${item.origin.client}:${item.origin.clock}`);
  const lost = new Map<string, MapChange>();
  for (const item of fresh) {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!item.deleted || item.parentSub === null || parent === null || parent._item !== null)
      continue;
    if (!(item.content instanceof Y.ContentAny)) continue;
    if (followed.has(`${item.id.client}:${item.id.clock + item.length - 1}`)) continue;
    const map = Y.findRootTypeKey(parent);
    if (!maps.has(map)) continue;
    let right = item.right;
    while (right !== null && !heldBefore(right, transaction)) right = right.right;
    if (right === null) continue;
    const kept = parent._map.get(item.parentSub);
    lost.set(`${map}\u0000${item.parentSub}`, {
      map,
      key: item.parentSub,
      before: item.content.arr[0] ?? null,
      after: kept && !kept.deleted ? (kept.content.getContent()[0] ?? null) : null,
      overruled: true,
    });
  }
  return [...lost.values()];
}

/**
 * The values that a transaction applying other processes' committed updates found overruled
 * by a concurrent value (several processes, issue 14). Two examiners typed in one cell at the
 * same instant, each through another process; each process accepted and audited its own value
 * before hearing of the other's, and Yjs keeps one of the two everywhere. A process hears of
 * the conflict either way round:
 * - a value it held is deleted by the transaction, and the value written right after it under
 *   its key was written by someone who had not received it (its origin is not the lost
 *   value), while the key holds a new value;
 * - a value the transaction brings loses at once to a value the document held
 *   (overruledValues, as for a client's update).
 * A value replaced or deleted by a writer who had received it (a later mark from another
 * process, even in the same transaction) is an ordinary change, audited where it was
 * accepted. Every process may find the same conflict: the commit writes its row once, only
 * while the cell's trail still ends on the lost value (database-document-storage.ts).
 * Read in `afterTransaction`, before Yjs collects the deleted values.
 */
export function valuesOverruledElsewhere(
  doc: Y.Doc,
  maps: ReadonlySet<string>,
  transaction: Y.Transaction,
): MapChange[] {
  const lost = overruledValues(doc, maps, transaction);
  for (const [type, keys] of transaction.changed) {
    if (type._item !== null) continue;
    const map = Y.findRootTypeKey(type);
    if (!maps.has(map)) continue;
    for (const key of keys) {
      if (key === null) continue;
      const kept = type._map.get(key);
      if (!kept || kept.deleted || heldBefore(kept, transaction)) continue;
      if (!(kept.content instanceof Y.ContentAny)) continue;
      // Past this transaction's own values, the first value the document held is the one
      // the key held before it (older values were deleted before, and are not looked at).
      let held = kept.left;
      while (held !== null && !heldBefore(held, transaction)) held = held.left;
      if (held === null || !Y.isDeleted(transaction.deleteSet, held.id)) continue;
      if (!(held.content instanceof Y.ContentAny)) continue;
      // The value written right after it: by someone who had received it (its origin), or
      // concurrently, by someone who had not.
      const next = held.right as Y.Item;
      if (next.origin !== null && Y.compareIDs(next.origin, held.lastId)) continue;
      lost.push({
        map,
        key,
        before: held.content.arr[0] ?? null,
        after: kept.content.arr[0] ?? null,
        overruled: true,
      });
    }
  }
  return lost;
}

/**
 * The value now under `key` replaced one its writer had not received: the first of the
 * transaction's values under the key was not written after the value held before it.
 */
function replacedUnseen(map: Y.Map<unknown>, key: string, transaction: Y.Transaction): boolean {
  let first = map._map.get(key);
  if (!first || heldBefore(first, transaction)) return false;
  while (first.left !== null && !heldBefore(first.left, transaction)) first = first.left;
  const held = first.left;
  if (held === null) return false;
  return first.origin === null || !Y.compareIDs(first.origin, held.lastId);
}

/**
 * Applies an accepted update to the server's document and returns, from the document's own
 * map events, every key whose value it changed (before and after, plain values), marked
 * `concurrent` when the writer had not received the value replaced; then the values it wrote
 * that a concurrent value overruled.
 */
export function applyAndCollectChanges(
  doc: Y.Doc,
  maps: readonly string[],
  update: Uint8Array,
  origin: unknown,
): MapChange[] {
  const changes: MapChange[] = [];
  const observers = maps.map((name) => {
    const map = doc.getMap<unknown>(name);
    const observer = (event: Y.YMapEvent<unknown>) => {
      event.keys.forEach((change, key) => {
        const value = map.get(key);
        const after = value === undefined ? null : value;
        const before = change.oldValue === undefined ? null : (change.oldValue as unknown);
        if (JSON.stringify(before) === JSON.stringify(after)) return;
        changes.push({
          map: name,
          key,
          before,
          after,
          ...(replacedUnseen(map, key, event.transaction) ? { concurrent: true as const } : {}),
        });
      });
    };
    map.observe(observer);
    return () => map.unobserve(observer);
  });
  const names = new Set(maps);
  let overruled: MapChange[] = [];
  const afterTransaction = (transaction: Y.Transaction) => {
    overruled = overruledValues(doc, names, transaction);
  };
  doc.on('afterTransaction', afterTransaction);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', afterTransaction);
    for (const stop of observers) stop();
  }
  return [...changes, ...overruled];
}

/** Whether Yjs holds structures of the document it could not integrate (never accepted). */
export function hasPendingStructures(doc: Y.Doc): boolean {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  return store.pendingStructs !== null || store.pendingDs !== null;
}
