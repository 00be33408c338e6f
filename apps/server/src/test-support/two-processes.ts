import { startAppOnSameDatabase } from './app-on-same-database.js';
import type { SecondApp } from './app-on-same-database.js';
import { startRedisServer } from './redis-server.js';
import type { RunningRedis } from './redis-server.js';
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

/** Two Délib apps sharing one database and one throwaway Redis, as two processes would. */
export async function startTwoProcesses(): Promise<TwoProcesses> {
  const redis = await startRedisServer();
  const a = await startTestServer({ redisUrl: redis.url });
  const b = await startAppOnSameDatabase(a, { redisUrl: redis.url });
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
