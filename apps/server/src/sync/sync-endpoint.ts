import type { IncomingMessage as HttpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { CloseCode, SYNC_PATH } from '@delib/protocol';
import type { Access, SessionUser } from '@delib/protocol';
import type { AuditEvent } from '../audit/audit-trail.js';
import { originAllowed, sessionToken } from '../auth/request-identity.js';
import type { SessionStore } from '../auth/sessions.js';
import {
  FOREIGN_CLIENT,
  REFUSED_STRUCTURE,
  UNKNOWN_DELETION,
  checkAuthorship,
} from './check-authorship.js';
import { isDatabaseUnavailable } from '../db/postgres-database.js';
import type { CommitStages } from './commit-stages.js';
import type { DocumentStorage, SetAside } from './document-storage.js';
import type { DocumentPolicy, DocumentTarget } from './document-policy.js';
import type { AllowanceLedger } from './shared-allowance.js';
import type { CommittedUpdate, UpdateFanOut } from './update-fan-out.js';
import { decodeMessage, encodeStep1, encodeStep2, encodeUpdate } from './sync-messages.js';
import {
  INCOMPLETE,
  OUTSIDE,
  applyAndCollectChanges,
  hasPendingStructures,
  valuesOverruledElsewhere,
} from './validate-update.js';
import type { DecodedUpdate } from './validate-update.js';

export interface SyncEndpointOptions {
  sessions: SessionStore;
  policy: DocumentPolicy;
  storage: DocumentStorage;
  allowedOrigins: readonly string[];
  maxUpdateBytes: number;
  compactAfterUpdates: number;
  /** Told when an update of a user was refused, to explain it on their screens. */
  onRefused?: (userId: string, document: string, code: number, message: string) => void;
  /** Told when a connection opens or closes (presence). */
  onConnectionsChanged?: () => void;
  /**
   * Shares committed updates with the other processes holding the same documents
   * (DELIB_REDIS_URL); none in a single process.
   */
  fanOut?: UpdateFanOut | null;
  /** Makes the users' allowances hold across processes (DELIB_REDIS_URL); none alone. */
  allowanceLedger?: AllowanceLedger | null;
  /** Times each accepted update's stages before its broadcast (DELIB_SYNC_STAGES=1). */
  stages?: CommitStages | null;
}

interface Connection {
  ws: WebSocket;
  /** The document this connection synchronises. */
  live: LiveDocument;
  sessionId: string;
  /** When the session was last found valid, and when it would expire if not used. */
  sessionCheckedAt: number;
  sessionExpiresAt: number;
  user: SessionUser;
  /** The user's right to the document, read again with the session. */
  access: Access;
  token: string;
  alive: boolean;
  /**
   * Set once the server has refused or closed this connection: messages it had already
   * buffered are then dropped unread (no validation, no log, no announcement).
   */
  closing: boolean;
}

/** Token bucket against floods, per user: a reconnection does not refill it. */
interface Allowance {
  tokens: number;
  lastRefill: number;
}

/** An accepted update waiting for the group commit, with its audit rows and client claims. */
interface BatchItem {
  live: LiveDocument;
  update: Uint8Array;
  audit: AuditEvent[];
  claims: { client: number; userId: string }[];
  /** When its handler began (performance.now()), kept only while stages are timed. */
  receivedAt: number;
}

interface LiveDocument {
  target: DocumentTarget;
  doc: Y.Doc;
  connections: Set<Connection>;
  /** Owner of each Yjs client id that wrote to the document (check-authorship.ts). */
  owners: Map<number, string>;
  /** False until its stored updates are loaded: messages wait in `waiting` meanwhile. */
  ready: boolean;
  waiting: { connection: Connection; data: Uint8Array }[];
  /** Accepted updates of this document not yet committed. */
  uncommitted: number;
  /** Messages of this document held until its uncommitted updates are committed. */
  outbox: Map<Connection, Uint8Array[]>;
  updatesSinceCompaction: number;
  /**
   * The answer to a client that holds nothing yet (an empty state vector): the whole
   * document, encoded once for every client joining until the document changes.
   */
  wholeState: Uint8Array | null;
  /**
   * What Yjs integrated in the document's last transaction, as its 'update' event encodes it
   * (the bytes broadcast): stored and passed on in place of the update as received.
   */
  lastIntegrated: Uint8Array | null;
  unloadTimer: NodeJS.Timeout | null;
  /**
   * Other processes' updates may have been missed (fan-out): the stored updates are read
   * again once loaded, or once the catch-up under way ends.
   */
  catchUp: 'none' | 'running' | 'again';
}

const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/**
 * Each user's allowance of messages: a burst of BUCKET_SIZE, then REFILL_PER_SECOND. A
 * person's writing costs two messages a cell (the update, then the request that acknowledges
 * it) and a few at each connection; 20 a second is more than anyone types for long, and the
 * burst covers a board opening its rooms or a tablet coming back online. It is also what a
 * flooding account adds to the server's load: at 50 a second, one such account made the
 * others' p99 ×2.15–2.47 in `pnpm bench:sync --flood`; at 20, ×1.11–1.61 (2026-12-03).
 */
const BUCKET_SIZE = 200;
export const REFILL_PER_SECOND = 20;
/**
 * An update costs its message's token and one more for each STRUCTS_PER_TOKEN structures it
 * holds beyond the first ones: integrating them is the server's work, and a 64 KB update of
 * 2,400 successive values of one cell cost ~40 ms where a mark costs a fraction of one. A
 * person's mark holds one or two structures; a tablet back online after a morning a few
 * hundred, a few tokens.
 */
export const STRUCTS_PER_TOKEN = 64;
/** A new connection needs this much allowance left: a handshake alone takes a few messages. */
export const ALLOWANCE_TO_CONNECT = 10;
/** Bound on the remembered refused tokens (forgotten all at once beyond). */
const MAX_REFUSED_TOKENS = 10_000;
/**
 * Reconnections refused again (their token already refused) held open without an answer
 * until the allowance would let them in, at most this many at once and this long: a client
 * that reconnects as soon as it is refused then waits instead of costing the server an
 * accept, a parse and a close a thousand times a second. Beyond the bound, dropped at once.
 */
export const MAX_HELD_REFUSALS = 128;
export const MAX_HOLD_MS = 1000;
const TOO_MANY_REQUESTS =
  'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n';
/**
 * Refusals whose wording holds no mark, name or value: logged as they are, to tell a forged
 * structure from a client that missed an update. Other refusals are logged by code only.
 */
const STRUCTURAL_REFUSALS: ReadonlySet<string> = new Set([
  REFUSED_STRUCTURE,
  FOREIGN_CLIENT,
  UNKNOWN_DELETION,
  OUTSIDE,
]);
const KEEPALIVE_MS = 30_000;
/**
 * Every connection's session and right are read again at least this often, whether it writes
 * or only listens: a member removed from a jury stops hearing its document within this time
 * (750 connections: 75 readings a second).
 */
export const RIGHTS_SWEEP_MS = 10_000;
const UNLOAD_AFTER_MS = 60_000;
/** Messages a document holds while it loads; a connection offering more is closed. */
const MAX_WAITING_MESSAGES = 1_000;
const SESSION_RECHECK_MS = 2_000;
/**
 * Batches being made durable at once: the updates accepted while one batch's fsync runs are
 * written and synced at once rather than after it (wal-fsync.ts), their messages still held
 * until their own batch is durable.
 */
const COMMITS_IN_FLIGHT = 2;
/** Origin of the Yjs transactions that apply what another process committed. */
const FAN_OUT_ORIGIN = Symbol('fan-out');

/** What an allowance holds at `now`: its tokens and what has refilled since (not capped). */
function tokensAt(allowance: Allowance, now: number): number {
  return allowance.tokens + ((now - allowance.lastRefill) / 1000) * REFILL_PER_SECOND;
}

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -2) + '…';
  return reason;
}

