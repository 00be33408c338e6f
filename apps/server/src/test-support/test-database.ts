import { createDatabaseAt } from './postgres-cluster.js';

/**
 * The engine of this test run: PostgreSQL when DELIB_TEST_ENGINE=postgres (the global setup
 * started a cluster, postgres-global-setup.ts), else SQLite.
 */
export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.DELIB_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh PostgreSQL database of the run's cluster, or null when the run is on SQLite. */
export async function testDatabaseUrl(): Promise<string | null> {
  if (testEngine() === 'sqlite') return null;
  const base = process.env.DELIB_TEST_POSTGRES_URL;
  if (!base)
    throw new Error('DELIB_TEST_ENGINE=postgres sans grappe : lancez vitest, qui la démarre');
  return createDatabaseAt(base);
}
