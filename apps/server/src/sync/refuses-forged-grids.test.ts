import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, cellKey, gridsMap, readFilledGrid, writeFilledGrid } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { settle } from '../test-support/deliberation-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import type { SignedIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

describe('the sync endpoint refuses forged evaluation grids', () => {
  let server: TestServer;
  let examiner: SignedIn;
  let room: CommissionView;
  let candidateId: number;
  let counts: () => { updates: number; audit: number };
  let before: { updates: number; audit: number };
  const stored = { vendre: 's' };

  beforeAll(async () => {
    server = await startTestServer();
    examiner = await signIn(server.url, 'e4.enseignante');
    room = await firstRoomOf(server.url, examiner);
    candidateId = room.passages[0]?.candidateId as number;
    counts = () => ({
      updates: (
        server.app.db.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number }
      ).n,
      audit: (server.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number })
        .n,
    });
    const client = await open();
    client.change((doc) => writeFilledGrid(doc, candidateId, 'U41', stored));
    await settle();
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

  async function expectRefused(value: unknown, unit = 'U41'): Promise<string> {
    const client = await open();
    client.change((doc) => gridsMap(doc).set(cellKey(candidateId, unit), value));
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.INVALID_UPDATE);
    expect(counts()).toEqual(before);
    const fresh = await open();
    expect(readFilledGrid(fresh.doc, candidateId, 'U41')).toEqual(stored);
    fresh.close();
    return closed.reason;
  }

  it('refuses an unknown criterion', async () => {
    expect(await expectRefused({ vendre: 's', accueil: 's' })).toBe(
      'Critère inconnu de la grille U41 : « accueil ».',
    );
  });

  it('refuses an unknown level', async () => {
    expect(await expectRefused({ vendre: 'excellent' })).toBe(
      'Niveau inconnu pour le critère « Accueillir, conseiller et vendre » : « excellent ».',
    );
  });

  it('refuses a grid with more criteria than the unit’s grid', async () => {
    const five = { cibler: 's', vendre: 's', fideliser: 's', communication: 's', autre: 's' };
    expect(await expectRefused(five)).toBe('La grille de l’unité U41 a 4 critères, pas 5.');
  });

  it('refuses an oversized payload without reading it further', async () => {
    const huge = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, 's']));
    expect(await expectRefused(huge)).toBe('Grille d’évaluation non reconnue pour l’unité U41.');
    expect(await expectRefused({ vendre: 'x'.repeat(5000) })).toBe(
      'Grille d’évaluation non reconnue pour l’unité U41.',
    );
  });

  it('refuses values that are not a grid of texts', async () => {
    for (const value of [['s'], 'vendre=s', 14, { vendre: { level: 's' } }, { vendre: 3 }]) {
      expect(await expectRefused(value)).toBe('Grille d’évaluation non reconnue pour l’unité U41.');
    }
  });

  it('refuses a grid for a unit the room does not hear', async () => {
    expect(await expectRefused({ comprehension: 's' }, 'U22')).toBe(
      'Cette salle n’évalue pas ce candidat pour cette unité.',
    );
  });
});
