import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverMain = path.join(repositoryRoot, 'apps', 'server', 'dist', 'main.js');
const webHandler = path.join(repositoryRoot, 'apps', 'web', 'build', 'handler.js');

export interface AppProcess {
  url: string;
  databasePath: string;
  process: ChildProcess;
  /** Everything the server printed, for assertions on logs. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The real product as a user starts it: the built server (with the built SvelteKit app) in
 * its own process, on a free port, with a fresh SQLite file seeded with the demo session.
 */
export async function startApp(): Promise<AppProcess> {
  for (const file of [serverMain, webHandler]) {
    if (!fs.existsSync(file))
      throw new Error(`${file} absent : lancez d’abord la construction (pnpm build).`);
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-e2e-'));
  const databasePath = path.join(directory, 'delib.sqlite');
  const child = spawn(process.execPath, [serverMain, '--seed-if-empty'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DELIB_DB: databasePath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /écoute sur http:\/\/[^\s:]+:(\d+)/.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.once('exit', (code) =>
      reject(new Error(`le serveur s’est arrêté (code ${code}) :\n${output}`)),
    );
  });
  return {
    url,
    databasePath,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
