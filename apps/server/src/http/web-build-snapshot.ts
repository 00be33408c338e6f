import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import type { RequestHandler } from 'express';

export interface WebApp {
  /** Serves the pages and their assets; errors go to express's error handlers. */
  handler: RequestHandler;
  /** Removes this process's private copy of the build. */
  dispose(): void;
}

const COPY_ATTEMPTS = 5;

/**
 * Loads the built SvelteKit app from a private copy of `dir`, made at start.
 *
 * The build folder belongs to the checkout: `npm test` or `pnpm build` in the same checkout
 * replaces it while this process may be serving it. Served from `dir` itself, a vanished
 * asset made the static server's read stream fail without a handler and ended the process;
 * its pages would also have asked for assets of a build the process no longer knows. The
 * copy (about 3 MB) is this process's own, removed when it stops.
 */
export async function loadWebApp(dir: string | null): Promise<WebApp | null> {
  if (!dir) return null;
  if (!fs.existsSync(path.join(dir, 'handler.js'))) {
    console.warn(
      `[web] interface non construite (${dir}/handler.js absent) : seule l’API est servie.`,
    );
    return null;
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-web-'));
  const dispose = () => fs.rmSync(copy, { recursive: true, force: true });
  for (let attempt = 1; ; attempt++) {
    try {
      fs.rmSync(copy, { recursive: true, force: true });
      fs.cpSync(dir, copy, { recursive: true });
      if (!fs.existsSync(path.join(copy, 'handler.js'))) throw new Error('handler.js absent');
      break;
    } catch (error) {
      // A build is replacing the folder right now: wait for it to finish.
      if (attempt === COPY_ATTEMPTS) {
        dispose();
        console.error(`[web] copie de l’interface impossible : ${(error as Error).message}`);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
  const module = (await import(pathToFileURL(path.join(copy, 'handler.js')).href)) as {
    handler: RequestHandler;
  };
  // Hashed assets are served by express.static, whose read errors become a 404 or a 500
  // answer instead of an unhandled stream error; the rest goes to SvelteKit's handler.
  const immutable = express.static(path.join(copy, 'client', '_app', 'immutable'), {
    fallthrough: false,
    immutable: true,
    maxAge: '1y',
    index: false,
  });
  const router = express.Router();
  router.use('/_app/immutable', immutable);
  router.use((request, response, next) => {
    try {
      module.handler(request, response, next);
    } catch (error) {
      next(error);
    }
  });
  return { handler: router, dispose };
}
