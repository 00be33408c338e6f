import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdmittedList, LockedRecord } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { candidateNumbered, postJson } from '../test-support/deliberation-steps.js';
import {
  ABSENT_NUMBER,
  ADMITTED_NUMBERS,
  lockDemoJuryWithAdmitted,
  WITHOUT_CONSENT,
} from '../test-support/publication-steps.js';
import type { LockedDemoJury } from '../test-support/publication-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * The list of admitted candidates holds exactly the candidates the locked record admits, by
 * number, with their names only when they consented; a correction after the lock
 * (rectificatif) that changes a decision changes the list.
 */
describe('the admitted list of a locked jury', () => {
  let server: TestServer;
  let admin: AdminClient;
  let locked: LockedDemoJury;
  let sessionId: number;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    locked = await lockDemoJuryWithAdmitted(server);
    sessionId = locked.board.session.id;
  });
  afterAll(async () => {
    await server.stop();
  });

  const sessionList = async () => {
    const answer = await admin.get<AdmittedList>(
      `/api/admin/exam-sessions/${sessionId}/publication`,
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('lists exactly the candidates the record admits, in the order of their numbers', async () => {
    const record = await admin.get<LockedRecord>(`/api/juries/${locked.juryId}/record`);
    const admittedInRecord = record.body.record.candidates
      .filter((candidate) => candidate.decision === 'admis')
      .map((candidate) => candidate.number)
      .sort();
    expect(admittedInRecord).toEqual(ADMITTED_NUMBERS);
    const list = await sessionList();
    expect(list.candidates.map((candidate) => candidate.number)).toEqual(ADMITTED_NUMBERS);
    expect(list.candidates.map((c) => c.number)).not.toContain(ABSENT_NUMBER);
    expect(list.juries).toEqual([
      expect.objectContaining({ id: locked.juryId, locked: true, admitted: 4 }),
    ]);
    expect(list.session).toMatchObject({ year: 2027, specialty: 'MCO' });
  });

  it('names only the candidates who consented; the others by number only', async () => {
    const list = await sessionList();
    const byNumber = new Map(list.candidates.map((c) => [c.number, c]));
    expect(byNumber.get(WITHOUT_CONSENT)).toMatchObject({ lastName: null, firstName: null });
    const named = candidateNumbered(locked.board, '02700001');
    expect(byNumber.get('02700001')).toMatchObject({
      lastName: named.lastName,
      firstName: named.firstName,
    });
    expect(list.withoutName).toBe(1);
    // The president's view of the same jury says the same.
    const forPresident = await fetch(`${server.url}/api/juries/${locked.juryId}/publication`, {
      headers: { cookie: locked.presidentCookie },
    });
    expect(forPresident.status).toBe(200);
    const juryList = (await forPresident.json()) as AdmittedList;
    expect(juryList.scope).toBe('jury');
    expect(juryList.candidates).toEqual(list.candidates);
  });

  it('follows a consent given after the lock, which changes nothing of the record', async () => {
    const before = await admin.get<LockedRecord>(`/api/juries/${locked.juryId}/record`);
    const exported = await admin.get<string>(
      `/api/admin/exam-sessions/${sessionId}/candidates.csv`,
    );
    expect(exported.status).toBe(200);
    const file = exported.body
      .replace(/^\uFEFF/, '')
      .replace(new RegExp(`^(${WITHOUT_CONSENT};.*);non\\r$`, 'm'), '$1;oui\r');
    const imported = await admin.csv<{ applied: boolean; problems: unknown[] }>(
      `/api/admin/exam-sessions/${sessionId}/candidates/import`,
      file,
    );
    expect(imported.body.problems).toEqual([]);
    expect(imported.body.applied).toBe(true);
    const list = await sessionList();
    expect(list.candidates.find((c) => c.number === WITHOUT_CONSENT)?.lastName).toBe(
      candidateNumbered(locked.board, WITHOUT_CONSENT).lastName,
    );
    const after = await admin.get<LockedRecord>(`/api/juries/${locked.juryId}/record`);
    expect(after.body.sha256).toBe(before.body.sha256);
  });

  it('follows the decisions of corrections after the lock, both ways', async () => {
    const absent = candidateNumbered(locked.board, ABSENT_NUMBER);
    const admitted = candidateNumbered(locked.board, '02700003');
    const corrected = await postJson(
      server,
      `/api/juries/${locked.juryId}/amendments`,
      locked.presidentCookie,
      {
        candidateId: absent.id,
        unit: 'U5',
        input: 'entry',
        after: { mark: 15 },
        reason: 'Copie retrouvée : le candidat était présent',
      },
    );
    expect(corrected.status).toBe(201);
    expect(corrected.body.decision).toEqual({ before: 'absent', after: 'admis' });
    const withdrawn = await postJson(
      server,
      `/api/juries/${locked.juryId}/amendments`,
      locked.presidentCookie,
      {
        candidateId: admitted.id,
        unit: 'U41',
        input: 'entry',
        after: { absent: 'unjustified' },
        reason: 'Absence reportée par erreur comme une note',
      },
    );
    expect(withdrawn.body.decision).toEqual({ before: 'admis', after: 'absent' });
    const list = await sessionList();
    expect(list.candidates.map((c) => c.number)).toEqual([
      '02700001',
      '02700004',
      '02700006',
      ABSENT_NUMBER,
    ]);
    expect(list.candidates.find((c) => c.number === ABSENT_NUMBER)?.byAmendment).toBe(true);
  });
});
