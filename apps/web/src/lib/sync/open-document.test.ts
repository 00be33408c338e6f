import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { SharedDocument } from './open-document';

/** The sync messages a page sends: [type, payload] (0 request, 1 answer, 2 update). */
type SyncMessage = [number, Uint8Array];

/** A socket the test drives by hand: it records what the page sends. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static last: FakeSocket | null = null;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  binaryType = 'blob';
  readyState = 0;
  readonly sent: SyncMessage[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.last = this;
  }

  send(data: Uint8Array): void {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== 0) return; // awareness
    const type = decoding.readVarUint(decoder);
    this.sent.push([type, decoding.readVarUint8Array(decoder)]);
  }

  close(): void {
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  /** The server's request (step 1) carrying its state vector. */
  receiveRequest(stateVector: Uint8Array): void {
    const bytes = new Uint8Array([0, 0, ...lengthPrefixed(stateVector)]);
    this.onmessage?.({ data: bytes.buffer });
  }
}

function lengthPrefixed(bytes: Uint8Array): number[] {
  if (bytes.length > 127) throw new Error('court seulement');
  return [bytes.length, ...bytes];
}

/** The values an update writes, by key. */
function writtenKeys(update: Uint8Array): (string | null)[] {
  return Y.decodeUpdate(update).structs.map((struct) =>
    struct instanceof Y.Item ? struct.parentSub : null,
  );
}

describe('SharedDocument after its socket opens', () => {
  beforeEach(() => {
    vi.stubGlobal('location', { protocol: 'http:', host: 'delib.test' });
    vi.stubGlobal('addEventListener', () => undefined);
    vi.stubGlobal('removeEventListener', () => undefined);
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('keeps a change made before its answer to the server for that answer', async () => {
    const shared = new SharedDocument({ name: 'commission/1/g1', mode: 'read' });
    await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
    const socket = FakeSocket.last as FakeSocket;
    socket.open();
    expect(socket.sent.map(([type]) => type)).toEqual([0]);

    // Typed while the exchange is under way: not sent on its own.
    shared.doc.getMap('entries').set('1:U41', { mark: 12 });
    expect(socket.sent.map(([type]) => type)).toEqual([0]);

    // The server asks for what it lacks: the answer carries the change.
    socket.receiveRequest(new Uint8Array([0]));
    const answer = socket.sent.at(-1) as SyncMessage;
    expect(answer[0]).toBe(1);
    expect(writtenKeys(answer[1])).toEqual(['1:U41']);

    // From then on, each change goes at once, after the answer.
    shared.doc.getMap('entries').set('2:U41', { mark: 9 });
    const update = socket.sent.at(-1) as SyncMessage;
    expect(update[0]).toBe(2);
    expect(writtenKeys(update[1])).toEqual(['2:U41']);
    shared.close();
  });
});
