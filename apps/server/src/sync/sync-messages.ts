import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Message and sub-message types of the y-websocket protocol (y-protocols/sync). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export type IncomingMessage =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness' }
  | { kind: 'query-awareness' };

/** Decodes one client message; throws on anything that is not a known, well-formed message. */
export function decodeMessage(data: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === SYNC_STEP_1) return { kind: 'step1', stateVector: payload };
    if (syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE)
      return { kind: 'update', update: payload };
    throw new Error(`unknown sync message ${syncType}`);
  }
  if (type === MESSAGE_AWARENESS) return { kind: 'awareness' };
  if (type === MESSAGE_QUERY_AWARENESS) return { kind: 'query-awareness' };
  throw new Error(`unknown message ${type}`);
}

function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeStep1(stateVector: Uint8Array): Uint8Array {
  return syncMessage(SYNC_STEP_1, stateVector);
}

export function encodeStep2(update: Uint8Array): Uint8Array {
  return syncMessage(SYNC_STEP_2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return syncMessage(SYNC_UPDATE, update);
}
