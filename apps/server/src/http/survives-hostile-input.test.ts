import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { readOralEntry, SYNC_PATH, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { rawRequest, UPGRADE_HEADERS } from '../test-support/raw-sync-client.js';
import { firstRoomOf, getJson, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Thousands of malformed requests, upgrades, headers, cookies, bodies and websocket frames
 * against a real server. None may end the process (vitest fails a run on any uncaught
 * error of its process, where this server runs); afterwards the server still answers and an
 * honest mark still travels from one examiner to the other.
 */

/** Sends raw bytes on a TCP connection; resolves with what came back (or '' on a reset). */
function rawExchange(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(done, 2_000);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      // The status line (and a websocket close frame, if any) is all a test needs.
      if (received.includes('\r\n\r\n')) setTimeout(done, 5);
    });
    socket.write(bytes);
  });
}

const pathChars = fc.constantFrom(
  ..."abcXYZ019/._-~%?#&=:@!$'()*+,;[]".split(''),
  '%E0%A4%A',
  '%00',
  '%FF',
  '%C0%AF',
  '..',
  '%2e%2e%2f',
  'é',
  '\u202e',
  '/sync/',
  'commission/1/g1',
  'jury/1/g1',
);
const hostilePath = fc
  .array(pathChars, { maxLength: 40 })
  .map((parts) => parts.join(''))
  .chain((tail) =>
    fc.constantFrom(
      `${SYNC_PATH}/${tail}`,
      `/${tail}`,
      `/api/${tail}`,
      `/_app/immutable/${tail}`,
      `/socket.io/${tail}`,
    ),
  );
/** A header value as raw bytes; CR and LF excluded, so one request stays one request. */
const headerValue = fc
  .uint8Array({ maxLength: 300 })
  .map((bytes) => Buffer.from(bytes.filter((b) => b !== 13 && b !== 10)).toString('latin1'));
const headerName = fc.constantFrom(
  'Cookie',
  'Origin',
  'Host',
  'Content-Type',
  'Content-Length',
  'Transfer-Encoding',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Version',
  'Sec-WebSocket-Extensions',
  'Sec-WebSocket-Protocol',
  'X-Forwarded-For',
  'X-Forwarded-Proto',
  'Accept-Encoding',
  'Range',
  'If-None-Match',
  'Accept-Language',
);

