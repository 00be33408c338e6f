import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkAuthorship } from './check-authorship.js';

const decode = (update: Uint8Array) => Y.decodeUpdate(update);

/** A server copy and the owners it knows, for updates made by real Yjs documents. */
function serverWith(doc: Y.Doc, owner: string) {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
  const owners = new Map<number, string>([[doc.clientID, owner]]);
  return {
    check: (update: Uint8Array, writer: string) =>
      checkAuthorship(decode(update), (client) => Y.getState(server.store, client), owners, writer),
  };
}

describe('checkAuthorship', () => {
  it('claims a new client id for its writer and accepts the owner’s next edits', () => {
    const doc = new Y.Doc();
    doc.getMap('marks').set('1:U41', { mark: 12 });
    const server = serverWith(new Y.Doc(), 'nobody');
    expect(server.check(Y.encodeStateAsUpdate(doc), 'julie')).toEqual({
      ok: true,
      claims: [doc.clientID],
    });
  });

  it('accepts a whole-state update that resends what the server already holds of others', () => {
    const julie = new Y.Doc();
    julie.getMap('marks').set('1:U41', { mark: 12 });
    const server = serverWith(julie, 'julie');
    const marc = new Y.Doc();
    Y.applyUpdate(marc, Y.encodeStateAsUpdate(julie));
    marc.getMap('marks').set('2:U41', { mark: 8 });
    // Marc's full state carries Julie's item too: already held, so not his to claim.
    const verdict = server.check(Y.encodeStateAsUpdate(marc), 'marc');
    expect(verdict).toEqual({ ok: true, claims: [marc.clientID] });
  });

  it('accepts an overwrite of someone else’s value (the delete set names a held item)', () => {
    const julie = new Y.Doc();
    julie.getMap('marks').set('1:U41', { mark: 12 });
    const server = serverWith(julie, 'julie');
    const marc = new Y.Doc();
    Y.applyUpdate(marc, Y.encodeStateAsUpdate(julie));
    const before = Y.encodeStateVector(marc);
    marc.getMap('marks').set('1:U41', { mark: 13 });
    expect(server.check(Y.encodeStateAsUpdate(marc, before), 'marc').ok).toBe(true);
  });

  it('accepts deleted items an honest client sends, covered by its delete set', () => {
    const julie = new Y.Doc();
    julie.getMap('marks').set('1:U41', { mark: 12 });
    julie.getMap('marks').set('1:U41', { mark: 14 });
    const server = serverWith(new Y.Doc(), 'nobody');
    expect(server.check(Y.encodeStateAsUpdate(julie), 'julie').ok).toBe(true);
  });

  it('refuses an extension of a client id owned by another user', () => {
    const julie = new Y.Doc();
    julie.getMap('marks').set('1:U41', { mark: 12 });
    const server = serverWith(julie, 'julie');
    const before = Y.encodeStateVector(julie);
    julie.getMap('marks').set('2:U41', { mark: 10 });
    const next = Y.encodeStateAsUpdate(julie, before);
    expect(server.check(next, 'marc').ok).toBe(false);
    expect(server.check(next, 'julie').ok).toBe(true);
  });
});
