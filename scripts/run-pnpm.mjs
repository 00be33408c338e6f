// Runs pnpm 12.4.2 whether or not it is installed: the project's own pnpm when the
// version matches, otherwise through `npx -y pnpm@12.4.2` (corepack fails on this machine).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const PNPM_VERSION = '12.4.2';

function installedPnpmMatches() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: false });
  return probe.status === 0 && probe.stdout.trim() === PNPM_VERSION;
}

const usePath = installedPnpmMatches();

// better-sqlite3 compiles its addon with node-gyp when no prebuilt binary can be downloaded.
// node-gyp would then download Node's headers, which fails on a machine that reaches only the
// npm registry; Node's own headers, when installed beside it (Debian's /usr/include/node),
// serve instead. npm reads `nodedir` from .npmrc, pnpm's bundled node-gyp only from the env.
const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
if (
  !process.env.npm_config_nodedir &&
  fs.existsSync(path.join(nodePrefix, 'include', 'node', 'common.gypi'))
) {
  process.env.npm_config_nodedir = nodePrefix;
}

// Keep turbo quiet and local: no telemetry notice, no remote cache.
process.env.TURBO_TELEMETRY_DISABLED ??= '1';
process.env.DO_NOT_TRACK ??= '1';

/** Runs pnpm with the given arguments, inheriting stdio; exits the process on failure. */
export function pnpm(args, options = {}) {
  const [command, fullArgs] = usePath
    ? ['pnpm', args]
    : ['npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args]];
  const result = spawnSync(command, fullArgs, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✗ pnpm ${args.join(' ')} a échoué (code ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}
