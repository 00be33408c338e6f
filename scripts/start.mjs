// `npm start`: install if needed, build, seed an empty database, serve, and restart the
// server if it stops on an unexpected error (the policy is in apps/server/src/main.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './run-pnpm.mjs';

pnpm(['install', '--frozen-lockfile']);
pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);

const serverDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'server');
const RESTARTS_PER_MINUTE = 5;
const recentRestarts = [];
let child = null;
let stopping = false;

function run() {
  child = spawn(process.execPath, ['dist/main.js', '--seed-if-empty'], {
    cwd: serverDir,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (stopping || code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') {
      process.exit(code ?? 0);
    }
    const now = Date.now();
    while (recentRestarts.length > 0 && now - recentRestarts[0] > 60_000) recentRestarts.shift();
    if (recentRestarts.length >= RESTARTS_PER_MINUTE) {
      console.error(
        `✗ Le serveur s’est arrêté ${RESTARTS_PER_MINUTE} fois en une minute : abandon.`,
      );
      process.exit(code ?? 1);
    }
    recentRestarts.push(now);
    console.error(`↻ Le serveur s’est arrêté (code ${code ?? signal}) : redémarrage dans 1 s…`);
    setTimeout(run, 1_000);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    child?.kill(signal);
  });
}
run();
