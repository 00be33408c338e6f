import type { MinuteVerdict } from '@delib/protocol';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { postJson } from './deliberation-steps.js';
import type { TestServer } from './test-server.js';

/**
 * Steps after the lock, as the president's pages take them: sign the minute or a rectified
 * minute with the password typed again, rectify an input, download a document, and have
 * anyone verify a PDF on the public route.
 */
export function signMinuteWith(
  server: TestServer,
  juryId: number,
  cookie: string,
  password: unknown = DEMO_PASSWORD,
) {
  return postJson(server, `/api/juries/${juryId}/sign`, cookie, { password });
}

export function signRectifiedMinuteWith(
  server: TestServer,
  juryId: number,
  cookie: string,
  password: unknown = DEMO_PASSWORD,
) {
  return postJson(server, `/api/juries/${juryId}/rectified-minutes`, cookie, { password });
}

export function rectify(
  server: TestServer,
  juryId: number,
  cookie: string,
  body: { candidateId: number; unit: string; input: string; after: unknown; reason: string },
) {
  return postJson(server, `/api/juries/${juryId}/amendments`, cookie, body);
}

export async function download(
  server: TestServer,
  path: string,
  cookie: string,
): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The public verification of a PDF (`POST /api/verify`), without a session. */
export async function verifyPdf(server: TestServer, pdf: Uint8Array): Promise<MinuteVerdict> {
  const response = await fetch(`${server.url}/api/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/pdf', origin: server.origin },
    body: pdf,
  });
  return (await response.json()) as MinuteVerdict;
}
