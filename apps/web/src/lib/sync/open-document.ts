import { SYNC_PATH } from '@delib/protocol';
import * as encoding from 'lib0/encoding';
import { writeSyncStep1, messageYjsSyncStep1, messageYjsSyncStep2 } from 'y-protocols/sync';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider, messageSync } from 'y-websocket';
import * as Y from 'yjs';
import { closeAction, shouldReconnectAfter } from './close-reasons';

/** What happens to a shared document; every callback is optional. */
export interface DocumentEvents {
  /** The document to read and observe: the first one, then each fresh copy after a resync. */
  document?(doc: Y.Doc): void;
  /** A connection attempt started. */
  connecting?(): void;
  /** The socket opened; the initial exchange is under way. */
  connected?(): void;
  /** The socket closed or could not open; y-websocket tries again. */
  disconnected?(): void;
  /** The initial exchange is complete both ways (the server has our offline writes). */
  synchronised?(): void;
  /** The server answered the acknowledgement request that covered `sequence`. */
  acknowledged?(sequence: number): void;
  /** The server refused an update or the jury was locked: the local copy is being replaced. */
  resync?(event: { locked: boolean; reason: string }): void;
  /** The session is no longer valid. */
  signInRequired?(): void;
  /** The connection cannot go on; `reason` is French, for the page. */
  stopped?(reason: string): void;
}

export interface OpenDocumentOptions {
  /** Document name, e.g. `commission/3/g1`. */
  name: string;
  /** `write`: an examiner's room, kept in IndexedDB for offline work; `read`: a watched room. */
  mode: 'write' | 'read';
  events?: DocumentEvents;
}

/** More resyncs than this within `RESYNC_WINDOW_MS` means something is wrong: stop. */
const MAX_RESYNCS = 3;
const RESYNC_WINDOW_MS = 60_000;
/** After `sync:refused`, wait this long for the refusing close before resyncing ourselves. */
const REFUSAL_GRACE_MS = 1_500;
/** Period of the keep-alive sync request (y-websocket gives up after 30 s of silence). */
const KEEP_ALIVE_MS = 10_000;
/** A sync request unanswered for this long means the link is dead. */
const ANSWER_TIMEOUT_MS = 8_000;
const CONNECTION_CHECK_MS = 2_000;
/** IndexedDB may be unavailable (private browsing): connect anyway after this delay. */
const BROWSER_COPY_TIMEOUT_MS = 3_000;

type SyncMessageHandler = WebsocketProvider['messageHandlers'][number];

function syncServerUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${SYNC_PATH}`;
}

/**
 * One shared Yjs document: Y.Doc + y-websocket provider (+ y-indexeddb in write mode), with the
 * close codes of `@delib/protocol` handled (see close-reasons.ts) and a way to learn when the
 * server has processed our writes.
 */
export class SharedDocument {
  readonly name: string;
  private readonly mode: 'write' | 'read';
  private readonly events: DocumentEvents;
  private currentDoc!: Y.Doc;
  private provider: WebsocketProvider | null = null;
  private persistence: IndexeddbPersistence | null = null;
  /**
   * One slot per sync request (step 1) sent on the current socket, oldest first; the server
   * answers them in order with a step 2. A null slot acknowledges nothing: y-websocket's own
   * request on opening, or a keep-alive.
   */
  private pendingRequests: { slot: number | null; sentAt: number }[] = [];
  private lastRequestAt = 0;
  private serverRequestAnswered = false;
  /**
   * Whether our answer to the server's request (step 2, with every change it lacks) has gone
   * out on the current socket: until then a change is not sent on its own, since it would
   * arrive before the earlier ones it builds on (the server asks the page to reconnect); it
   * travels in that answer instead.
   */
  private answerSent = false;
  private resyncing = false;
  private readonly resyncTimes: number[] = [];
  private closed = false;
  private readonly keepAlive: ReturnType<typeof setInterval>;

  constructor(options: OpenDocumentOptions) {
    this.name = options.name;
    this.mode = options.mode;
    this.events = options.events ?? {};
    this.open();
    this.keepAlive = setInterval(() => this.checkConnection(), CONNECTION_CHECK_MS);
    addEventListener('offline', this.wentOffline);
  }

  /**
   * The device says the network is gone: an open socket may linger for a while before anything
   * notices, so reconnect now (the attempt fails at once and the page says "Hors ligne").
   */
  private readonly wentOffline = (): void => {
    const provider = this.provider;
    if (!provider?.wsconnected) return;
    provider.disconnect();
    provider.connect();
  };

  get doc(): Y.Doc {
    return this.currentDoc;
  }

  /**
   * Sends a sync request that the server will answer after everything sent before it; the
   * `acknowledged(sequence)` event follows the answer. Returns false when not connected.
   */
  requestAcknowledgement(sequence: number): boolean {
    return this.sendSyncRequest(sequence);
  }

  /**
   * Sends a sync request (step 1); the server answers it in order with a step 2. `slot` is
   * the write sequence it acknowledges, or null for a keep-alive.
   */
  private sendSyncRequest(slot: number | null): boolean {
    const provider = this.provider;
    const ws = provider?.ws;
    if (!provider || !provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    writeSyncStep1(encoder, this.currentDoc);
    const now = Date.now();
    this.pendingRequests.push({ slot, sentAt: now });
    this.lastRequestAt = now;
    ws.send(encoding.toUint8Array(encoder));
    return true;
  }

  /**
   * The server said (socket.io `sync:refused`) that it refused one of our updates: unless the
   * refusing close already replaced the local copy, replace it now.
   */
  refusedByServer(reason: string): void {
    const doc = this.currentDoc;
    setTimeout(() => {
      if (this.currentDoc === doc && !this.closed) void this.resync(false, reason);
    }, REFUSAL_GRACE_MS);
  }

  /** Stops syncing and frees the document (the IndexedDB copy is kept). */
  close(): void {
    this.closed = true;
    clearInterval(this.keepAlive);
    removeEventListener('offline', this.wentOffline);
    void this.teardown();
  }

  private open(): void {
    const doc = new Y.Doc();
    this.currentDoc = doc;
    const persistence = this.mode === 'write' ? new IndexeddbPersistence(this.name, doc) : null;
    this.persistence = persistence;
    const provider = new WebsocketProvider(syncServerUrl(), this.name, doc, {
      connect: false,
      // Tabs talk through the server only: a refused edit must not travel between tabs.
      disableBc: true,
      shouldReconnect: (event) => shouldReconnectAfter(event.code),
    });
    this.provider = provider;
    this.watchAnswers(provider);
    this.holdChangesUntilAnswered(provider, doc);

    provider.on('status', ({ status }) => {
      if (provider !== this.provider) return;
      if (status === 'connecting') {
        this.events.connecting?.();
      } else if (status === 'connected') {
        this.lastRequestAt = Date.now();
        this.pendingRequests = [{ slot: null, sentAt: this.lastRequestAt }];
        this.serverRequestAnswered = false;
        this.answerSent = false;
        this.events.connected?.();
      }
    });
    provider.on('connection-close', () => {
      if (provider !== this.provider) return;
      this.pendingRequests = [];
      this.serverRequestAnswered = false;
      this.answerSent = false;
      this.events.disconnected?.();
    });
    provider.on('closed', ({ code, reason }) => {
      if (provider !== this.provider) return;
      const action = closeAction(code, reason);
      if (action.kind === 'resync') void this.resync(action.locked, action.reason);
      else if (action.kind === 'sign-in') this.events.signInRequired?.();
      else if (action.kind === 'stop') this.events.stopped?.(action.reason);
    });
    this.events.document?.(doc);

    // Connect once the browser's copy is loaded, so that writes kept offline by an earlier
    // visit are part of the first exchange (and covered by its acknowledgement).
    const loaded = persistence ? persistence.whenSynced : Promise.resolve();
    const giveUp = new Promise<void>((resolve) => setTimeout(resolve, BROWSER_COPY_TIMEOUT_MS));
    void Promise.race([loaded, giveUp]).then(() => {
      if (provider === this.provider) provider.connect();
    });
  }

  /** Wraps y-websocket's sync handler to see the server's requests and answers go by. */
  private watchAnswers(provider: WebsocketProvider): void {
    const original = provider.messageHandlers[messageSync] as SyncMessageHandler;
    provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
      // The sync message type is the next varuint; its values (0, 1, 2) fit in one byte.
      const syncType = decoder.arr[decoder.pos];
      original(encoder, decoder, p, emitSynced, messageType);
      if (provider !== this.provider) return;
      if (syncType === messageYjsSyncStep2) {
        const sequence = this.pendingRequests.shift()?.slot;
        if (sequence !== undefined && sequence !== null) this.events.acknowledged?.(sequence);
        this.checkSynchronised(provider);
      } else if (syncType === messageYjsSyncStep1) {
        // Our answer (with any offline writes) is sent right after this handler returns,
        // before any change made from now on.
        this.answerSent = true;
        queueMicrotask(() => {
          if (provider !== this.provider) return;
          this.serverRequestAnswered = true;
          this.checkSynchronised(provider);
        });
      }
    };
  }

  /**
   * y-websocket sends each local change as soon as the socket is open. Right after a
   * reconnection the server does not yet hold the changes made offline (they go in our answer
   * to its request), so a mark typed in that moment would reach it before the marks it builds
   * on. Changes made before the answer are left to it: it carries the whole difference.
   */
  private holdChangesUntilAnswered(provider: WebsocketProvider, doc: Y.Doc): void {
    const send = provider._updateHandler;
    doc.off('update', send);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (provider === this.provider && this.answerSent) send(update, origin);
    });
  }

  /**
   * A request unanswered for `ANSWER_TIMEOUT_MS` means the link is dead (poor wifi rarely
   * closes sockets): reconnect now, so that the page says "Hors ligne" instead of waiting.
   * Otherwise, keep the link talking: the server relays no awareness, so a quiet room would
   * send nothing and y-websocket would take the silence for a dead link after 30 s.
   */
  private checkConnection(): void {
    const provider = this.provider;
    if (!provider || !provider.wsconnected) return;
    const now = Date.now();
    const oldest = this.pendingRequests[0];
    if (oldest && now - oldest.sentAt > ANSWER_TIMEOUT_MS) {
      provider.disconnect();
      provider.connect();
    } else if (now - this.lastRequestAt >= KEEP_ALIVE_MS) {
      this.sendSyncRequest(null);
    }
  }

  private checkSynchronised(provider: WebsocketProvider): void {
    if (provider.synced && this.serverRequestAnswered) this.events.synchronised?.();
  }

  private async resync(locked: boolean, reason: string): Promise<void> {
    if (this.resyncing || this.closed) return;
    const now = Date.now();
    while (this.resyncTimes.length > 0 && now - (this.resyncTimes[0] ?? now) > RESYNC_WINDOW_MS) {
      this.resyncTimes.shift();
    }
    this.resyncTimes.push(now);
    this.resyncing = true;
    this.events.resync?.({ locked, reason });
    const hadBrowserCopy = this.persistence !== null;
    await this.teardown();
    if (hadBrowserCopy) {
      // The refused edit is in the browser's copy too: delete it before reopening.
      await clearDocument(this.name).catch(() => undefined);
    }
    this.resyncing = false;
    if (this.closed) return;
    if (this.resyncTimes.length > MAX_RESYNCS) {
      this.events.stopped?.(`Synchronisation interrompue : ${reason}`);
      return;
    }
    this.open();
  }

  /** Resolves once the browser's copy is closed (it must be, before it can be deleted). */
  private async teardown(): Promise<void> {
    const provider = this.provider;
    this.provider = null;
    this.pendingRequests = [];
    provider?.destroy();
    const persistence = this.persistence;
    this.persistence = null;
    this.currentDoc.destroy();
    if (persistence) await persistence.destroy();
  }
}
