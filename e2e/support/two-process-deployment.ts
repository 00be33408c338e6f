import pg from 'pg';
import { startPostgresCluster } from '../../apps/server/src/test-support/postgres-cluster.js';
import type { PostgresCluster } from '../../apps/server/src/test-support/postgres-cluster.js';
import { startRedisServer } from '../../apps/server/src/test-support/redis-server.js';
import type { RunningRedis } from '../../apps/server/src/test-support/redis-server.js';
import { startApp } from './app-process.js';
import type { AppProcess } from './app-process.js';
import { freeNginxListeners, originsOf, startNginx } from './nginx.js';
import type { RunningNginx } from './nginx.js';

/**
 * A rectorat's deployment in miniature: two built Délib processes (A and B) on one throwaway
 * PostgreSQL database and one redis-server, behind Debian's nginx.
 */
export interface TwoProcessDeployment {
  a: AppProcess;
  b: AppProcess;
  nginx: RunningNginx;
  /** The one database both processes use. */
  databaseUrl: string;
  /** Reads the shared database as an administrator would (psql), for the journeys' checks. */
  query<Row extends object>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  /** `kill -9` of one process. */
  killHard(process: AppProcess): Promise<void>;
  /** Stops everything this deployment started, whatever had already stopped. */
  stop(): Promise<void>;
}

export async function startTwoProcessDeployment(): Promise<TwoProcessDeployment> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const cluster: PostgresCluster = await startPostgresCluster();
    stops.push(() => cluster.stop());
    const databaseUrl = await cluster.createDatabase();
    const redis: RunningRedis = await startRedisServer();
    stops.push(() => redis.stop());

    // The browser's Origin is nginx's: each listener's origin is allowed on both processes.
    const listeners = await freeNginxListeners();
    const env = {
      DELIB_DATABASE_URL: databaseUrl,
      DELIB_REDIS_URL: redis.url,
      DELIB_ALLOWED_ORIGINS: originsOf(listeners).join(','),
    };
    // A seeds the demo session; B starts on the seeded database (a second seeding would race).
    const a = await startApp({ env });
    stops.push(() => a.stop());
    const b = await startApp({ env, seed: false });
    stops.push(() => b.stop());
    const nginx = await startNginx({ listeners, upstreamA: a.address, upstreamB: b.address });
    stops.push(() => nginx.stop());

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    stops.push(() => client.end());

    return {
      a,
      b,
      nginx,
      databaseUrl,
      async query<Row extends object>(sql: string, parameters: unknown[] = []) {
        return (await client.query(sql, parameters)).rows as Row[];
      },
      killHard: (process) => process.killHard(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
