import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrphanWatchdog } from '../../apps/server/src/test-support/orphan-watchdog.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverMain = path.join(repositoryRoot, 'apps', 'server', 'dist', 'main.js');
const webHandler = path.join(repositoryRoot, 'apps', 'web', 'build', 'handler.js');

export interface AppProcess {
  url: string;
  /** `127.0.0.1:<port>`: how nginx names it in `$upstream_addr`. */
  address: string;
  databasePath: string;
  process: ChildProcess;
  /** Everything the server printed, for assertions on logs. */
  output(): string;
  /** Kills it at once (SIGKILL), as a crash would; resolves once it has exited. */
  killHard(): Promise<void>;
  stop(): Promise<void>;
}

export interface AppOptions {
  /** Seed the demo session into an empty database (`--seed-if-empty`); true by default. */
  seed?: boolean;
  /** More environment: DELIB_DATABASE_URL, DELIB_REDIS_URL, DELIB_ALLOWED_ORIGINS… */
  env?: Record<string, string>;
}

/**
 * The real product as a user starts it: the built server (with the built SvelteKit app) in
 * its own process, on a free port, by default with a fresh SQLite file seeded with the demo
 * session (`env` may point it at PostgreSQL and Redis instead). It never outlives this
 * process: an 'exit' handler kills it, and a watchdog when this process is killed outright.
 */
export async function startApp(options: AppOptions = {}): Promise<AppProcess> {
  for (const file of [serverMain, webHandler]) {
    if (!fs.existsSync(file))
      throw new Error(`${file} absent : lancez d’abord la construction (pnpm build).`);
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-e2e-'));
  const databasePath = path.join(directory, 'delib.sqlite');
  const child = spawn(
    process.execPath,
    [serverMain, ...(options.seed === false ? [] : ['--seed-if-empty'])],
    {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DELIB_DB: databasePath,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const dismissWatchdog = startOrphanWatchdog(child.pid as number, directory, 'KILL');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const cleanUp = (): void => {
    process.off('exit', killOnExit);
    dismissWatchdog();
    fs.rmSync(directory, { recursive: true, force: true });
  };
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /écoute sur http:\/\/[^\s:]+:(\d+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => {
      cleanUp();
      reject(new Error(`le serveur s’est arrêté (code ${code}) :\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    databasePath,
    process: child,
    output: () => output,
    async killHard() {
      if (running()) child.kill('SIGKILL');
      await exited;
      cleanUp();
    },
    async stop() {
      if (running()) child.kill('SIGTERM');
      await exited;
      cleanUp();
    },
  };
}
