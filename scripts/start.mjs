// `npm start`: install if needed, build, seed an empty database, serve.
import { pnpm } from './run-pnpm.mjs';

pnpm(['install', '--frozen-lockfile']);
pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
pnpm(['--filter', '@delib/server', 'start:demo']);
