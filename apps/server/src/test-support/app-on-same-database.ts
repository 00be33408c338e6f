import { startApp } from '../app.js';
import type { AppSeams, RunningApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Config } from '../config.js';

export interface SecondApp {
  app: RunningApp;
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/**
 * Another Délib process on the database of a test server (its PostgreSQL database, or its
 * SQLite file through a connection of its own: two connections share one WAL file), on
 * port 0: with the same DELIB_REDIS_URL, the two behave as two processes behind a load
 * balancer.
 */
export async function startAppOnSameDatabase(
  server: { databasePath: string; databaseUrl: string | null },
  overrides: Partial<Config> = {},
  seams: AppSeams = {},
): Promise<SecondApp> {
  const app = await startApp(
    {
      ...loadConfig({}),
      port: 0,
      host: '127.0.0.1',
      databasePath: server.databasePath,
      databaseUrl: server.databaseUrl,
      webBuildDir: null,
      ...overrides,
    },
    seams,
  );
  return { app, url: app.url, origin: app.url, stop: () => app.close() };
}
