import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../config.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

const webBuild = path.join(repositoryRoot, 'apps', 'web', 'build');

/** The headers every answer carries, whatever serves it. */
function expectCommonHeaders(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
}

/** One directive of a policy, e.g. `script-src` → ["'self'", "'nonce-…'"]. */
function directive(policy: string, name: string): string[] {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found?.slice(1) ?? [];
}

describe('security headers on the whole site (built web app mounted)', () => {
  let server: TestServer;
  let page: Response;
  let html: string;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(webBuild, 'handler.js'))) {
      throw new Error(`${webBuild} absent : lancez d’abord la construction (pnpm build).`);
    }
    server = await startTestServer({ webBuildDir: webBuild });
    page = await fetch(`${server.url}/`);
    html = await page.text();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('gives a page a strict policy whose nonce its start-up script carries', () => {
    expect(page.status).toBe(200);
    expectCommonHeaders(page);
    const policy = page.headers.get('content-security-policy') ?? '';
    const scripts = directive(policy, 'script-src');
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    const nonce = scripts.find((source) => source.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toBeTruthy();
    // Every inline script of the shell carries it, so the app still starts.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attributes] of inline) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    expect(directive(policy, 'connect-src')).toEqual(["'self'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'base-uri')).toEqual(["'self'"]);
    // A fresh nonce on every answer.
    return fetch(`${server.url}/jury/1`).then((other) => {
      expect(other.headers.get('content-security-policy')).not.toBe(policy);
      expectCommonHeaders(other);
    });
  });

  it('sends them with a built asset and with the service worker, which may still fetch', async () => {
    const asset = /"(\/_app\/immutable\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const script = await fetch(`${server.url}${asset}`);
    expect(script.status).toBe(200);
    expectCommonHeaders(script);
    const worker = await fetch(`${server.url}/service-worker.js`);
    expect(worker.status).toBe(200);
    expectCommonHeaders(worker);
    expect(directive(worker.headers.get('content-security-policy') ?? '', 'default-src')).toEqual(
      [],
    );
  });

  it('sends them with every API answer, under a policy that allows nothing to run', async () => {
    for (const [url, status, init] of [
      ['/api/health', 200, {}],
      ['/api/me', 401, {}],
      ['/api/auth/logout', 403, { method: 'POST', headers: { origin: 'https://evil.example' } }],
    ] as const) {
      const response = await fetch(`${server.url}${url}`, init);
      expect(response.status, url).toBe(status);
      expectCommonHeaders(response);
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
  });

  it('sends them with socket.io’s polling answers too', async () => {
    const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: server.origin },
    });
    expect(response.status).toBe(200);
    expectCommonHeaders(response);
  });
});
