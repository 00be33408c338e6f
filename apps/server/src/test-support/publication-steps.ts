import type { BoardView } from '@delib/protocol';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
} from './deliberation-steps.js';
import type { TestServer } from './test-server.js';

/**
 * The demo jury brought to its lock with a known mix (see demo/seed-demo.ts: one candidate in
 * four, 02700004, 02700008, …, does not consent to the publication of their name):
 *   02700001, 02700003, 02700004, 02700006  every oral at 20: admitted whatever their written
 *                                            marks (02700004 without consent)
 *   02700009                                every oral at 20, but an unjustified absence at U5:
 *                                            absent, not admitted
 *   the others                              no oral mark: not deliberated
 */
export const ADMITTED_NUMBERS = ['02700001', '02700003', '02700004', '02700006'];
export const ABSENT_NUMBER = '02700009';
export const WITHOUT_CONSENT = '02700004';

export interface LockedDemoJury {
  juryId: number;
  board: BoardView;
  presidentCookie: string;
}

/** Enters the orals of the mix; `beforeLock` runs just before the president locks. */
export async function lockDemoJuryWithAdmitted(
  server: TestServer,
  beforeLock: (board: BoardView) => void | Promise<void> = () => undefined,
): Promise<LockedDemoJury> {
  const { president, juryId, board } = await presidentBoard(server);
  for (const number of [...ADMITTED_NUMBERS, ABSENT_NUMBER]) {
    const candidate = candidateNumbered(board, number);
    await enterOrals(server, board, candidate, {
      U22: { mark: 20 },
      U41: { mark: 20 },
      U42: { mark: 20 },
    });
  }
  await beforeLock(board);
  const locked = await lockNamingIncomplete(server, juryId, president.cookie);
  if (locked.status !== 201) {
    throw new Error(`verrouillage refusé : ${locked.status} ${JSON.stringify(locked.body)}`);
  }
  return { juryId, board, presidentCookie: president.cookie };
}