/** The document named by an upgrade's path, or null when the path cannot be decoded. */
export function documentNameOf(requestUrl: string): string | null {
  try {
    const url = new URL(requestUrl, 'http://localhost');
    return decodeURIComponent(url.pathname.slice(SYNC_PATH.length + 1));
  } catch {
    return null;
  }
}

function decodeOrNull(update: Uint8Array): DecodedUpdate | null {
  try {
    return Y.decodeUpdate(update);
  } catch {
    return null;
  }
}

/**
 * The Yjs sync endpoint (y-websocket protocol) at `/sync/<document>`. It authenticates the
 * upgrade (session cookie and Origin), checks the user's right to the document, checks who
 * every incoming update writes for (check-authorship.ts) and what it writes, from its own
 * structures (validate-update.ts), applies an accepted one, stores it with its audit rows
 * (group commit) and only then broadcasts it.
 */
export class SyncEndpoint {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly documents = new Map<string, LiveDocument>();
  private readonly keepalive: NodeJS.Timeout;
  private readonly rightsSweep: NodeJS.Timeout;
  /**
   * Group commit: the updates accepted during one turn of the event loop, or while
   * COMMITS_IN_FLIGHT commits are being made durable, are stored in one transaction. Every
   * message of a document with an update waiting for its commit waits in the document's
   * outbox until the commit is durable, so nothing of it leaves the server before it is on
   * disk; the other documents' messages are not held, and the event loop never waits for
   * the disk (database-document-storage.ts).
   */
  private batch: BatchItem[] = [];
  /** Values set aside, found while applying other processes' updates: in the next commit. */
  private setAside: SetAside[] = [];
  /**
   * Values set aside whose commit failed: they go with the next commit made for something
   * else, not on their own (storage down, that would retry without pause). Their row is
   * appended only while it is still due (AuditTrail.appendSetAside), so trying again is safe.
   */
  private setAsideAgain: SetAside[] = [];
  private flushScheduled = false;
  private readonly commits = new Set<Promise<void>>();
  private readonly allowances = new Map<string, Allowance>();
  /** Tokens refused for their allowance, until when (ms): refused again without a lookup. */
  private readonly refusedTokens = new Map<string, number>();
  /** Refused reconnections held open (MAX_HELD_REFUSALS). */
  private readonly heldRefusals = new Set<Duplex>();
  /** Juries locked since this process started, here or on another process (prompt refusal). */
  private readonly lockedJuries = new Set<number>();

