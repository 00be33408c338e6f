import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

const builtWeb = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/build');

/**
 * `npm test` or `pnpm build` in the checkout a server runs from replaces `apps/web/build`.
 * A server started from a build folder keeps serving its pages and assets when that folder
 * is deleted or replaced, and a missing asset is a 404, never the end of the process.
 */
describe.skipIf(!fs.existsSync(path.join(builtWeb, 'handler.js')))(
  'the pages survive a rebuild of the web app (needs `pnpm build`)',
  () => {
    let server: TestServer;
    let checkoutBuild: string;

    beforeAll(async () => {
      // A build folder of our own, standing for the checkout's apps/web/build.
      checkoutBuild = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-build-'));
      fs.cpSync(builtWeb, checkoutBuild, { recursive: true });
      server = await startTestServer({ webBuildDir: checkoutBuild });
    });
    afterAll(async () => {
      await server.stop();
      fs.rmSync(checkoutBuild, { recursive: true, force: true });
    });

    it('serves the same page and assets after its build folder is deleted', async () => {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const assets = [...html.matchAll(/\/_app\/immutable\/[^"'\s)]+\.(?:js|css)/g)].map(
        (match) => match[0],
      );
      expect(assets.length).toBeGreaterThan(0);

      // What a rebuild does first: the folder disappears (then another build appears).
      fs.rmSync(checkoutBuild, { recursive: true, force: true });
      fs.mkdirSync(path.join(checkoutBuild, 'client', '_app', 'immutable'), { recursive: true });

      expect((await fetch(`${server.url}/`)).status).toBe(200);
      for (const asset of new Set(assets)) {
        const response = await fetch(`${server.url}${asset}`);
        expect(response.status, asset).toBe(200);
        await response.arrayBuffer();
      }
    });

    it('answers a missing asset with a 404 and keeps running', async () => {
      const missing = await fetch(`${server.url}/_app/immutable/chunks/absent-0000.js`);
      expect(missing.status).toBe(404);
      const traversal = await fetch(`${server.url}/_app/immutable/..%2f..%2f..%2fpackage.json`);
      expect([400, 403, 404]).toContain(traversal.status);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    });

    it('answers an undecodable or refused page address in French, never as a server error', async () => {
      // `/%ff` was the app's shell with a 400: a blank page in the browser.
      const undecodable = await fetch(`${server.url}/%ff`);
      expect(undecodable.status).toBe(400);
      expect(await undecodable.text()).toBe('Adresse invalide.');
      for (const asset of ['/_app/immutable/%00.js', '/_app/immutable/..%5c..%5cx.js']) {
        const refused = await fetch(`${server.url}${asset}`);
        expect([400, 403, 404], asset).toContain(refused.status);
        expect(await refused.text(), asset).not.toBe('Erreur du serveur.');
      }
    });
  },
);
