import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAndCollectChanges, validateUpdate } from './validate-update.js';
import type { LayoutRules } from './validate-update.js';

/** A layout that records what it is asked and refuses values with `refuse: true`. */
function recordingRules(): LayoutRules & { asked: [string, string, unknown][] } {
  const asked: [string, string, unknown][] = [];
  return {
    asked,
    maps: ['marks'],
    checkChange(map, key, after) {
      asked.push([map, key, after]);
      return (after as { refuse?: boolean } | null)?.refuse ? 'refusé' : null;
    },
  };
}

function serverAndClient() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
  };
  const edit = (change: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    change(client);
    return Y.encodeStateAsUpdate(client, before);
  };
  const check = (update: Uint8Array, rules = recordingRules()) =>
    validateUpdate(server, Y.decodeUpdate(update), update, rules);
  return { server, client, sync, edit, check };
}

/** One map item of a hand-written update: under a key (no origin), or following `origin`. */
interface ForgedItem {
  client: number;
  clock: number;
  origin?: [number, number];
  key?: string;
  value: unknown;
}

/** An update as a forger writes it, with whatever ids and origins it likes (Yjs v1 format). */
function forgedUpdate(items: readonly ForgedItem[]): Uint8Array {
  const encoder = encoding.createEncoder();
  const byClient = new Map<number, ForgedItem[]>();
  for (const item of items) byClient.set(item.client, [...(byClient.get(item.client) ?? []), item]);
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder, list.length);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, list[0]?.clock ?? 0);
    for (const item of list) {
      // ContentAny (8), with an origin (0x80) or with its parent and key (0x20).
      encoding.writeUint8(encoder, 8 | (item.origin ? 0x80 : 0x20));
      if (item.origin) {
        encoding.writeVarUint(encoder, item.origin[0]);
        encoding.writeVarUint(encoder, item.origin[1]);
      } else {
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarString(encoder, 'marks');
        encoding.writeVarString(encoder, item.key ?? '');
      }
      encoding.writeVarUint(encoder, 1);
      encoding.writeAny(encoder, item.value as never);
    }
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

