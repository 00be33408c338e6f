import * as Y from 'yjs';
import { candidateInput } from '@delib/protocol';
import type { BoardCandidate, BoardView, CommissionView } from '@delib/protocol';
import { computeResult } from '@delib/rules';
import type { CandidateResult, Regulation } from '@delib/rules';
import { CANDIDATE_HEADER, type AdminClient } from './admin-client.js';
import { settle } from './deliberation-steps.js';
import { openRawSync } from './raw-sync-client.js';
import type { RawSyncClient } from './raw-sync-client.js';
import { getJson, signIn } from './sign-in.js';
import type { TestServer } from './test-server.js';

/**
 * A fresh exam session under `regulationId`, built through the admin API as a centre would:
 * candidates imported, one jury with its president, one room of `units` with one examiner,
 * every candidate scheduled in that room. For the specialty tests (regulations and settings).
 */
export interface SpecialtySession {
  sessionId: number;
  juryId: number;
  room: CommissionView;
  examiner: { cookie: string };
  president: { cookie: string };
}

/** The password of every account a specialty session creates (signing asks it again). */
export const SPECIALTY_PASSWORD = 'mot-de-passe-long';

let counter = 0;

export async function specialtySession(
  admin: AdminClient,
  options: { regulationId: string; units: string[]; candidates: string[]; year?: number },
): Promise<SpecialtySession> {
  counter += 1;
  const tag = `${process.pid}-${counter}`;
  const created = await admin.json<{ id: number }>('POST', '/api/admin/exam-sessions', {
    regulationId: options.regulationId,
    year: options.year ?? 2027,
    centre: `Lycée ${tag}`,
    academie: 'Lyon',
    startsOn: null,
    endsOn: null,
  });
  if (created.status !== 201) throw new Error(`session : ${JSON.stringify(created.body)}`);
  const sessionId = created.body.id;
  const base = `/api/admin/exam-sessions/${sessionId}`;
  const imported = await admin.csv(
    `${base}/candidates/import`,
    [CANDIDATE_HEADER, ...options.candidates].join('\n'),
  );
  if (imported.status !== 200) throw new Error(`candidats : ${JSON.stringify(imported.body)}`);
  const password = SPECIALTY_PASSWORD;
  const jury = await admin.json<{ jury: { id: number } }>('POST', `${base}/juries`, {
    name: `Jury ${tag}`,
    members: [
      {
        person: { login: `pres.${tag}`, name: 'Présidente Test', password },
        category: 'enseignant',
        president: true,
      },
    ],
  });
  if (jury.status !== 201) throw new Error(`jury : ${JSON.stringify(jury.body)}`);
  const juryId = jury.body.jury.id;
  const room = await admin.json<{ commission: { id: number } }>(
    'POST',
    `/api/admin/juries/${juryId}/commissions`,
    {
      name: `Commission ${tag}`,
      room: `Salle ${tag}`,
      units: options.units,
      examiners: [{ login: `exam.${tag}`, name: 'Examinateur Test', password }],
    },
  );
  if (room.status !== 201) throw new Error(`salle : ${JSON.stringify(room.body)}`);
  const commissionId = room.body.commission.id;
  const numbers = options.candidates.map((line) => line.split(';')[0] as string);
  const schedule = [
    'numéro;commission;ordre;heure',
    ...numbers.map((number, index) => `${number};${commissionId};${index + 1};`),
  ].join('\n');
  const scheduled = await admin.csv(`${base}/schedule/import`, schedule);
  if (scheduled.status !== 200) throw new Error(`planning : ${JSON.stringify(scheduled.body)}`);
  const examiner = await signIn(admin.server.url, `exam.${tag}`, password);
  const president = await signIn(admin.server.url, `pres.${tag}`, password);
  const view = await getJson<CommissionView>(
    `${admin.server.url}/api/commissions/${commissionId}`,
    examiner.cookie,
  );
  return { sessionId, juryId, room: view.body, examiner, president };
}

/** Opens the session's room document with `cookie`: the examiner's, or the president's. */
export function openSessionRoom(
  server: TestServer,
  session: SpecialtySession,
  cookie: string,
): Promise<RawSyncClient> {
  return openRawSync(server.url, session.room.document, { cookie, origin: server.origin });
}

/** The examiner makes one change in the room's document; resolves once the server stored it. */
export async function examinerWrites(
  server: TestServer,
  session: SpecialtySession,
  edit: (doc: Y.Doc) => void,
): Promise<void> {
  const client = await openSessionRoom(server, session, session.examiner.cookie);
  client.change(edit);
  await settle();
  client.close();
}

/** The jury's board as the session's president loads it. */
export async function sessionBoard(
  server: TestServer,
  session: SpecialtySession,
): Promise<BoardView> {
  return (
    await getJson<BoardView>(
      `${server.url}/api/juries/${session.juryId}/board`,
      session.president.cookie,
    )
  ).body;
}

/**
 * What `computeResult` gives for `candidate` from the session's room document as the president
 * reads it (counted as the room of `unit`), with an empty jury document.
 */
export async function computedFromTheRoom(
  server: TestServer,
  session: SpecialtySession,
  regulation: Regulation,
  board: BoardView,
  candidate: BoardCandidate,
  unit: string,
): Promise<CandidateResult> {
  const room = await openSessionRoom(server, session, session.president.cookie);
  const result = computeResult(
    regulation,
    candidateInput(
      candidate,
      board.session.year,
      new Map([[candidate.commissionByUnit[unit] as number, room.doc]]),
      new Y.Doc(),
    ),
  );
  room.close();
  return result;
}
