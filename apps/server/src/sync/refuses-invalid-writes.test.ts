import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, cellKey, marksMap, readOralEntry, writeOralEntry } from '@delib/protocol';
import type { CommissionView, MeResponse } from '@delib/protocol';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

describe('the sync endpoint refuses what a room may not write', () => {
  let server: TestServer;
  let examiner: { cookie: string; me: MeResponse };
  let room: CommissionView;
  let counts: () => { updates: number; audit: number };
  let before: { updates: number; audit: number };

  beforeAll(async () => {
    server = await startTestServer();
    examiner = await signIn(server.url, 'e4.enseignante');
    room = await firstRoomOf(server.url, examiner);
    counts = () => ({
      updates: (
        server.app.db.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number }
      ).n,
      audit: (server.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number })
        .n,
    });
    // One accepted mark, so "unchanged" is checked against a record that holds something.
    const client = await openRawSync(server.url, room.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
    client.change((doc) =>
      writeOralEntry(doc, room.passages[0]?.candidateId as number, 'U41', { mark: 12 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.close();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    before = counts();
  });

  const open = () =>
    openRawSync(server.url, room.document, { cookie: examiner.cookie, origin: server.origin });

  async function expectRefused(
    edit: (client: Awaited<ReturnType<typeof open>>) => void,
    code: number,
  ) {
    const client = await open();
    edit(client);
    const closed = await client.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason.length).toBeGreaterThan(0);
    expect(counts()).toEqual(before);
    // A fresh connection sees the stored record, untouched.
    const fresh = await open();
    expect(readOralEntry(fresh.doc, room.passages[0]?.candidateId as number, 'U41')).toEqual({
      mark: 12,
    });
    fresh.close();
    return closed;
  }

  it('accepts a valid mark and stores it with its audit row', async () => {
    const client = await open();
    client.change((doc) =>
      writeOralEntry(doc, room.passages[1]?.candidateId as number, 'U42', { mark: 15.5 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(counts()).toEqual({ updates: before.updates + 1, audit: before.audit + 1 });
    client.close();
  });

  it('refuses a mark of 21 (4422), in French', async () => {
    const closed = await expectRefused(
      (c) =>
        c.change((doc) =>
          writeOralEntry(doc, room.passages[2]?.candidateId as number, 'U41', { mark: 21 }),
        ),
      CloseCode.INVALID_UPDATE,
    );
    expect(closed.reason).toMatch(/U41/);
  });

  it('refuses a mark off the 0.5 step (4422)', async () => {
    await expectRefused(
      (c) =>
        c.change((doc) =>
          writeOralEntry(doc, room.passages[2]?.candidateId as number, 'U41', { mark: 12.3 }),
        ),
      CloseCode.INVALID_UPDATE,
    );
  });

  it('refuses a unit this room does not hear (4422)', async () => {
    await expectRefused(
      (c) =>
        c.change((doc) =>
          writeOralEntry(doc, room.passages[2]?.candidateId as number, 'U22', { mark: 12 }),
        ),
      CloseCode.INVALID_UPDATE,
    );
  });

  it('refuses an unknown unit and a candidate of another jury (4422)', async () => {
    await expectRefused(
      (c) =>
        c.change((doc) =>
          writeOralEntry(doc, room.passages[2]?.candidateId as number, 'U99', { mark: 12 }),
        ),
      CloseCode.INVALID_UPDATE,
    );
    await expectRefused(
      (c) => c.change((doc) => writeOralEntry(doc, 999_999, 'U41', { mark: 12 })),
      CloseCode.INVALID_UPDATE,
    );
  });

  it('refuses a value of the wrong shape and a key outside the layout (4422)', async () => {
    await expectRefused(
      (c) =>
        c.change((doc) =>
          marksMap(doc).set(cellKey(room.passages[2]?.candidateId as number, 'U41'), {
            mark: '12',
          }),
        ),
      CloseCode.INVALID_UPDATE,
    );
    await expectRefused(
      (c) => c.change((doc) => doc.getMap('autre').set('x', 1)),
      CloseCode.INVALID_UPDATE,
    );
    await expectRefused(
      (c) => c.change((doc) => marksMap(doc).set('n’importe quoi', { mark: 12 })),
      CloseCode.INVALID_UPDATE,
    );
  });

  it('refuses an oversized update (4413)', async () => {
    await expectRefused(
      (c) =>
        c.change((doc) =>
          marksMap(doc).set(cellKey(room.passages[2]?.candidateId as number, 'U41'), {
            mark: 12,
            pad: 'x'.repeat(70_000),
          }),
        ),
      CloseCode.TOO_LARGE,
    );
  });

  it('refuses garbage bytes (4422)', async () => {
    await expectRefused(
      (c) => c.sendRaw(new Uint8Array([0, 2, 200, 1, 2, 3])),
      CloseCode.INVALID_UPDATE,
    );
    await expectRefused((c) => c.sendRaw(new Uint8Array([7, 7, 7])), CloseCode.INVALID_UPDATE);
  });

  it('never applies a write from a read-only connection (a jury member)', async () => {
    const member = await signIn(server.url, 'membre.martin');
    const client = await openRawSync(server.url, room.document, {
      cookie: member.cookie,
      origin: server.origin,
    });
    client.change((doc) =>
      writeOralEntry(doc, room.passages[3]?.candidateId as number, 'U41', { mark: 20 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(counts()).toEqual(before);
    const fresh = await open();
    expect(readOralEntry(fresh.doc, room.passages[3]?.candidateId as number, 'U41')).toBeNull();
    fresh.close();
    client.close();
  });
});