describe('validateUpdate', () => {
  it('checks a new key and an overwrite, each with its value', () => {
    const { server, edit, check } = serverAndClient();
    const first = edit((doc) => doc.getMap('marks').set('1:U41', { mark: 12 }));
    const rules = recordingRules();
    expect(check(first, rules)).toEqual({ ok: true });
    expect(rules.asked).toEqual([['marks', '1:U41', { mark: 12 }]]);
    Y.applyUpdate(server, first);
    // The overwrite's item names no key: its place is that of the value it follows.
    const second = edit((doc) => doc.getMap('marks').set('1:U41', { mark: 14 }));
    const again = recordingRules();
    expect(check(second, again)).toEqual({ ok: true });
    expect(again.asked).toEqual([['marks', '1:U41', { mark: 14 }]]);
    Y.applyUpdate(server, second);
    expect(check(edit((doc) => doc.getMap('marks').set('1:U41', { refuse: true })))).toEqual({
      ok: false,
      message: 'refusé',
    });
  });

  it('checks a deletion of a key as a null value', () => {
    const { server, edit, check } = serverAndClient();
    Y.applyUpdate(
      server,
      edit((doc) => doc.getMap('marks').set('2:U41', { mark: 9 })),
    );
    const rules = recordingRules();
    expect(
      check(
        edit((doc) => doc.getMap('marks').delete('2:U41')),
        rules,
      ),
    ).toEqual({ ok: true });
    expect(rules.asked).toEqual([['marks', '2:U41', null]]);
  });

  it('refuses another root, a nested type, a list in a root and text', () => {
    const outside = { ok: false, message: 'Cette modification sort de la structure du document.' };
    for (const change of [
      (doc: Y.Doc) => doc.getMap('autre').set('x', 1),
      (doc: Y.Doc) => doc.getMap('marks').set('1:U41', new Y.Map()),
      (doc: Y.Doc) => doc.getArray('marks').insert(0, [1]),
      (doc: Y.Doc) => doc.getText('notes').insert(0, 'x'),
    ]) {
      const { edit, check } = serverAndClient();
      expect(check(edit(change))).toEqual(outside);
    }
  });

  it('refuses an update that follows structures the server does not hold', () => {
    const { edit, check } = serverAndClient();
    edit((doc) => doc.getMap('marks').set('1:U41', { mark: 12 }));
    const next = edit((doc) => doc.getMap('marks').set('1:U41', { mark: 13 }));
    expect(check(next)).toEqual({
      ok: false,
      message: 'Mise à jour incomplète : des modifications antérieures manquent.',
    });
  });

  it('takes a whole offline history: several values of one key in one update', () => {
    const { edit, check } = serverAndClient();
    const history = edit((doc) => {
      doc.getMap('marks').set('1:U41', { mark: 8 });
    });
    const more = edit((doc) => doc.getMap('marks').set('1:U41', { mark: 9 }));
    const merged = Y.mergeUpdates([history, more]);
    expect(check(merged)).toEqual({ ok: true });
  });

  it('checks every value of a history, those it replaces included', () => {
    const { check } = serverAndClient();
    // Without garbage collection the replaced value travels with its content (an honest
    // client's arrives deleted, as null).
    const writer = new Y.Doc({ gc: false });
    writer.getMap('marks').set('1:U41', { refuse: true });
    writer.getMap('marks').set('1:U41', { mark: 12 });
    const rules = recordingRules();
    expect(check(Y.encodeStateAsUpdate(writer), rules)).toEqual({ ok: false, message: 'refusé' });
    expect(rules.asked).toEqual([['marks', '1:U41', { refuse: true }]]);
  });

  it('checks a value that an item the server already holds claims to follow', () => {
    const { server, check } = serverAndClient();
    const held = new Y.Doc();
    held.clientID = 7;
    held.getMap('marks').set('2:U41', { mark: 9 });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(held));
    // A new value, and a resent copy of the held item (client 7, clock 0) naming it as its
    // origin: Yjs skips the copy and keeps the new value, which must be checked.
    const forged = forgedUpdate([
      { client: 8, clock: 0, key: '1:U41', value: { refuse: true } },
      { client: 7, clock: 0, origin: [8, 0], value: { mark: 1 } },
    ]);
    const rules = recordingRules();
    expect(check(forged, rules)).toEqual({ ok: false, message: 'refusé' });
    expect(server.getMap('marks').get('1:U41')).toBeUndefined();
  });

  it('checks the last value of each writer when two write one key in one update', () => {
    const { edit, check } = serverAndClient();
    const other = new Y.Doc();
    other.getMap('marks').set('1:U41', { mark: 9 });
    other.getMap('marks').set('1:U41', { refuse: true });
    const mine = edit((doc) => doc.getMap('marks').set('1:U41', { mark: 12 }));
    const both = Y.mergeUpdates([mine, Y.encodeStateAsUpdate(other)]);
    const rules = recordingRules();
    // Whichever Yjs keeps, it was checked: the other writer's last value is refused.
    expect(check(both, rules)).toEqual({ ok: false, message: 'refusé' });
  });
});

describe('applyAndCollectChanges', () => {
  it('returns each key the update changed, before and after', () => {
    const { server, edit } = serverAndClient();
    Y.applyUpdate(
      server,
      edit((doc) => doc.getMap('marks').set('1:U41', { mark: 12 })),
    );
    const update = edit((doc) => {
      doc.getMap('marks').set('1:U41', { mark: 15 });
      doc.getMap('marks').set('3:U42', { absent: 'justified' });
    });
    expect(applyAndCollectChanges(server, ['marks'], update, null)).toEqual([
      { map: 'marks', key: '1:U41', before: { mark: 12 }, after: { mark: 15 } },
      { map: 'marks', key: '3:U42', before: null, after: { absent: 'justified' } },
    ]);
  });
});

