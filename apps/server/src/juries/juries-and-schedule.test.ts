import type { CommissionView, ImportProblem, ScheduleChanges } from '@delib/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { CANDIDATE_HEADER, newExamSession, AdminClient } from '../test-support/admin-client.js';

interface JuryDetail {
  jury: { id: number; name: string };
  members: { name: string; category: string; president: boolean }[];
  parityWarning: string | null;
  commissions: {
    id: number;
    room: string;
    units: string[];
    examiners: { login: string }[];
    passages: number;
  }[];
}
type Refusal = { error: { code: string; message: string; details: { problems: ImportProblem[] } } };

describe('juries, commissions and the schedule', () => {
  let server: TestServer;
  let admin: AdminClient;
  let sessionId: number;
  let juryId: number;
  let e4: number;
  let options: number;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    sessionId = await newExamSession(admin, 'Lycée du Parc');
    const candidates = [
      CANDIDATE_HEADER,
      '02709001;ABADIE;Léa;01/01/2006;scolaire;anglais;UF1;espagnol;;',
      '02709002;BLANC;Hugo;01/01/2006;apprenti;anglais;;;;',
      '02709003;CHARLES;Inès;01/01/2006;scolaire;anglais;;;U41=12@2025;',
    ].join('\n');
    expect(
      (await admin.csv(`/api/admin/exam-sessions/${sessionId}/candidates/import`, candidates))
        .status,
    ).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('creates a jury with new accounts and an existing user, and warns about parity', async () => {
    const users = await admin.get<{ id: string; login: string }[]>('/api/admin/users?role=member');
    const roux = users.body.find((user) => user.login === 'membre.roux');
    if (!roux) throw new Error('membre.roux absent');
    const created = await admin.json<JuryDetail>(
      'POST',
      `/api/admin/exam-sessions/${sessionId}/juries`,
      {
        name: 'Jury 2 – BTS MCO',
        appointmentRef: 'DEC-2027-0500',
        members: [
          {
            person: { login: 'p.lambert', name: 'Pierre Lambert', password: 'mot-de-passe-long' },
            category: 'enseignant',
            president: true,
          },
          { person: { userId: roux.id }, category: 'enseignant' },
          {
            person: { login: 'a.petit', name: 'Anne Petit', password: 'autre-mot-de-passe' },
            category: 'professionnel_employeur',
          },
        ],
      },
    );
    expect(created.status).toBe(201);
    juryId = created.body.jury.id;
    expect(created.body.members.map((m) => [m.name, m.category, m.president])).toEqual([
      ['Pierre Lambert', 'enseignant', true],
      ['Anne Petit', 'professionnel_employeur', false],
      ['Nadia Roux', 'enseignant', false],
    ]);
    // Besides the president: one teacher, one professional.
    expect(created.body.parityWarning).toBeNull();
    const president = await signIn(server.url, 'p.lambert', 'mot-de-passe-long');
    expect(president.me.juries).toEqual([
      { id: juryId, name: 'Jury 2 – BTS MCO', as: 'president', locked: false },
    ]);
  });

  it('refuses a jury without president and a login already taken, in French', async () => {
    const noPresident = await admin.json<Refusal>(
      'POST',
      `/api/admin/exam-sessions/${sessionId}/juries`,
      {
        name: 'Jury 3',
        members: [
          { person: { login: 'x.y', name: 'X Y', password: '12345678' }, category: 'enseignant' },
        ],
      },
    );
    expect(noPresident.status).toBe(400);
    expect(noPresident.body.error.message).toMatch(/président/);
    const taken = await admin.json<Refusal>('POST', `/api/admin/juries/${juryId}/members`, {
      person: { login: 'presidente', name: 'Autre', password: '12345678' },
      category: 'professionnel_salarie',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('LOGIN_TAKEN');
  });

  it('creates commissions with one or two examiners, oral units only', async () => {
    const room = await admin.json<{ commission: { id: number } }>(
      'POST',
      `/api/admin/juries/${juryId}/commissions`,
      {
        name: 'Commission E41/E42',
        room: 'Salle A12',
        units: ['U41', 'U42'],
        examiners: [{ login: 'e4.durand', name: 'Jeanne Durand', password: 'examinatrice-1' }],
      },
    );
    expect(room.status).toBe(201);
    e4 = room.body.commission.id;
    const optionsRoom = await admin.json<{ commission: { id: number } }>(
      'POST',
      `/api/admin/juries/${juryId}/commissions`,
      {
        name: 'Commission des options',
        room: 'Salle A14',
        units: ['uf1', 'UF2', 'UF3'],
      },
    );
    expect(optionsRoom.status).toBe(201);
    options = optionsRoom.body.commission.id;
    const written = await admin.json<Refusal>('POST', `/api/admin/juries/${juryId}/commissions`, {
      name: 'Écrit',
      room: 'Gymnase',
      units: ['U1'],
    });
    expect(written.status).toBe(400);
    expect(written.body.error.message).toMatch(/^Unités non entendues en salle : U1\./);
  });

  it('imports the schedule by CSV, refusing by line what cannot be heard', async () => {
    const bad = [
      'numéro;commission/salle;ordre;heure',
      '02709001;A12;1;8h00',
      '02709002;a12;1;8h30',
      '02709003;Salle A12;3;9h',
      '02709002;A14;1;10h',
      '02709009;Z99;1;',
    ].join('\n');
    const preview = await admin.csv<{ problems: ImportProblem[] }>(
      `/api/admin/exam-sessions/${sessionId}/schedule/preview`,
      bad,
    );
    expect(preview.status).toBe(200);
    expect(
      preview.body.problems.map(({ line, column, code }) => `${line}:${column}:${code}`),
    ).toEqual([
      '3:ordre:DUPLICATE_POSITION',
      '5:commission/salle:NOTHING_HEARD',
      '6:numéro:UNKNOWN_CANDIDATE',
      '6:commission/salle:UNKNOWN_COMMISSION',
    ]);
    expect(
      (await admin.csv(`/api/admin/exam-sessions/${sessionId}/schedule/import`, bad)).status,
    ).toBe(422);
    expect(
      server.app.db.prepare('SELECT COUNT(*) AS n FROM passages WHERE commission_id = ?').get(e4),
    ).toEqual({ n: 0 });

    const good = [
      'numéro;commission;ordre;heure',
      '02709001;Salle A12;1;8h00',
      '02709002;Salle A12;2;08:30',
      '02709003;Salle A12;3;9:00',
      '02709001;Commission des options;1;10h',
    ].join('\r\n');
    const imported = await admin.csv<{ changes: ScheduleChanges; applied: boolean }>(
      `/api/admin/exam-sessions/${sessionId}/schedule/import`,
      good,
    );
    expect(imported.status).toBe(200);
    expect(imported.body.changes.created).toHaveLength(4);
    expect(imported.body.changes.assignedToJury).toHaveLength(3);
    const again = await admin.csv<{ changes: ScheduleChanges }>(
      `/api/admin/exam-sessions/${sessionId}/schedule/import`,
      good,
    );
    expect(again.body.changes).toEqual({
      created: [],
      updated: [],
      removed: [],
      unchanged: 4,
      assignedToJury: [],
      leaving: [],
      confirmation: null,
    });
  });

  it('shows the schedule on the examiner’s page (GET /api/commissions/:id)', async () => {
    const examiner = await AdminClient.signIn(server, 'e4.durand', 'examinatrice-1');
    const view = await examiner.get<CommissionView>(`/api/commissions/${e4}`);
    expect(view.status).toBe(200);
    expect(view.body.passages.map((p) => [p.position, p.time, p.number, p.units])).toEqual([
      [1, '08:00', '02709001', ['U41', 'U42']],
      [2, '08:30', '02709002', ['U41', 'U42']],
      [3, '09:00', '02709003', ['U42']],
    ]);
    expect((await examiner.get(`/api/commissions/${options}`)).status).toBe(403);
  });

  it('replaces one commission’s schedule by JSON, and refuses a unit heard twice', async () => {
    const answer = await admin.json<{ changes: ScheduleChanges }>(
      'PUT',
      `/api/admin/commissions/${e4}/passages`,
      {
        passages: [
          { number: '02709002', position: 1, time: '8h00' },
          { number: '02709001', position: 2, time: '08:30' },
        ],
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.changes.updated).toHaveLength(2);
    expect(answer.body.changes.removed).toEqual([
      { number: '02709003', commission: 'Commission E41/E42 (Salle A12)' },
    ]);

    const second = await admin.json<{ commission: { id: number } }>(
      'POST',
      `/api/admin/juries/${juryId}/commissions`,
      {
        name: 'Commission E41 bis',
        room: 'Salle B1',
        units: ['U41'],
      },
    );
    const twice = await admin.json<Refusal>(
      'PUT',
      `/api/admin/commissions/${second.body.commission.id}/passages`,
      {
        passages: [{ number: '02709002', position: 1, time: null }],
      },
    );
    expect(twice.status).toBe(422);
    expect(twice.body.error.details.problems).toEqual([
      expect.objectContaining({ line: 1, column: 'commission', code: 'UNIT_HEARD_TWICE' }),
    ]);
  });

  it('assigns candidates to a jury by number', async () => {
    const other = await admin.json<{ jury: { id: number } }>(
      'POST',
      `/api/admin/exam-sessions/${sessionId}/juries`,
      {
        name: 'Jury 4',
        members: [
          {
            person: { login: 'q.martin', name: 'Quentin Martin', password: '12345678' },
            category: 'enseignant',
            president: true,
          },
        ],
      },
    );
    const refused = await admin.json<Refusal>(
      'POST',
      `/api/admin/juries/${other.body.jury.id}/candidates`,
      {
        numbers: ['02709001', '02709999'],
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.problems.map((p) => p.code)).toEqual([
      'OTHER_JURY',
      'UNKNOWN_CANDIDATE',
    ]);
  });
});
