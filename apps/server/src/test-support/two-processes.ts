import { startAppOnSameDatabase } from './app-on-same-database.js';
import type { SecondApp } from './app-on-same-database.js';
import type { CommissionView } from '@delib/protocol';
import { openRawSync } from './raw-sync-client.js';
import type { RawSyncClient } from './raw-sync-client.js';
import { startRedisServer } from './redis-server.js';
import type { RunningRedis } from './redis-server.js';
import { firstRoomOf, signIn } from './sign-in.js';
import type { SignedIn } from './sign-in.js';
import type { AppSeams } from '../app.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

export interface TwoProcesses {
  redis: RunningRedis;
  /** Process A: a test server (demo data) with DELIB_REDIS_URL. */
  a: TestServer;
  /** Process B: another app on A's database and the same Redis. */
  b: SecondApp;
  stop(): Promise<void>;
}

/**
 * Two Délib apps sharing one database and one throwaway Redis, as two processes would;
 * `seams` apply to both (to delay or fail their storage).
 */
export async function startTwoProcesses(seams: AppSeams = {}): Promise<TwoProcesses> {
  const redis = await startRedisServer();
  const a = await startTestServer({ redisUrl: redis.url }, seams);
  const b = await startAppOnSameDatabase(a, { redisUrl: redis.url }, seams);
  return {
    redis,
    a,
    b,
    async stop() {
      await b.stop();
      await a.stop();
      await redis.stop();
    },
  };
}

/** The two examiners of the E4 room, the teacher synchronised through A, the other through B. */
export interface RoomOnTwoProcesses {
  room: CommissionView;
  teacher: SignedIn;
  colleague: SignedIn;
  /** The teacher's hand-made client, on A. */
  onA: RawSyncClient;
  /** The colleague's, on B. */
  onB: RawSyncClient;
}

export async function roomOnTwoProcesses(
  a: { url: string; origin: string },
  b: { url: string; origin: string },
): Promise<RoomOnTwoProcesses> {
  const teacher = await signIn(a.url, 'e4.enseignante');
  const colleague = await signIn(b.url, 'e4.professionnel');
  const room = await firstRoomOf(a.url, teacher);
  const onA = await openRawSync(a.url, room.document, {
    cookie: teacher.cookie,
    origin: a.origin,
  });
  const onB = await openRawSync(b.url, room.document, {
    cookie: colleague.cookie,
    origin: b.origin,
  });
  return { room, teacher, colleague, onA, onB };
}