  constructor(private readonly options: SyncEndpointOptions) {
    this.keepalive = setInterval(() => this.ping(), KEEPALIVE_MS);
    this.keepalive.unref();
    this.rightsSweep = setInterval(() => this.sweepRights(), RIGHTS_SWEEP_MS);
    this.rightsSweep.unref();
    options.sessions.onRevoked((sessionId) => this.sessionRevoked(sessionId));
  }

  /**
   * A session ended (here, or on another process through Redis): its connections close at
   * once, whatever their rights cache says.
   */
  sessionRevoked(sessionId: string): void {
    for (const live of this.documents.values()) {
      for (const connection of live.connections) {
        if (connection.sessionId === sessionId)
          this.closeConnection(connection, CloseCode.UNAUTHENTICATED, 'Session terminée');
      }
    }
  }

  /**
   * A user's rights changed (here, or on another process through Redis): a member left a jury,
   * an examiner a room. Their connections are read again now, not at the next sweep, and
   * those whose right is gone close with 4403.
   */
  rightsChanged(userId: string): void {
    this.recheckConnections(0, (connection) => connection.user.id === userId);
  }

  /**
   * A jury was locked (here, or on another process through Redis): every later write to its
   * documents is refused (4409) without waiting for storage to say so.
   */
  juryLocked(juryId: number): void {
    this.lockedJuries.add(juryId);
  }

  /** Whether this endpoint owns the upgrade request's path. */
  owns(request: HttpRequest): boolean {
    return (request.url ?? '').startsWith(`${SYNC_PATH}/`);
  }

  handleUpgrade(request: HttpRequest, socket: Duplex, head: Buffer): void {
    // Node's HTTP server leaves an upgraded socket without an error listener: a peer that
    // resets while it is refused (403, 429) or held would end the process with ECONNRESET.
    socket.on('error', () => socket.destroy());
    try {
      const token = sessionToken(request) ?? '';
      // A user who has spent their allowance (a flood, a reconnection loop) is refused before
      // the handshake: the first refusal is a short answer (429, Retry-After), and the token
      // is remembered until the allowance lets a connection in again. The attempts meanwhile
      // are refused before anything else is looked at (origin, session), without an answer
      // (a browser cannot read one anyway: its websocket only fails), and held until then:
      // answering at once was most of what a flood of reconnections cost
      // (`pnpm bench:sync --flood --profile`).
      const now = Date.now();
      const refusedUntil = this.refusedTokens.get(token) ?? 0;
      if (refusedUntil > now) {
        this.holdRefused(socket, refusedUntil - now);
        return;
      }
      if (!originAllowed(request, this.options.allowedOrigins, true)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const session = this.options.sessions.validate(token);
      const allowance = session ? this.allowances.get(session.user.id) : undefined;
      if (allowance && tokensAt(allowance, now) < ALLOWANCE_TO_CONNECT) {
        this.refuseToken(token, allowance, now);
        socket.end(TOO_MANY_REQUESTS);
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        try {
          this.accept(ws, request, token, session);
        } catch (error) {
          console.error('[sync] connexion refusée :', (error as Error).message);
          ws.close(1011, 'Erreur du serveur');
        }
      });
    } catch (error) {
      console.error('[sync] demande de connexion illisible :', (error as Error).message);
      socket.destroy();
    }
  }

