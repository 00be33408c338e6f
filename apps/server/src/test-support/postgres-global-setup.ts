import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The maintenance database of the run's cluster, when DELIB_TEST_ENGINE=postgres. */
    postgresBaseUrl?: string;
  }
}

/**
 * vitest globalSetup: with DELIB_TEST_ENGINE=postgres, one throwaway PostgreSQL cluster for
 * the whole run. Its maintenance database's url reaches the tests two ways: `inject('postgresBaseUrl')`
 * and the environment variable DELIB_TEST_POSTGRES_URL (set before the workers start, so
 * servers the tests spawn see it too). Each test makes its own database there
 * (createDatabaseAt). Without the variable, nothing starts.
 */
export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DELIB_TEST_ENGINE !== 'postgres') return undefined;
  const cluster = await startPostgresCluster();
  const baseUrl = cluster.url('postgres');
  process.env.DELIB_TEST_POSTGRES_URL = baseUrl;
  project.provide('postgresBaseUrl', baseUrl);
  return async () => {
    delete process.env.DELIB_TEST_POSTGRES_URL;
    await cluster.stop();
  };
}
