import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode, SYNC_PATH } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/** Opens a raw websocket and reports how it ended: a close code or an HTTP refusal. */
function attempt(
  url: string,
  headers: Record<string, string>,
): Promise<{ closeCode?: number; httpStatus?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => {
      resolve({ httpStatus: response.statusCode });
      ws.terminate();
    });
    ws.on('close', (code) => resolve({ closeCode: code }));
    ws.on('error', () => undefined);
  });
}

describe('the sync endpoint upgrade', () => {
  let server: TestServer;
  let document: string;
  let examinerCookie: string;
  beforeAll(async () => {
    server = await startTestServer();
    const examiner = await signIn(server.url, 'e4.enseignante');
    examinerCookie = examiner.cookie;
    const room = await getJson<CommissionView>(
      `${server.url}/api/commissions/${examiner.me.commissions[0]?.id}`,
      examiner.cookie,
    );
    document = room.body.document;
  });
  afterAll(async () => {
    await server.stop();
  });

  const socketUrl = (): string => `${server.url.replace('http', 'ws')}${SYNC_PATH}/${document}`;

  it('closes with 4401 without a session', async () => {
    expect(await attempt(socketUrl(), { origin: server.origin })).toEqual({
      closeCode: CloseCode.UNAUTHENTICATED,
    });
  });

  it('closes with 4401 with a forged cookie', async () => {
    const forged = 'delib_session=abcdefghijkmnpqrstuvwxyz.abcdefghijkmnpqrstuvwxyz';
    expect(await attempt(socketUrl(), { origin: server.origin, cookie: forged })).toEqual({
      closeCode: CloseCode.UNAUTHENTICATED,
    });
  });

  it('refuses a foreign Origin with HTTP 403, even with a valid session', async () => {
    expect(
      await attempt(socketUrl(), { origin: 'https://evil.example', cookie: examinerCookie }),
    ).toEqual({
      httpStatus: 403,
    });
  });

  it('refuses a missing Origin', async () => {
    expect(await attempt(socketUrl(), { cookie: examinerCookie })).toEqual({ httpStatus: 403 });
  });

  it('closes with 4403 for a room the user does not examine', async () => {
    const other = await signIn(server.url, 'options');
    expect(await attempt(socketUrl(), { origin: server.origin, cookie: other.cookie })).toEqual({
      closeCode: CloseCode.FORBIDDEN,
    });
  });

  it('closes with 4404 for an unknown document or a past generation', async () => {
    const stale = document.replace(/g\d+$/, 'g9');
    const url = `${server.url.replace('http', 'ws')}${SYNC_PATH}/${stale}`;
    expect(await attempt(url, { origin: server.origin, cookie: examinerCookie })).toEqual({
      closeCode: CloseCode.NOT_FOUND,
    });
  });
});