describe('applyAndCollectChanges: two examiners in one cell', () => {
  /**
   * The server holds examiner A's 9 (client 50); B writes `marksOfB` in turn (14 unless told)
   * without having received it.
   */
  function concurrentWrite(clientOfB: number, marksOfB = [14]) {
    const server = new Y.Doc({ gc: true });
    const a = new Y.Doc();
    a.clientID = 50;
    a.getMap('marks').set('1:U41', { mark: 9 });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    const b = new Y.Doc();
    b.clientID = clientOfB;
    for (const mark of marksOfB) b.getMap('marks').set('1:U41', { mark });
    return { server, update: Y.encodeStateAsUpdate(b) };
  }

  it('marks a value that replaced one its writer had not received', () => {
    // Yjs keeps the concurrent value of the larger client id.
    const { server, update } = concurrentWrite(90);
    expect(applyAndCollectChanges(server, ['marks'], update, null)).toEqual([
      { map: 'marks', key: '1:U41', before: { mark: 9 }, after: { mark: 14 }, concurrent: true },
    ]);
    expect(server.getMap('marks').get('1:U41')).toEqual({ mark: 14 });
  });

  it('tells of a value that lost to a concurrent one, though the key did not change', () => {
    const { server, update } = concurrentWrite(10);
    expect(applyAndCollectChanges(server, ['marks'], update, null)).toEqual([
      { map: 'marks', key: '1:U41', before: { mark: 14 }, after: { mark: 9 }, overruled: true },
    ]);
    expect(server.getMap('marks').get('1:U41')).toEqual({ mark: 9 });
  });

  it('marks a value that replaced, after the writer’s own first try, one it had not received', () => {
    const { server, update } = concurrentWrite(90, [14, 15]);
    expect(applyAndCollectChanges(server, ['marks'], update, null)).toEqual([
      { map: 'marks', key: '1:U41', before: { mark: 9 }, after: { mark: 15 }, concurrent: true },
    ]);
  });

  it('tells of the last value only when the writer changed its mind offline', () => {
    const { server, update } = concurrentWrite(10, [14, 15]);
    expect(applyAndCollectChanges(server, ['marks'], update, null)).toEqual([
      { map: 'marks', key: '1:U41', before: { mark: 15 }, after: { mark: 9 }, overruled: true },
    ]);
  });

  it('tells of a history’s last value only, whichever writer wrote the values before it', () => {
    // Client 10 (held already, another cell) and client 20 write one history in turn without
    // having received A's 9: 20's 25 (never checked: 10's 14 replaces it in the same update),
    // then 10's 14. Both lose to the 9; only the 14 was checked, and only it is told.
    // Without garbage collection the 25 travels with its content, as a forger would send it.
    const server = new Y.Doc({ gc: true });
    const b = new Y.Doc({ gc: false });
    b.clientID = 10;
    b.getMap('marks').set('2:U41', { mark: 11 });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(b));
    const a = new Y.Doc();
    a.clientID = 50;
    a.getMap('marks').set('1:U41', { mark: 9 });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    const c = new Y.Doc({ gc: false });
    c.clientID = 20;
    Y.applyUpdate(c, Y.encodeStateAsUpdate(b));
    c.getMap('marks').set('1:U41', { mark: 25 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(c));
    b.getMap('marks').set('1:U41', { mark: 14 });
    const update = Y.encodeStateAsUpdate(b, Y.encodeStateVector(server));
    expect(applyAndCollectChanges(server, ['marks'], update, null)).toEqual([
      { map: 'marks', key: '1:U41', before: { mark: 14 }, after: { mark: 9 }, overruled: true },
    ]);
  });

  it('sees nothing concurrent in a value replaced by someone who had received it', () => {
    const { server, client, sync, edit } = serverAndClient();
    const first = new Y.Doc();
    first.clientID = 99;
    first.getMap('marks').set('1:U41', { mark: 9 });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(first));
    sync();
    expect(client.getMap('marks').get('1:U41')).toEqual({ mark: 9 });
    const update = edit((doc) => doc.getMap('marks').set('1:U41', { mark: 14 }));
    expect(applyAndCollectChanges(server, ['marks'], update, null)).toEqual([
      { map: 'marks', key: '1:U41', before: { mark: 9 }, after: { mark: 14 } },
    ]);
  });
});
