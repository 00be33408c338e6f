import * as Y from 'yjs';
import { adjustmentKey, candidateKey, writeJuryValue, writeOralEntry } from '@delib/protocol';
import type {
  AdjustmentValue,
  BoardCandidate,
  BoardView,
  DecisionValue,
  OralEntry,
} from '@delib/protocol';
import { openRawSync } from './raw-sync-client.js';
import type { RawSyncClient } from './raw-sync-client.js';
import { getJson, signIn } from './sign-in.js';
import type { SignedIn } from './sign-in.js';
import type { TestServer } from './test-server.js';

/**
 * The steps of a deliberation on the demo jury as the real clients take them: examiners
 * enter oral marks in their rooms' documents, the president writes the jury document and
 * locks through HTTP. Each write goes through the real sync endpoint and its validation.
 */

/** Demo examiners, by the oral units their rooms hear. */
const EXAMINER_OF_UNIT: Record<string, string> = {
  U22: 'e22.anglais',
  U41: 'e4.enseignante',
  U42: 'e4.enseignante',
};

export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

export async function presidentBoard(
  server: TestServer,
): Promise<{ president: SignedIn; juryId: number; board: BoardView }> {
  const president = await signIn(server.url, 'presidente');
  const juryId = president.me.juries[0]?.id as number;
  const board = (
    await getJson<BoardView>(`${server.url}/api/juries/${juryId}/board`, president.cookie)
  ).body;
  return { president, juryId, board };
}

export function candidateNumbered(board: BoardView, number: string): BoardCandidate {
  const candidate = board.candidates.find((c) => c.number === number);
  if (!candidate) throw new Error(`candidat ${number} absent de la démonstration`);
  return candidate;
}

/** Enters oral entries for one candidate, each by the examiner of its room; waits until stored. */
export async function enterOrals(
  server: TestServer,
  board: BoardView,
  candidate: BoardCandidate,
  entries: Record<string, OralEntry>,
): Promise<void> {
  for (const [unit, entry] of Object.entries(entries)) {
    const commissionId = candidate.commissionByUnit[unit];
    const commission = board.commissions.find((c) => c.id === commissionId);
    const login = EXAMINER_OF_UNIT[unit];
    if (!commission || !login) throw new Error(`pas de salle pour ${unit}`);
    const examiner = await signIn(server.url, login);
    const client = await openRawSync(server.url, commission.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
    client.change((doc) => writeOralEntry(doc, candidate.id, unit, entry));
    await settle();
    client.close();
  }
}

/** Marks at the three orals of the demo jury, by unit. */
export type DemoOralMarks = Record<'U22' | 'U41' | 'U42', number>;

/** The demo president at the board, with the candidate whose orals were entered. */
export interface PresidentAfterOrals {
  president: SignedIn;
  cookie: string;
  juryId: number;
  board: BoardView;
  candidate: BoardCandidate;
}

/**
 * Signs the demo president in and has candidate `number` marked `marks` at the three orals
 * (U22, U41, U42), each entered by the examiner of its room (see `enterOrals`).
 */
export async function presidentAfterOrals(
  server: TestServer,
  number: string,
  marks: DemoOralMarks,
): Promise<PresidentAfterOrals> {
  const { president, juryId, board } = await presidentBoard(server);
  const candidate = candidateNumbered(board, number);
  await enterOrals(server, board, candidate, {
    U22: { mark: marks.U22 },
    U41: { mark: marks.U41 },
    U42: { mark: marks.U42 },
  });
  return { president, cookie: president.cookie, juryId, board, candidate };
}

/**
 * Opens the jury document as the president, makes one change and tells whether the server
 * kept it: `accepted` when the connection stayed open, else the close code and reason.
 */
export async function writeJuryDocument(
  server: TestServer,
  board: BoardView,
  cookie: string,
  edit: (doc: Y.Doc) => void,
): Promise<{ accepted: true } | { accepted: false; code: number; reason: string }> {
  const client: RawSyncClient = await openRawSync(server.url, board.juryDocument, {
    cookie,
    origin: server.origin,
  });
  client.change(edit);
  const outcome = await Promise.race([
    client.closed.then((closed) => ({ accepted: false as const, ...closed })),
    settle(300).then(() => ({ accepted: true as const })),
  ]);
  client.close();
  return outcome;
}

/** The president writes a candidate's decision in the jury document; tells whether it was kept. */
export function writeDecision(
  server: TestServer,
  board: BoardView,
  cookie: string,
  candidateId: number,
  value: DecisionValue,
): ReturnType<typeof writeJuryDocument> {
  return writeJuryDocument(server, board, cookie, (doc) =>
    writeJuryValue(doc, 'decisions', candidateKey(candidateId), value),
  );
}

/**
 * The president sets the jury's `adjustment` on the three orals (U22, U41, U42) of a candidate,
 * in one update; tells whether the server kept it.
 */
export function adjustOrals(
  server: TestServer,
  board: BoardView,
  cookie: string,
  candidateId: number,
  adjustment: AdjustmentValue,
): ReturnType<typeof writeJuryDocument> {
  return writeJuryDocument(server, board, cookie, (doc) => {
    for (const unit of ['U22', 'U41', 'U42']) {
      writeJuryValue(doc, 'adjustments', adjustmentKey(candidateId, unit), adjustment);
    }
  });
}

/** The server's jury document as a new client receives it. */
export async function readJuryDocument(
  server: TestServer,
  board: BoardView,
  cookie: string,
): Promise<Y.Doc> {
  const client = await openRawSync(server.url, board.juryDocument, {
    cookie,
    origin: server.origin,
  });
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
  client.close();
  return copy;
}

/** Where a request goes: a test server, or any app with its address (another process). */
type Reachable = Pick<TestServer, 'url' | 'origin'>;

export function postJson(server: Reachable, path: string, cookie: string, body: unknown) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (response) => ({
    status: response.status,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read loose JSON answers
    body: (await response.json()) as Record<string, any>,
  }));
}

/** Locks through the real route, naming every candidate the server reports without complete entries. */
export async function lockNamingIncomplete(
  server: Reachable,
  juryId: number,
  cookie: string,
): Promise<Awaited<ReturnType<typeof postJson>>> {
  const first = await postJson(server, `/api/juries/${juryId}/lock`, cookie, {});
  if (first.status !== 409 || first.body.error?.code !== 'INCOMPLETE_CANDIDATES') return first;
  const named = (first.body.error.details.candidates as { candidateId: number }[]).map(
    (c) => c.candidateId,
  );
  return postJson(server, `/api/juries/${juryId}/lock`, cookie, { confirmIncomplete: named });
}