describe('the server survives hostile input', () => {
  let server: TestServer;
  let port: number;
  let room: CommissionView;
  let sessions: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    port = server.app.port;
    sessions = {};
    for (const login of ['admin', 'membre.martin', 'presidente', 'e22.anglais', 'options'])
      sessions[login] = (await signIn(server.url, login)).cookie;
    const examiner = await signIn(server.url, 'e4.enseignante');
    room = await firstRoomOf(server.url, examiner);
  });
  afterAll(async () => {
    await server.stop();
  });

  async function expectHealthy() {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
  }

  it('answers malformed upgrade and page paths, with and without a session', async () => {
    const cookies = Object.values(sessions);
    await fc.assert(
      fc.asyncProperty(
        hostilePath,
        fc.constantFrom(...cookies, '', 'delib_session=garbage'),
        fc.boolean(),
        async (target, cookie, upgrade) => {
          const lines = [
            `GET ${target} HTTP/1.1`,
            `Host: ${new URL(server.url).host}`,
            `Origin: ${server.origin}`,
          ];
          if (cookie) lines.push(`Cookie: ${cookie}`);
          if (upgrade) lines.push(...UPGRADE_HEADERS);
          await rawExchange(port, Buffer.from(rawRequest(lines), 'utf8'));
        },
      ),
      { numRuns: 1_200 },
    );
    await expectHealthy();
  });

  it('answers hostile headers and cookies on the API and on upgrades', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
        fc.constantFrom('/api/me', '/api/health', `${SYNC_PATH}/${room.document}`, '/'),
        fc.boolean(),
        async (headers, target, upgrade) => {
          const lines = [`GET ${target} HTTP/1.1`, `Host: ${new URL(server.url).host}`];
          for (const [name, value] of headers) lines.push(`${name}: ${value}`);
          if (upgrade)
            lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13');
          await rawExchange(port, Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
        },
      ),
      { numRuns: 800 },
    );
    await expectHealthy();
  });

  it('answers hostile bodies on every kind of API route', async () => {
    const cookie = sessions.presidente as string;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/auth/login',
          '/api/auth/logout',
          '/api/invitations/accept',
          '/api/juries/1/lock',
          '/api/juries/1/minute/sign',
          '/api/juries/1/amendments',
          '/api/verify',
          '/api/admin/sessions',
          '/api/admin/sessions/1/candidates/import',
          '/api/admin/juries/1/invitations',
        ),
        fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-16',
          'text/csv',
          'application/pdf',
          'multipart/form-data; boundary=x',
          '',
        ),
        fc.oneof(
          fc.json().map((text) => Buffer.from(text)),
          fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
          fc.constantFrom(
            Buffer.from('{"login":{"$gt":""},"password":[]}'),
            Buffer.from('{"__proto__":{"admin":true}}'),
            Buffer.from('{"constructor":{"prototype":{"x":1}}}'),
            Buffer.from(
              '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]',
            ),
          ),
        ),
        fc.boolean(),
        async (route, method, type, body, withSession) => {
          const lines = [
            `${method} ${route} HTTP/1.1`,
            `Host: ${new URL(server.url).host}`,
            `Origin: ${server.origin}`,
            `Content-Length: ${body.length}`,
            'Connection: close',
          ];
          if (type) lines.push(`Content-Type: ${type}`);
          if (withSession) lines.push(`Cookie: ${cookie}`);
          const answer = await rawExchange(
            port,
            Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]),
          );
          // Every request gets an answer (a 4xx/5xx at worst), never a dropped connection.
          expect(answer).toMatch(/^HTTP\/1\.1 \d{3}/);
        },
      ),
      { numRuns: 1_000 },
    );
    await expectHealthy();
  });

  it('answers malformed websocket frames, binary and text, from writers and readers', async () => {
    const openSocket = (cookie: string, document: string) =>
      new Promise<WebSocket | null>((resolve) => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}${SYNC_PATH}/${document}`, {
          headers: { cookie, origin: server.origin },
        });
        ws.on('open', () => resolve(ws));
        ws.on('error', () => resolve(null));
      });
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      // Shaped like the protocol: message type, sync step, then a random payload.
      fc
        .tuple(fc.nat(4), fc.nat(3), fc.uint8Array({ maxLength: 400 }))
        .map(([type, step, payload]) => new Uint8Array([type, step, ...payload])),
      fc
        .tuple(fc.uint8Array({ maxLength: 400 }))
        .map(([payload]) => new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, ...payload])),
    );
    const logins = ['admin', 'membre.martin', 'e22.anglais', 'options'];
    const commissions = new Map<string, string>();
    for (const login of logins) {
      const me = await getJson<{ commissions: { id: number }[] }>(
        `${server.url}/api/me`,
        sessions[login] as string,
      );
      const own = me.body.commissions[0];
      commissions.set(
        login,
        own
          ? (
              await getJson<CommissionView>(
                `${server.url}/api/commissions/${own.id}`,
                sessions[login] as string,
              )
            ).body.document
          : room.document,
      );
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...logins),
        fc.array(fc.tuple(frame, fc.boolean()), { minLength: 1, maxLength: 4 }),
        async (login, frames) => {
          const ws = await openSocket(sessions[login] as string, commissions.get(login) as string);
          if (!ws) return;
          const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
          ws.on('error', () => undefined);
          for (const [bytes, binary] of frames) {
            if (ws.readyState === WebSocket.OPEN)
              ws.send(binary ? bytes : Buffer.from(bytes).toString('latin1'), { binary });
          }
          await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 20))]);
          ws.terminate();
        },
      ),
      { numRuns: 600 },
    );
    await expectHealthy();
  });

  it('survives peers that reset at any point of a request, upgrades included', async () => {
    const host = new URL(server.url).host;
    // What a browser, or someone imitating one, may send before cutting the connection.
    const sync = `${SYNC_PATH}/${room.document}`;
    const requests = (cookie: string): string[] => [
      // Refused with 403 (foreign origin) or 4401 (no session), or accepted.
      rawRequest([
        `GET ${sync} HTTP/1.1`,
        `Host: ${host}`,
        'Origin: https://evil.example',
        ...UPGRADE_HEADERS,
      ]),
      rawRequest([
        `GET ${sync} HTTP/1.1`,
        `Host: ${host}`,
        `Origin: ${server.origin}`,
        `Cookie: ${cookie}`,
        ...UPGRADE_HEADERS,
      ]),
      rawRequest([
        'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
        `Host: ${host}`,
        `Origin: ${server.origin}`,
        ...UPGRADE_HEADERS,
      ]),
      rawRequest(['GET /socket.io/?EIO=4&transport=polling HTTP/1.1', `Host: ${host}`]),
      // A body announced longer than what comes.
      rawRequest(
        [
          'POST /api/auth/login HTTP/1.1',
          `Host: ${host}`,
          `Origin: ${server.origin}`,
          'Content-Type: application/json',
          'Content-Length: 400',
        ],
        '{"login":"admin","pass',
      ),
      rawRequest(
        [
          'POST /api/admin/exam-sessions/1/candidates/preview HTTP/1.1',
          `Host: ${host}`,
          `Origin: ${server.origin}`,
          `Cookie: ${cookie}`,
          'Content-Type: text/csv',
          'Content-Length: 100000',
        ],
        'nom;prenom\n',
      ),
      rawRequest(['GET /api/me HTTP/1.1', `Host: ${host}`, `Cookie: ${cookie}`]),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.values(sessions)),
        fc.nat({ max: 6 }),
        fc.nat({ max: 4 }),
        async (cookie, kind, delayMs) => {
          const socket = net.connect(port, '127.0.0.1');
          socket.on('error', () => undefined);
          const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
          socket.write(requests(cookie)[kind] as string);
          if (delayMs === 0) socket.resetAndDestroy();
          else setTimeout(() => socket.resetAndDestroy(), delayMs);
          await closed;
        },
      ),
      { numRuns: 700 },
    );
    // Errors raised by a reset reach the server a moment later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectHealthy();
  });

  it('still carries an honest mark from one examiner to the other', async () => {
    const a = await signIn(server.url, 'e4.enseignante');
    const b = await signIn(server.url, 'e4.professionnel');
    const writer = connectDocument(server.url, room.document, a.cookie);
    const reader = connectDocument(server.url, room.document, b.cookie);
    await Promise.all([writer.synced, reader.synced]);
    const candidate = room.passages[0]?.candidateId as number;
    writeOralEntry(writer.doc, candidate, 'U41', { mark: 13.5 });
    await waitFor(() => {
      const entry = readOralEntry(reader.doc, candidate, 'U41');
      return entry !== null && 'mark' in entry && entry.mark === 13.5;
    }, 'note honnête reçue');
    writer.destroy();
    reader.destroy();
    await expectHealthy();
  });
});