  private accept(
    ws: WebSocket,
    request: HttpRequest,
    token: string,
    session: ReturnType<SessionStore['validate']>,
  ): void {
    ws.on('error', () => ws.terminate());
    if (!session) {
      ws.close(CloseCode.UNAUTHENTICATED, 'Session absente ou expirée');
      return;
    }
    const name = documentNameOf(request.url ?? '/');
    const target = name === null ? null : this.options.policy.resolve(name);
    if (!target) {
      ws.close(CloseCode.NOT_FOUND, 'Document inconnu');
      return;
    }
    const access = this.options.policy.access(session.user, target);
    if (access === 'none') {
      ws.close(CloseCode.FORBIDDEN, 'Accès refusé à ce document');
      return;
    }
    const live = this.open(target);
    const connection: Connection = {
      ws,
      live,
      sessionId: session.id,
      sessionCheckedAt: Date.now(),
      sessionExpiresAt: session.expiresAt,
      user: session.user,
      access,
      token,
      alive: true,
      closing: false,
    };
    live.connections.add(connection);
    this.options.onConnectionsChanged?.();
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (connection.closing) return;
      const bytes = isBinary ? new Uint8Array(data) : new Uint8Array(0);
      if (live.ready) this.receiveSafely(live, connection, bytes);
      else this.hold(live, connection, bytes);
    });
    ws.on('close', () => {
      connection.closing = true;
      live.connections.delete(connection);
      this.options.onConnectionsChanged?.();
      if (live.connections.size === 0) this.scheduleUnload(live);
    });
    // A document still loading greets its connections once loaded.
    if (live.ready) this.send(connection, encodeStep1(Y.encodeStateVector(live.doc)));
  }

  private receiveSafely(live: LiveDocument, connection: Connection, data: Uint8Array): void {
    try {
      this.receive(live, connection, data);
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        // Not the message's fault: the client keeps it and offers it again on reconnection
        // (a refusal, 4xxx, would make it drop its copy).
        console.error('[sync] base de données indisponible :', (error as Error).message);
        this.closeConnection(connection, 1011, 'Base de données indisponible, reconnexion…');
        return;
      }
      console.error('[sync] message refusé :', (error as Error).message);
      this.closeConnection(connection, CloseCode.INVALID_UPDATE, 'Message illisible');
    }
  }

  /** Keeps a message until the document is loaded, within a bound. */
  private hold(live: LiveDocument, connection: Connection, data: Uint8Array): void {
    if (live.waiting.length >= MAX_WAITING_MESSAGES) {
      this.closeConnection(connection, CloseCode.RATE_LIMITED, 'Trop de messages, reconnexion…');
      return;
    }
    live.waiting.push({ connection, data });
  }

  private open(target: DocumentTarget): LiveDocument {
    let live = this.documents.get(target.name);
    if (!live) {
      live = {
        target,
        doc: new Y.Doc({ gc: true }),
        connections: new Set(),
        owners: new Map(),
        ready: false,
        waiting: [],
        uncommitted: 0,
        outbox: new Map(),
        updatesSinceCompaction: 0,
        wholeState: null,
        lastIntegrated: null,
        unloadTimer: null,
        catchUp: 'none',
      };
      this.documents.set(target.name, live);
      const opened = live;
      this.options.fanOut?.follow(
        target.name,
        (committed) => this.applyCommitted(opened, committed),
        () => void this.catchUp(opened),
      );
      void this.load(live);
    }
    if (live.unloadTimer) {
      clearTimeout(live.unloadTimer);
      live.unloadTimer = null;
    }
    return live;
  }

  /**
   * Rebuilds the document from storage, then greets its connections and reads the messages
   * they sent meanwhile, in order. Should storage fail, they are closed and reconnect later.
   */
  private async load(live: LiveDocument): Promise<void> {
    const { name } = live.target;
    try {
      const stored = await this.options.storage.load(name);
      if (this.documents.get(name) !== live) return;
      // Applied one by one inside one transaction: linear in the rows (Y.mergeUpdates first
      // grew much faster: 21 s for 20,000 rows, measured by `pnpm bench:doc-cost`).
      live.doc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(live.doc, update);
      });
      // Claims that came with other processes' updates while this one loaded are kept.
      for (const [client, userId] of live.owners) {
        if (!stored.owners.has(client)) stored.owners.set(client, userId);
      }
      live.owners = stored.owners;
      live.ready = true;
      live.doc.on('update', (update: Uint8Array) => {
        live.wholeState = null;
        live.lastIntegrated = update;
        this.broadcast(live, update);
      });
      live.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.origin !== FAN_OUT_ORIGIN) return;
        // Inside Yjs's transaction: a failure here must not stop the update being applied.
        try {
          this.findSetAside(live, transaction);
        } catch (error) {
          console.error(
            `[sync] saisies écartées non relevées sur ${live.target.name} :`,
            (error as Error).message,
          );
        }
      });
      if (stored.updates.length > this.options.compactAfterUpdates) this.compact(live);
      if (live.catchUp !== 'none') {
        live.catchUp = 'none';
        void this.catchUp(live);
      }
    } catch (error) {
      console.error(`[sync] ouverture impossible de ${name} :`, (error as Error).message);
      this.forget(live);
      for (const connection of live.connections)
        this.closeConnection(connection, 1011, 'Document indisponible, reconnexion…');
      live.doc.destroy();
      return;
    }
    const stateVector = encodeStep1(Y.encodeStateVector(live.doc));
    for (const connection of live.connections) this.send(connection, stateVector);
    const waiting = live.waiting;
    live.waiting = [];
    for (const { connection, data } of waiting) {
      if (!connection.closing) this.receiveSafely(live, connection, data);
    }
  }

  /** Replaces the document's stored updates by its state; a failure only leaves more rows. */
  private compact(live: LiveDocument): void {
    live.updatesSinceCompaction = 0;
    this.options.storage
      .compact(live.target.name, Y.encodeStateAsUpdate(live.doc))
      .catch((error: unknown) => {
        console.error('[sync] compaction impossible :', (error as Error).message);
      });
  }

  private scheduleUnload(live: LiveDocument): void {
    live.unloadTimer = setTimeout(() => {
      if (live.connections.size > 0) return;
      this.forget(live);
      live.doc.destroy();
    }, UNLOAD_AFTER_MS);
    live.unloadTimer.unref();
  }

  /** Drops a document from the open ones (and stops following it on other processes). */
  private forget(live: LiveDocument): void {
    if (this.documents.get(live.target.name) !== live) return;
    this.documents.delete(live.target.name);
    this.options.fanOut?.unfollow(live.target.name);
  }

  /**
   * An update another process accepted, validated and committed: applied to this copy and
   * broadcast to this process's clients (through the document's 'update' listener), neither
   * validated again nor stored again. Should it depend on an update this process missed, the
   * document is read again from storage.
   */
  private applyCommitted(live: LiveDocument, committed: CommittedUpdate): void {
    if (this.documents.get(live.target.name) !== live) return;
    try {
      for (const claim of committed.claims) {
        if (!live.owners.has(claim.client)) live.owners.set(claim.client, claim.userId);
      }
      Y.applyUpdate(live.doc, committed.update, FAN_OUT_ORIGIN);
    } catch (error) {
      console.error(
        `[sync] mise à jour d’un autre processus illisible sur ${live.target.name} :`,
        (error as Error).message,
      );
    }
    if (hasPendingStructures(live.doc)) void this.catchUp(live);
  }

  /**
   * After a transaction that applied other processes' updates: the values it found overruled
   * by a concurrent value (validate-update.ts, valuesOverruledElsewhere) are audited as set
   * aside in the next commit, once whichever process finds them first.
   */
  private findSetAside(live: LiveDocument, transaction: Y.Transaction): void {
    const audit = this.options.policy.audit(live.target);
    const lost = valuesOverruledElsewhere(live.doc, new Set(audit.maps), transaction);
    if (lost.length === 0) return;
    audit.describe(lost).forEach((event, index) => {
      const { map } = lost[index] as (typeof lost)[number];
      this.setAside.push({ event, actions: audit.actions(map) });
    });
    this.scheduleFlush();
  }

  /**
   * Other processes' updates may have been missed (Redis pub/sub is at most once): the
   * stored updates are applied again (Yjs skips what it holds) and what was missing is
   * broadcast like any change. Runs once at a time; a request meanwhile runs it again after.
   */
  private async catchUp(live: LiveDocument): Promise<void> {
    if (this.documents.get(live.target.name) !== live) return;
    if (!live.ready || live.catchUp !== 'none') {
      live.catchUp = 'again';
      return;
    }
    live.catchUp = 'running';
    try {
      const stored = await this.options.storage.load(live.target.name);
      if (this.documents.get(live.target.name) !== live) return;
      for (const [client, userId] of stored.owners) {
        if (!live.owners.has(client)) live.owners.set(client, userId);
      }
      live.doc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(live.doc, update);
      }, FAN_OUT_ORIGIN);
    } catch (error) {
      console.error(
        `[sync] rattrapage impossible de ${live.target.name} :`,
        (error as Error).message,
      );
    } finally {
      // Set to 'again' by a request made while this one awaited storage.
      const again = (live.catchUp as LiveDocument['catchUp']) === 'again';
      live.catchUp = 'none';
      if (again) void this.catchUp(live);
    }
  }

  private receive(live: LiveDocument, connection: Connection, data: Uint8Array): void {
    if (!this.takeToken(connection.user.id)) {
      this.closeConnection(connection, CloseCode.RATE_LIMITED, 'Trop de messages, reconnexion…');
      return;
    }
    const message = decodeMessage(data);
    if (message.kind === 'step1') {
      if (this.recheck(connection, live))
        this.send(connection, this.answerStep1(live, message.stateVector));
      return;
    }
    // Awareness is not relayed: presence comes from the server's own knowledge of sessions.
    if (message.kind !== 'update') return;
    this.receiveUpdate(live, connection, message.update);
  }

  /**
   * Rights are checked again, not only at connection time: a session can expire or be
   * revoked, a member leave a jury, an examiner a room, an invitation be revoked. A sign-out
   * closes the session's sockets at once (SessionStore.onRevoked); otherwise the session and
   * the user's right to the document are read again from storage when the session may have
   * expired, or after SESSION_RECHECK_MS, before a write or an answer, and every
   * RIGHTS_SWEEP_MS for every connection, so that one that only listens stops hearing too.
   * Closes the connection and returns false when the right is gone.
   */
  private recheck(
    connection: Connection,
    live: LiveDocument,
    maxAgeMs = SESSION_RECHECK_MS,
  ): boolean {
    const now = Date.now();
    if (now - connection.sessionCheckedAt < maxAgeMs && now < connection.sessionExpiresAt)
      return true;
    const valid = this.options.sessions.validate(connection.token);
    if (!valid) {
      this.closeConnection(connection, CloseCode.UNAUTHENTICATED, 'Session expirée');
      return false;
    }
    connection.sessionCheckedAt = now;
    connection.sessionExpiresAt = valid.expiresAt;
    connection.access = this.options.policy.access(connection.user, live.target);
    if (connection.access === 'none') {
      this.closeConnection(connection, CloseCode.FORBIDDEN, 'Accès à ce document retiré.');
      return false;
    }
    return true;
  }

  private answerStep1(live: LiveDocument, stateVector: Uint8Array): Uint8Array {
    const holdsNothing = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!holdsNothing) return encodeStep2(Y.encodeStateAsUpdate(live.doc, stateVector));
    live.wholeState ??= encodeStep2(Y.encodeStateAsUpdate(live.doc));
    return live.wholeState;
  }

  private receiveUpdate(live: LiveDocument, connection: Connection, update: Uint8Array): void {
    const { policy, stages } = this.options;
    const receivedAt = stages ? performance.now() : 0;
    if (update.byteLength > this.options.maxUpdateBytes) {
      this.refuse(live, connection, CloseCode.TOO_LARGE, 'Modification trop volumineuse.');
      return;
    }
    const decoded = decodeOrNull(update);
    if (!decoded) {
      this.refuse(live, connection, CloseCode.INVALID_UPDATE, 'Mise à jour illisible.');
      return;
    }
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return;
    // Charged before the work: an allowance spent by this update refuses the next message.
    this.spend(connection.user.id, Math.floor(decoded.structs.length / STRUCTS_PER_TOKEN));
    if (!this.recheck(connection, live)) return;
    const { user } = connection;
    if (connection.access !== 'write') {
      // A read-only connection receives the document; its updates are never applied.
      return;
    }
    if (this.lockedJuries.has(live.target.juryId) || policy.isLocked(live.target)) {
      this.refuse(live, connection, CloseCode.LOCKED, 'Le jury est verrouillé : saisie refusée.');
      return;
    }
    const authorship = checkAuthorship(
      decoded,
      (client) => Y.getState(live.doc.store, client),
      live.owners,
      user.id,
    );
    if (!authorship.ok) {
      this.refuse(live, connection, CloseCode.INVALID_UPDATE, authorship.message);
      return;
    }
    const verdict = policy.validate(user, live.target, live.doc, decoded, update);
    if (!verdict.ok && verdict.message === INCOMPLETE) {
      this.askToReconnect(live, connection);
      return;
    }
    if (!verdict.ok) {
      this.refuse(live, connection, CloseCode.INVALID_UPDATE, verdict.message);
      return;
    }
    const claims = authorship.claims.map((client) => ({ client, userId: user.id }));
    const item: BatchItem = { live, update, audit: [], claims, receivedAt };
    this.batch.push(item);
    live.uncommitted += 1;
    this.scheduleFlush();
    // Applied now so the next update of this batch is validated against it; its broadcast
    // waits in the outbox until the batch is committed. The audit rows are what Yjs changed.
    live.lastIntegrated = null;
    const changes = applyAndCollectChanges(live.doc, verdict.maps, update, connection);
    const integrated = live.lastIntegrated as Uint8Array | null;
    live.lastIntegrated = null;
    if (hasPendingStructures(live.doc)) {
      // Validation lets no incomplete update through; should one pass, its structures would
      // wait inside Yjs unchecked. The copy is dropped and reloaded from SQLite.
      console.error(`[sync] structures en attente après validation sur ${live.target.name}`);
      this.batch.splice(this.batch.indexOf(item), 1);
      this.askToReconnect(live, connection);
      this.abandon(new Set([live]));
      return;
    }
    if (integrated === null) {
      // Everything in it was already held: nothing to store, nobody to tell.
      this.batch.splice(this.batch.indexOf(item), 1);
      live.uncommitted -= 1;
      return;
    }
    // What Yjs integrated, not the bytes received: an item the server holds, sent again with
    // other content, is skipped by Yjs here but would be taken by a process that did not hold
    // it yet when the update reached it, or by a replay in another order.
    item.update = integrated;
    for (const claim of claims) live.owners.set(claim.client, claim.userId);
    item.audit = verdict.describe(changes).map((event) => ({
      ...event,
      userId: user.id,
      role: user.role,
    }));
  }

  /**
   * The batch is written on the next turn of the event loop, or, while COMMITS_IN_FLIGHT
   * commits are being made durable, as soon as one is: what arrives meanwhile shares the
   * next transaction.
   */
  private scheduleFlush(): void {
    if (
      this.flushScheduled ||
      this.commits.size >= COMMITS_IN_FLIGHT ||
      (this.batch.length === 0 && this.setAside.length === 0)
    )
      return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.commits.size < COMMITS_IN_FLIGHT) this.flush();
    });
  }

  /** Writes the batch; once it is durable, releases every message held meanwhile. */
  private flush(): void {
    const { batch } = this;
    const setAside = [...this.setAsideAgain, ...this.setAside];
    this.batch = [];
    this.setAside = [];
    if (batch.length === 0 && setAside.length === 0) return;
    this.setAsideAgain = [];
    const { stages } = this.options;
    const flushedAt = stages ? performance.now() : 0;
    const stored = this.options.storage.commit(
      batch.map((item) => ({
        document: item.live.target.name,
        juryId: item.live.target.juryId,
        update: item.update,
        claims: item.claims,
        audit: item.audit,
      })),
      setAside,
    );
    // The storage wrote the batch before returning its promise (on SQLite, on this loop).
    const writtenAt = stages ? performance.now() : 0;
    const commit = stored
      .then(
        (refused) => {
          // A lock committed meanwhile (on any process): those updates were not stored.
          const lost = batch.filter((item) => refused.has(item.live.target.name));
          if (lost.length > 0)
            this.abandon(
              new Set(lost.map((item) => item.live)),
              CloseCode.LOCKED,
              'Le jury est verrouillé : saisie refusée.',
            );
          if (stages) {
            const releasedAt = performance.now();
            for (const { receivedAt } of batch)
              stages.record({ receivedAt, flushedAt, writtenAt, releasedAt });
          }
          this.release(batch);
          this.publish(batch.filter((item) => !refused.has(item.live.target.name)));
        },
        (error: unknown) => {
          console.error('[sync] enregistrement impossible :', (error as Error).message);
          this.abandon(new Set(batch.map((item) => item.live)));
          this.release(batch);
          this.setAsideAgain.push(...setAside);
        },
      )
      .finally(() => {
        this.commits.delete(commit);
        this.scheduleFlush();
      });
    this.commits.add(commit);
  }

  private release(batch: readonly BatchItem[]): void {
    for (const item of batch) item.live.uncommitted -= 1;
    const documents = new Set(batch.map((item) => item.live));
    for (const live of documents) {
      if (live.uncommitted > 0) continue;
      const outbox = [...live.outbox];
      live.outbox.clear();
      for (const [connection, messages] of outbox) {
        for (const message of messages) this.sendNow(connection, message);
      }
    }
    for (const live of documents) {
      live.updatesSinceCompaction += batch.filter((item) => item.live === live).length;
      if (
        live.updatesSinceCompaction >= this.options.compactAfterUpdates &&
        this.documents.get(live.target.name) === live
      )
        this.compact(live);
    }
  }

  /** Once committed and broadcast here, the batch's updates go to the other processes. */
  private publish(batch: readonly BatchItem[]): void {
    const { fanOut } = this.options;
    if (!fanOut) return;
    for (const item of batch)
      fanOut.publish(item.live.target.name, { update: item.update, claims: item.claims });
  }

  /**
   * The batch could not be stored: its updates live only in memory. Those documents are
   * dropped and their clients disconnected without hearing anything of the batch; on
   * reconnection they offer their changes again to a copy reloaded from SQLite.
   */
  private abandon(
    documents: Set<LiveDocument>,
    code = 1011,
    message = 'Enregistrement impossible, reconnexion…',
  ): void {
    for (const live of documents) {
      this.forget(live);
      live.outbox.clear();
      for (const connection of live.connections) this.closeConnection(connection, code, message);
      live.doc.destroy();
    }
  }

  private refuse(live: LiveDocument, connection: Connection, code: number, message: string): void {
    if (connection.closing) return;
    const why = STRUCTURAL_REFUSALS.has(message) ? ` : ${message}` : '';
    console.warn(`[sync] modification refusée (${code}) sur ${live.target.name}${why}`);
    this.options.onRefused?.(connection.user.id, live.target.name, code, message);
    this.closeConnection(connection, code, message);
  }

  /**
   * An update builds on changes this process does not hold. An honest client sends one when it
   * types while its reconnection's exchange is still under way, or when the process that held
   * its earlier changes died before passing them on: not a refusal, which would make it drop
   * its copy and the marks typed offline with it. The connection closes without being applied
   * or acknowledged; the client reconnects with its whole copy, and the exchange delivers the
   * missing changes with this one, each validated as any other.
   */
  private askToReconnect(live: LiveDocument, connection: Connection): void {
    if (connection.closing) return;
    console.warn(`[sync] mise à jour incomplète sur ${live.target.name} : reconnexion demandée`);
    this.closeConnection(connection, CloseCode.INCOMPLETE_UPDATE, INCOMPLETE);
  }

  /** Closes once; whatever the connection had already sent is then ignored. */
  private closeConnection(connection: Connection, code: number, message: string): void {
    if (connection.closing) return;
    connection.closing = true;
    connection.ws.close(code, closeReason(message));
  }

  /** Holds a refused reconnection open, without an answer, for `ms` (MAX_HELD_REFUSALS). */
  private holdRefused(socket: Duplex, ms: number): void {
    if (this.heldRefusals.size >= MAX_HELD_REFUSALS) {
      socket.destroy();
      return;
    }
    this.heldRefusals.add(socket);
    const timer = setTimeout(() => socket.destroy(), Math.min(ms, MAX_HOLD_MS));
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      this.heldRefusals.delete(socket);
    });
  }

  /** Remembers a token refused for its allowance until the allowance lets a connection in. */
  private refuseToken(token: string, allowance: Allowance, now: number): void {
    if (this.refusedTokens.size >= MAX_REFUSED_TOKENS) this.refusedTokens.clear();
    const missing = ALLOWANCE_TO_CONNECT - tokensAt(allowance, now);
    this.refusedTokens.set(token, now + Math.max(1, (missing / REFILL_PER_SECOND) * 1000));
  }

  /** Takes `tokens` more from a user's allowance, below zero if need be (STRUCTS_PER_TOKEN). */
  private spend(userId: string, tokens: number): void {
    if (tokens <= 0) return;
    this.chargeAllowance(userId, tokens);
    this.options.allowanceLedger?.spent(userId, tokens);
  }

  /** One message from this user, if their allowance (shared by all their connections) has one. */
  private takeToken(userId: string): boolean {
    const now = Date.now();
    const allowance = this.allowances.get(userId) ?? { tokens: BUCKET_SIZE, lastRefill: now };
    allowance.tokens = Math.min(BUCKET_SIZE, tokensAt(allowance, now));
    allowance.lastRefill = now;
    this.allowances.set(userId, allowance);
    if (allowance.tokens < 1) return false;
    allowance.tokens -= 1;
    this.options.allowanceLedger?.spent(userId);
    return true;
  }

  /**
   * Charges a user's allowance with what they spent on the other processes (shared-allowance.ts),
   * down to one bucket's worth of debt: a flood through several processes refills no faster
   * than through one.
   */
  chargeAllowance(userId: string, tokens: number): void {
    if (tokens <= 0) return;
    const now = Date.now();
    const allowance = this.allowances.get(userId) ?? { tokens: BUCKET_SIZE, lastRefill: now };
    allowance.tokens = Math.max(
      -BUCKET_SIZE,
      Math.min(BUCKET_SIZE, tokensAt(allowance, now)) - tokens,
    );
    allowance.lastRefill = now;
    this.allowances.set(userId, allowance);
  }

  /** Refused reconnections held open now (tests, diagnostics). */
  heldRefusalCount(): number {
    return this.heldRefusals.size;
  }

  /** What a user's allowance holds now (tests, diagnostics). */
  allowanceLeft(userId: string): number {
    const allowance = this.allowances.get(userId);
    return allowance ? Math.min(BUCKET_SIZE, tokensAt(allowance, Date.now())) : BUCKET_SIZE;
  }

  private broadcast(live: LiveDocument, update: Uint8Array): void {
    const message = encodeUpdate(update);
    for (const connection of live.connections) this.send(connection, message);
  }

  private send(connection: Connection, message: Uint8Array): void {
    const { outbox } = connection.live;
    if (connection.live.uncommitted > 0) {
      const held = outbox.get(connection);
      if (held) held.push(message);
      else outbox.set(connection, [message]);
      return;
    }
    this.sendNow(connection, message);
  }

  private sendNow(connection: Connection, message: Uint8Array): void {
    const { ws } = connection;
    if (ws.readyState !== WebSocket.OPEN) return;
    // A client that never reads must not make the server hold its messages forever.
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    ws.send(message, { binary: true });
  }

  /** Reads again the rights of every connection not checked for `maxAgeMs` (tests: 0). */
  sweepRights(maxAgeMs = RIGHTS_SWEEP_MS): void {
    this.recheckConnections(maxAgeMs);
  }

  /**
   * Reads again the rights of the open connections that `only` names, not checked for
   * `maxAgeMs`; a storage error is logged, never thrown to the caller (a timer, or a route
   * whose change is already committed).
   */
  private recheckConnections(
    maxAgeMs: number,
    only: (connection: Connection) => boolean = () => true,
  ): void {
    for (const live of this.documents.values()) {
      for (const connection of [...live.connections]) {
        if (connection.closing || !only(connection)) continue;
        try {
          this.recheck(connection, live, maxAgeMs);
        } catch (error) {
          console.error('[sync] vérification des droits impossible :', (error as Error).message);
        }
      }
    }
  }

  private ping(): void {
    // Allowances that have refilled are forgotten: a fresh one is the same.
    const now = Date.now();
    for (const [token, until] of this.refusedTokens) {
      if (until <= now) this.refusedTokens.delete(token);
    }
    for (const [userId, allowance] of this.allowances) {
      if (tokensAt(allowance, now) >= BUCKET_SIZE) this.allowances.delete(userId);
    }
    for (const live of this.documents.values()) {
      for (const connection of live.connections) {
        if (!connection.alive) {
          connection.ws.terminate();
          continue;
        }
        connection.alive = false;
        connection.ws.ping();
      }
    }
  }

  /** Who has which document open, for presence. */
  connectedUsers(): { user: SessionUser; target: DocumentTarget }[] {
    const list: { user: SessionUser; target: DocumentTarget }[] = [];
    for (const live of this.documents.values()) {
      for (const connection of live.connections)
        list.push({ user: connection.user, target: live.target });
    }
    return list;
  }

  /**
   * Writes the pending batch now, with its audit rows; its messages are released once it is
   * durable. The lock calls it so that every update accepted before it is stored before its
   * own row (the SQLite storage's rows are readable as soon as the write returns).
   */
  commitPending(): void {
    this.flush();
  }

  /**
   * The state of the server's copy of a document (read from storage when not open). With
   * other processes (fan-out), the copy may lack what they committed and this process has not
   * received yet (in flight, or lost in a Redis outage): what storage holds is merged in, so
   * that the lock and the checks built on it read every committed update.
   */
  documentState(target: DocumentTarget): Uint8Array {
    const live = this.documents.get(target.name);
    if (!live?.ready) return this.options.storage.readState(target.name);
    const state = Y.encodeStateAsUpdate(live.doc);
    if (!this.options.fanOut) return state;
    return Y.mergeUpdates([state, this.options.storage.readState(target.name)]);
  }

  /**
   * What storage holds of a document, committed by any process: the lock builds the record
   * from it after `commitPending`, not from this process's copy.
   */
  storedState(target: DocumentTarget): Uint8Array {
    return this.options.storage.readState(target.name);
  }

  /** Stores what is pending, waits until it is durable, and closes every connection. */
  async close(): Promise<void> {
    clearInterval(this.keepalive);
    clearInterval(this.rightsSweep);
    for (const socket of this.heldRefusals) socket.destroy();
    this.flush();
    await Promise.all([...this.commits]);
    for (const name of this.documents.keys()) this.options.fanOut?.unfollow(name);
    for (const live of this.documents.values()) {
      for (const connection of live.connections)
        connection.ws.close(CloseCode.GOING_AWAY, 'Arrêt du serveur');
      if (live.unloadTimer) clearTimeout(live.unloadTimer);
      live.doc.destroy();
    }
    this.documents.clear();
    this.wss.close();
    this.options.stages?.close();
  }
}
