import { writeFilledGrid, writeOralEntry } from '@delib/protocol';
import type { BoardCandidate, BoardView, FilledGrid, OralEntry } from '@delib/protocol';
import { settle } from './deliberation-steps.js';
import { openRawSync } from './raw-sync-client.js';
import { signIn } from './sign-in.js';
import type { TestServer } from './test-server.js';

/**
 * An examiner of the demo fills a unit's grid and validates a mark, in one change of the
 * room's document, as the room's page does; waits until stored.
 */
export async function fillGridAndMark(
  server: TestServer,
  board: BoardView,
  candidate: BoardCandidate,
  unit: 'U41' | 'U42',
  grid: FilledGrid,
  entry: OralEntry,
): Promise<void> {
  const commission = board.commissions.find((c) => c.id === candidate.commissionByUnit[unit]);
  if (!commission) throw new Error(`pas de salle pour ${unit}`);
  const examiner = await signIn(server.url, 'e4.enseignante');
  const client = await openRawSync(server.url, commission.document, {
    cookie: examiner.cookie,
    origin: server.origin,
  });
  client.change((doc) =>
    doc.transact(() => {
      writeFilledGrid(doc, candidate.id, unit, grid);
      writeOralEntry(doc, candidate.id, unit, entry);
    }),
  );
  await settle();
  client.close();
}

/** U41 levels whose points are 3 + 6 + 1 + 4 = 14 of 20: the grid proposes 14. */
export const U41_GRID_PROPOSING_14: FilledGrid = {
  cibler: 's',
  vendre: 's',
  fideliser: 'i',
  communication: 'ts',
};
