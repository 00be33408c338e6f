// `npm test`: every test: unit, integration, browser.
import { pnpm } from './run-pnpm.mjs';

pnpm(['install', '--frozen-lockfile']);
pnpm(['run', 'test:all']);
