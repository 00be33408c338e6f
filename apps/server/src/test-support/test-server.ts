import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../app.js';
import type { AppSeams, RunningApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Config } from '../config.js';
import { openConfiguredDatabase } from '../db/open-database.js';
import { seedDemo } from '../demo/seed-demo.js';
import { testDatabaseUrl } from './test-database.js';

export interface TestServer {
  app: RunningApp;
  url: string;
  origin: string;
  /** The SQLite file (unused when the run is on PostgreSQL). */
  databasePath: string;
  /** The run's PostgreSQL database (DELIB_TEST_ENGINE=postgres), or null on SQLite. */
  databaseUrl: string | null;
  /** Stops the server and starts a new one on the same database (and a new port). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real server on port 0 with a temporary SQLite file seeded with the demo session, or a
 * fresh PostgreSQL database of the run's cluster when DELIB_TEST_ENGINE=postgres; the
 * SvelteKit app is not mounted (integration tests talk to the API, socket.io and /sync).
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  seams: AppSeams = {},
): Promise<TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-test-'));
  const databasePath = path.join(directory, 'delib.sqlite');
  const databaseUrl =
    overrides.databaseUrl !== undefined ? overrides.databaseUrl : await testDatabaseUrl();
  const seeded = await openConfiguredDatabase({ databaseUrl, databasePath });
  await seedDemo(seeded);
  seeded.close();
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    databasePath,
    databaseUrl,
    webBuildDir: null,
    ...overrides,
  };
  const server: TestServer = {
    app: await startApp(config, seams),
    url: '',
    origin: '',
    databasePath,
    databaseUrl,
    async restart() {
      await server.app.close();
      server.app = await startApp(config, seams);
      server.url = server.app.url;
      server.origin = server.url;
    },
    async stop() {
      await server.app.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
  server.url = server.app.url;
  server.origin = server.url;
  return server;
}
