import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SYNC_PATH } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { originAllowed } from './request-identity.js';

/** A request as it arrives from a peer that is not on this machine (no remote address). */
function remoteRequest(headers: Record<string, string>): IncomingMessage {
  const request = new IncomingMessage(new Socket());
  request.headers = headers;
  return request;
}

describe('the origin check (pure)', () => {
  it('compares scheme, host and port, and ignores X-Forwarded-Proto from a remote peer', () => {
    const at = (origin: string, extra: Record<string, string> = {}) =>
      originAllowed(remoteRequest({ host: 'centre.example', origin, ...extra }), [], true);
    expect(at('http://centre.example')).toBe(true);
    expect(at('http://CENTRE.example:80')).toBe(true);
    expect(at('https://centre.example')).toBe(false);
    expect(at('http://centre.example:8080')).toBe(false);
    expect(at('null')).toBe(false);
    expect(at('ftp://centre.example')).toBe(false);
    // Only a proxy on this machine is believed about the scheme.
    expect(at('https://centre.example', { 'x-forwarded-proto': 'https' })).toBe(false);
    // Configured origins are compared the same way.
    const configured = (origin: string) =>
      originAllowed(
        remoteRequest({ host: 'centre.example', origin }),
        ['https://jury.example/'],
        true,
      );
    expect(configured('https://jury.example')).toBe(true);
    expect(configured('http://jury.example')).toBe(false);
  });
});

describe('the origin check on a real server', () => {
  let server: TestServer;
  let cookie: string;
  let document: string;
  let otherScheme: string;
  beforeAll(async () => {
    server = await startTestServer();
    const examiner = await signIn(server.url, 'e4.enseignante');
    cookie = examiner.cookie;
    document = (
      await getJson<CommissionView>(
        `${server.url}/api/commissions/${examiner.me.commissions[0]?.id}`,
        cookie,
      )
    ).body.document;
    otherScheme = server.origin.replace(/^http:/, 'https:');
  });
  afterAll(async () => {
    await server.stop();
  });

  /** A state-changing request: 403 when the origin is refused, 401 (no session) otherwise. */
  const logout = (origin: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { origin, ...headers },
    }).then((response) => response.status);

  /** An upgrade of the sync endpoint: 'open', or the HTTP status that refused it. */
  const upgrade = (origin: string, headers: Record<string, string> = {}) =>
    new Promise<number | 'open'>((resolve) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${SYNC_PATH}/${document}`, {
        headers: { cookie, origin, ...headers },
      });
      ws.on('open', () => {
        resolve('open');
        ws.close();
      });
      ws.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('error', () => undefined);
    });

  /** The socket.io handshake: 'connected' or the error it got. */
  const presence = (origin: string) =>
    new Promise<string>((resolve) => {
      const socket = io(server.url, {
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { cookie, origin },
      });
      socket.on('connect', () => {
        resolve('connected');
        socket.disconnect();
      });
      socket.on('connect_error', (error) => {
        resolve(`refused: ${error.message}`);
        socket.disconnect();
      });
    });

  it('refuses a POST from the same host over the other scheme, or another port', async () => {
    expect(await logout(server.origin)).toBe(401);
    expect(await logout(otherScheme)).toBe(403);
    expect(await logout(server.origin.replace(/:(\d+)$/, ':1'))).toBe(403);
  });

  it('believes X-Forwarded-Proto from the proxy on this machine, and only its scheme', async () => {
    expect(await logout(otherScheme, { 'x-forwarded-proto': 'https' })).toBe(401);
    expect(await logout(server.origin, { 'x-forwarded-proto': 'https' })).toBe(403);
  });

  it('refuses a sync upgrade from the other scheme (403)', async () => {
    expect(await upgrade(server.origin)).toBe('open');
    expect(await upgrade(otherScheme)).toBe(403);
    expect(await upgrade(otherScheme, { 'x-forwarded-proto': 'https' })).toBe('open');
  });

  it('refuses the socket.io handshake from the other scheme', async () => {
    expect(await presence(server.origin)).toBe('connected');
    expect(await presence(otherScheme)).toMatch(/^refused/);
  });
});
