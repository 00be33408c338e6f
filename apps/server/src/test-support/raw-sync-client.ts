import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { SYNC_PATH } from '@delib/protocol';

/**
 * A hand-made y-websocket client: it speaks the protocol message by message, so a test can
 * send exactly the bytes an attacker would (any update, any size, garbage).
 */
export interface RawSyncClient {
  /** A local copy, filled from the server's sync step 2. */
  doc: Y.Doc;
  ws: WebSocket;
  /** Resolves with the close code and reason when the server closes the connection. */
  closed: Promise<{ code: number; reason: string }>;
  /** Sends a sync update message carrying these bytes. */
  sendUpdate(update: Uint8Array): void;
  /** Sends raw bytes. */
  sendRaw(bytes: Uint8Array): void;
  /** Makes a change on the local copy and sends exactly that change as an update. */
  change(edit: (doc: Y.Doc) => void): Uint8Array;
  close(): void;
}

/** The header lines that make a GET a websocket upgrade, for requests written by hand. */
export const UPGRADE_HEADERS: readonly string[] = [
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
];

/** An HTTP/1.1 request written by hand: its request line and headers, then its body, if any. */
export function rawRequest(head: readonly string[], body = ''): string {
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

export function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function openRawSync(
  url: string,
  document: string,
  headers: { cookie?: string; origin?: string },
): Promise<RawSyncClient> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${SYNC_PATH}/${document}`, { headers });
  const doc = new Y.Doc();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === 0) {
        // The server's step 1: ask for its state in return.
        ws.send(syncMessage(0, Y.encodeStateVector(doc)));
        return;
      }
      Y.applyUpdate(doc, payload, 'server');
      if (syncType === 1 && !ready) {
        ready = true;
        resolve(client);
      }
    });
    const client: RawSyncClient = {
      doc,
      ws,
      closed,
      sendUpdate: (update) => ws.send(syncMessage(2, update)),
      sendRaw: (bytes) => ws.send(bytes),
      change(edit) {
        const before = Y.encodeStateVector(doc);
        edit(doc);
        const update = Y.encodeStateAsUpdate(doc, before);
        ws.send(syncMessage(2, update));
        return update;
      },
      close: () => ws.close(),
    };
    void closed.then((event) => {
      if (!ready)
        reject(new Error(`fermé avant la synchronisation : ${event.code} ${event.reason}`));
    });
  });
}
