import type { LockedRecord } from '@delib/protocol';
import { DEMO_PASSWORD } from '../../demo/seed-demo.js';
import { postJson } from '../../test-support/deliberation-steps.js';
import { getJson } from '../../test-support/sign-in.js';
import type { TestServer } from '../../test-support/test-server.js';
import { pdfPageTexts } from './pdf-text.js';

/**
 * After a lock on the demo server: the president signs the minute through the real route,
 * then the tests read what the centre hands out (the stored record, the PV, the relevés) as
 * a reader's PDF viewer extracts their text.
 */
export async function signLockedJury(
  server: TestServer,
  juryId: number,
  cookie: string,
): Promise<void> {
  const signed = await postJson(server, `/api/juries/${juryId}/sign`, cookie, {
    password: DEMO_PASSWORD,
  });
  if (signed.status !== 201) throw new Error(`signature refusée : ${signed.status}`);
}

export async function lockedRecord(
  server: TestServer,
  juryId: number,
  cookie: string,
): Promise<LockedRecord> {
  const { status, body } = await getJson<LockedRecord>(
    `${server.url}/api/juries/${juryId}/record`,
    cookie,
  );
  if (status !== 200) throw new Error(`procès-verbal illisible : ${status}`);
  return body;
}

/** A signed PDF of the jury (`minute.pdf`, `releves.pdf`, `releves/<id>.pdf`): bytes and text. */
export async function signedPdf(
  server: TestServer,
  path: string,
  cookie: string,
): Promise<{ bytes: Uint8Array; text: string }> {
  const response = await fetch(`${server.url}/api/juries/${path}`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`${path} : ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes, text: (await pdfPageTexts(bytes)).join('\n') };
}
