import { inject } from 'vitest';
import { createDatabaseAt, startPostgresCluster } from './postgres-cluster.js';

/** Fresh PostgreSQL databases for one test file. */
export interface TestPostgres {
  createDatabase(): Promise<string>;
  /** Stops the cluster if this file started its own; the run's shared one stays. */
  close(): Promise<void>;
}

/**
 * The run's cluster when the global setup started one (DELIB_TEST_ENGINE=postgres), else a
 * cluster of this test file's own: tests of the PostgreSQL schema run with either engine.
 */
export async function postgresForTests(): Promise<TestPostgres> {
  const shared = inject('postgresBaseUrl');
  if (shared !== undefined) {
    return { createDatabase: () => createDatabaseAt(shared), close: async () => undefined };
  }
  const cluster = await startPostgresCluster();
  return { createDatabase: () => cluster.createDatabase(), close: () => cluster.stop() };
}
