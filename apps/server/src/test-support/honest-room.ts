import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { firstRoomOf, signIn } from './sign-in.js';
import { connectDocument, waitFor } from './sync-client.js';
import type { SyncClient } from './sync-client.js';

/**
 * The two examiners of a room, connected, for the abuse tests: after each attack a mark
 * written by one still reaches the other. A third user (the centre's admin, who may read the
 * room) plays the attacker, so that attacks never spend the honest examiners' allowance.
 */
export interface HonestRoom {
  room: CommissionView;
  /** The attacker's session cookie. */
  attackerCookie: string;
  /** The first examiner's cookie, for the attacks that must come from a writer of the room. */
  examinerCookie: string;
  /**
   * An honest mark travels from one examiner to the other. (Its latency is measured by
   * `pnpm bench:sync`, not asserted: timed assertions flake on shared machines.)
   */
  roundTrip(): Promise<void>;
  close(): void;
}

export async function openHonestRoom(url: string): Promise<HonestRoom> {
  const a = await signIn(url, 'e4.enseignante');
  const b = await signIn(url, 'e4.professionnel');
  const attackerCookie = (await signIn(url, 'admin')).cookie;
  const room = await firstRoomOf(url, a);
  const honest: [SyncClient, SyncClient] = [
    connectDocument(url, room.document, a.cookie),
    connectDocument(url, room.document, b.cookie),
  ];
  await Promise.all(honest.map((client) => client.synced));
  let round = 0;
  return {
    room,
    attackerCookie,
    examinerCookie: a.cookie,
    async roundTrip() {
      round += 1;
      const candidate = room.passages[round % room.passages.length]?.candidateId as number;
      const mark = (round % 40) / 2;
      writeOralEntry(honest[0].doc, candidate, 'U41', { mark });
      await waitFor(() => {
        const entry = readOralEntry(honest[1].doc, candidate, 'U41');
        return entry !== null && 'mark' in entry && entry.mark === mark;
      }, 'note honnête reçue');
    },
    close() {
      for (const client of honest) client.destroy();
    },
  };
}
