import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, readOralEntry, writeOralEntry } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { settle } from '../test-support/deliberation-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { specialtySession, type SpecialtySession } from '../test-support/specialty-session.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

type Report = {
  error: {
    details: { problems: { line: number; column: string; code: string; message: string }[] };
  };
};

/** A session marked in whole points: the sync endpoint and the written import refuse 12,5. */
describe('a mark off the session’s step', () => {
  let server: TestServer;
  let admin: AdminClient;
  let session: SpecialtySession;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    session = await specialtySession(admin, {
      regulationId: 'bts-mco-2018',
      units: ['U41'],
      candidates: [
        '02793001;ESTEVE;Rose;06/06/2006;scolaire;anglais;;;;',
        '02793002;FAURE;Jean;07/07/2006;scolaire;anglais;;;;',
      ],
    });
    const saved = await admin.json(
      'PUT',
      `/api/admin/exam-sessions/${session.sessionId}/settings`,
      {
        controlEnabled: true,
        optionalMultiplier: 1,
        maxOptionalUnits: 2,
        markStep: 1,
      },
    );
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
  });

  const open = () =>
    openRawSync(server.url, session.room.document, {
      cookie: session.examiner.cookie,
      origin: server.origin,
    });

  it('is refused by the sync endpoint (4422), in French, and nothing is stored', async () => {
    const candidateId = session.room.passages[0]?.candidateId as number;
    const client = await open();
    client.change((doc) => writeOralEntry(doc, candidateId, 'U41', { mark: 12.5 }));
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.INVALID_UPDATE);
    expect(closed.reason).toMatch(/U41/);
    expect(closed.reason).toMatch(/pas de 1/);
    const fresh = await open();
    expect(readOralEntry(fresh.doc, candidateId, 'U41')).toBeNull();
    fresh.close();
  });

  it('a mark on the step is accepted', async () => {
    const candidateId = session.room.passages[1]?.candidateId as number;
    const client = await open();
    client.change((doc) => writeOralEntry(doc, candidateId, 'U41', { mark: 13 }));
    await settle();
    client.close();
    const fresh = await open();
    expect(readOralEntry(fresh.doc, candidateId, 'U41')).toEqual({ mark: 13 });
    fresh.close();
  });

  it('is refused by the written-marks import, by line and column', async () => {
    const answer = await admin.csv<Report>(
      `/api/admin/exam-sessions/${session.sessionId}/written-marks/import`,
      'numéro;U1;U3\n02793001;12,5;14\n',
    );
    expect(answer.status).toBe(422);
    const problems = answer.body.error.details.problems;
    expect(problems.map(({ line, column, code }) => `${line}:${column}:${code}`)).toEqual([
      '2:U1:INVALID_MARK',
    ]);
    expect(problems[0]?.message).toMatch(/pas de 1/);
  });
});
