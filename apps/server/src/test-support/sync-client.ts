import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SYNC_PATH } from '@delib/protocol';

/** A `ws` WebSocket that presents a browser's cookie and Origin, as y-websocket's polyfill. */
export function browserLikeWebSocket(
  cookie: string | null,
  origin: string | null,
): new (address: string, protocols?: string | string[]) => WebSocket {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the first sync with the server is done. */
  synced: Promise<void>;
  /** Close events seen by the provider, newest last. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

export function connectDocument(
  url: string,
  document: string,
  cookie: string | null,
  origin: string | null = url,
): SyncClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${url.replace(/^http/, 'ws')}${SYNC_PATH}`,
    document,
    doc,
    {
      WebSocketPolyfill: browserLikeWebSocket(
        cookie,
        origin,
      ) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    },
  );
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return {
    doc,
    provider,
    synced,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until `condition` holds, checking on every change of the document (and every 20 ms). */
export function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`délai dépassé : ${what}`));
      else setTimeout(check, 20);
    };
    check();
  });
}
