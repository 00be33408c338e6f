import { writeOralEntry } from '@delib/protocol';
import type { BoardView } from '@delib/protocol';
import type { AdminClient } from './admin-client.js';
import { roomHearing, roomPassages, savePassages } from './passage-steps.js';
import { signIn } from './sign-in.js';
import { connectDocument, waitFor } from './sync-client.js';
import type { TestServer } from './test-server.js';

/**
 * The demo jury with its E41/E42 room split in two, so that two commissions hear the same
 * units: B204 keeps the first twelve candidates, a new room (B210, examiner `e4.bis`) hears
 * the other twelve. Through the real admin routes.
 */
export interface SplitRooms {
  juryId: number;
  sessionId: number;
  first: { id: number; document: string; candidateIds: number[] };
  second: { id: number; document: string; candidateIds: number[] };
}

export const SECOND_EXAMINER = {
  login: 'e4.bis',
  name: 'Anne Petit',
  password: 'examinatrice-bis',
};

export async function splitTheE4Room(admin: AdminClient): Promise<SplitRooms> {
  const juries = await admin.get<{ id: number }[]>('/api/juries');
  const juryId = juries.body[0]?.id as number;
  const board = (await admin.get<BoardView>(`/api/juries/${juryId}/board`)).body;
  const first = roomHearing(board, 'U41');
  const created = await admin.json<{ commission: { id: number } }>(
    'POST',
    `/api/admin/juries/${juryId}/commissions`,
    {
      name: 'Commission E41/E42 bis',
      room: 'Salle B210',
      units: ['U41', 'U42'],
      examiners: [SECOND_EXAMINER],
    },
  );
  if (created.status !== 201) throw new Error(`salle non créée : ${JSON.stringify(created.body)}`);
  const secondId = created.body.commission.id;
  const passages = await roomPassages(admin, first.id);
  const kept = passages.slice(0, 12);
  const moved = passages.slice(12).map((passage, index) => ({ ...passage, position: index + 1 }));
  const keep = await savePassages(admin, first.id, kept);
  if (keep.status !== 200) throw new Error(`passages non réduits : ${JSON.stringify(keep.body)}`);
  const move = await savePassages(admin, secondId, moved);
  if (move.status !== 200) throw new Error(`passages non déplacés : ${JSON.stringify(move.body)}`);
  const after = (await admin.get<BoardView>(`/api/juries/${juryId}/board`)).body;
  const second = after.commissions.find((commission) => commission.id === secondId);
  const heardIn = (id: number) =>
    after.candidates.filter((c) => c.commissionByUnit.U41 === id).map((c) => c.id);
  return {
    juryId,
    sessionId: after.session.id,
    first: { id: first.id, document: first.document, candidateIds: heardIn(first.id) },
    second: { id: secondId, document: second?.document as string, candidateIds: heardIn(secondId) },
  };
}

/**
 * An examiner writes `marks` (candidate id → mark) for `unit` through a real y-websocket
 * client, and waits until the server has stored the last one (its audit row).
 */
export async function writeMarks(
  server: TestServer,
  login: string,
  password: string | undefined,
  document: string,
  unit: string,
  marks: [number, number][],
): Promise<void> {
  const { cookie } = await signIn(server.url, login, password);
  const client = connectDocument(server.url, document, cookie);
  await client.synced;
  for (const [candidateId, mark] of marks) writeOralEntry(client.doc, candidateId, unit, { mark });
  const stored = (candidateId: number, mark: number): boolean => {
    const row = server.app.db
      .prepare(
        `SELECT after FROM audit_log WHERE document = ? AND action = 'saisie'
           AND candidate_id = ? AND unit = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(document, candidateId, unit) as { after: string } | undefined;
    return row?.after === JSON.stringify({ mark });
  };
  await waitFor(
    () => marks.every(([candidateId, mark]) => stored(candidateId, mark)),
    `notes de ${login} enregistrées`,
  );
  client.destroy();
}
