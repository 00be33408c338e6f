import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import { CloseCode, ErrorCode } from '@delib/protocol';
import type {
  ClientToServerEvents,
  JuryLockedEvent,
  PassagesChangedEvent,
  PresenceEntry,
  ServerToClientEvents,
  SessionUser,
} from '@delib/protocol';
import { originAllowed, sessionToken } from '../auth/request-identity.js';
import { securityHeadersFor } from '../http/security-headers.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { RedisLink } from '../cluster/redis-link.js';

interface SocketData {
  user: SessionUser;
  /** The session's id: a sign-out closes its sockets (SessionStore.onRevoked). */
  sessionId: string;
  commissionId: number | null;
  commissionName: string | null;
  /** The jury the socket belongs to (as a room's examiner or as a watcher). */
  juryId: number | null;
}

type PresenceSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * Live socket.io connections of one user on this process. A person has a page or two per
 * device and a few tabs; each connection costs the server a share of every presence list it
 * sends, and one account opening a thousand made the list quadratic (1000 sockets watching one
 * jury: 500,500 packets, /api/health answering in up to 9.8 s). Beyond this many, the
 * handshake is refused (connect_error); the count is live, so a closed tab frees its place.
 */
export const MAX_SOCKETS_PER_USER = 16;
/**
 * A jury's presence list is published at most this often: the watches, room announcements and
 * disconnections in between are answered and sent together, once, and only if the list changed.
 */
export const PUBLISH_EVERY_MS = 100;
/**
 * Every socket's session and rights are read again this often (SyncEndpoint's RIGHTS_SWEEP_MS):
 * a session that expired, or a right lost without the event that says so, stops the hearing.
 */
export const PRESENCE_SWEEP_MS = 10_000;
const TOO_MANY_SOCKETS = `Trop de connexions ouvertes pour ce compte (${MAX_SOCKETS_PER_USER} au plus) : fermez des onglets, puis rechargez la page.`;

const juryRoom = (juryId: number): string => `jury:${juryId}`;
const userRoom = (userId: string): string => `user:${userId}`;
const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
/** The pages following a jury's board (its president, members, administrators). */
const boardRoom = (juryId: number): string => `board:${juryId}`;
/** The pages of one oral room's examiners. */
const examinersRoom = (commissionId: number): string => `examiners:${commissionId}`;

/** What is waiting for a jury's next publication. */
interface Publication {
  timer: NodeJS.Timeout | null;
  /** A publication is being computed: what arrives meanwhile waits for the next one. */
  running: boolean;
  /** The list may have changed since it was last sent to the jury's sockets. */
  changed: boolean;
  /** Watches waiting for the list, answered by the next publication. */
  answers: ((people: PresenceEntry[]) => void)[];
}

/**
 * socket.io: who is connected and in which room, and the server's announcements (a lock, a
 * refused update). The handshake authenticates with the session cookie, checks the Origin
 * and refuses a user's connections beyond MAX_SOCKETS_PER_USER; every event checks the user's
 * rights on the jury or room it names. A sign-out closes the session's sockets, a lost right
 * takes a socket out of the jury or room it may no longer follow (sessionRevoked,
 * rightsChanged, and sweepRights every PRESENCE_SWEEP_MS). A jury's presence list is
 * published at most every PUBLISH_EVERY_MS, and only when it changed, to the pages following its
 * board: an examiner's room lists everyone connected but hears only what concerns the room
 * (the lock, its passages, its refusals), not the names, roles and rooms of the whole jury.
 */
export class PresenceHub {
  readonly io: Server<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >;
  /** The socket.io adapter's own subscriber connection, with DELIB_REDIS_URL. */
  private readonly adapterSubscriber: Redis | null = null;
  private readonly publications = new Map<number, Publication>();
  /**
   * Each local socket's session token, to read its session again. Kept here, not in
   * `socket.data`, which the Redis adapter ships to the other processes (fetchSockets).
   */
  private readonly tokens = new WeakMap<PresenceSocket, string>();
  /**
   * The list last sent to each jury's sockets, alone (JSON): an unchanged list is not sent
   * again. With several processes the others send lists too, so each change is sent.
   */
  private readonly lastPublished = new Map<number, string>();
  private readonly clustered: boolean;
  private readonly rightsSweep: NodeJS.Timeout;
  private closed = false;

  /**
   * With a Redis link (DELIB_REDIS_URL), rooms span every process through
   * `@socket.io/redis-adapter`: announcements and presence reach sockets held elsewhere.
   */
  constructor(
    httpServer: HttpServer,
    private readonly sessions: SessionStore,
    private readonly exams: ExamRepository,
    allowedOrigins: readonly string[],
    link: RedisLink | null = null,
  ) {
    this.clustered = link !== null;
    this.io = new Server(httpServer, {
      // The Yjs endpoint shares the HTTP server: leave its upgrade requests alone.
      destroyUpgrade: false,
      serveClient: false,
      maxHttpBufferSize: 16 * 1024,
      allowRequest: (request, callback) => {
        if (!originAllowed(request, allowedOrigins, true)) callback('Origine non autorisée', false);
        else callback(null, true);
      },
    });
    if (link) {
      const { publisher, subscriber } = link.socketIoClients();
      this.adapterSubscriber = subscriber;
      this.io.adapter(createAdapter(publisher, subscriber, { requestsTimeout: 2_000 }));
    }
    // Polling answers bypass express: give them the headers every answer carries.
    this.io.engine.on('headers', (headers: Record<string, string>) => {
      Object.assign(headers, securityHeadersFor('/socket.io/'));
    });
    this.io.use((socket, next) => {
      const token = sessionToken(socket.request) ?? '';
      let session: ReturnType<SessionStore['validate']>;
      try {
        session = sessions.validate(token);
      } catch (error) {
        console.error('[presence] session illisible :', (error as Error).message);
        next(new Error('Erreur du serveur'));
        return;
      }
      if (!session) {
        const error = new Error('Session absente ou expirée') as Error & { data: unknown };
        error.data = { code: ErrorCode.UNAUTHENTICATED, closeCode: CloseCode.UNAUTHENTICATED };
        next(error);
        return;
      }
      const user = session.user;
      if (this.localCount(userRoom(user.id)) >= MAX_SOCKETS_PER_USER) {
        const error = new Error(TOO_MANY_SOCKETS) as Error & { data: unknown };
        error.data = { code: ErrorCode.RATE_LIMITED, closeCode: CloseCode.RATE_LIMITED };
        next(error);
        return;
      }
      this.tokens.set(socket, token);
      socket.data = {
        user,
        sessionId: session.id,
        commissionId: null,
        commissionName: null,
        juryId: null,
      };
      // Joined before the handshake ends, so that handshakes under way count too; socket.io
      // takes the socket out of its rooms however it ends (closed early, refused, disconnected).
      void socket.join([userRoom(user.id), sessionRoom(session.id)]);
      next();
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    sessions.onRevoked((sessionId) => this.sessionRevoked(sessionId));
    this.rightsSweep = setInterval(() => this.sweepRights(), PRESENCE_SWEEP_MS);
    this.rightsSweep.unref();
  }

  private onConnection(socket: PresenceSocket): void {
    socket.on(
      'presence:room',
      answerSafely('presence:room', (commissionId, ack) => {
        if (typeof ack !== 'function') return;
        if (!this.stillSignedIn(socket))
          return void ack({
            ok: false,
            code: ErrorCode.UNAUTHENTICATED,
            message: 'Session expirée.',
          });
        const before = { juryId: socket.data.juryId, commissionId: socket.data.commissionId };
        if (commissionId === null) {
          this.leaveCommission(socket);
        } else {
          const commission = Number.isInteger(commissionId)
            ? this.exams.commission(commissionId)
            : null;
          if (!commission || !this.exams.isExaminerOf(commission.id, socket.data.user.id)) {
            return void ack({
              ok: false,
              code: ErrorCode.FORBIDDEN,
              message: 'Vous n’êtes pas examinateur de cette salle.',
            });
          }
          // A socket follows one jury: announcing a room of another leaves the first.
          if (socket.data.juryId !== commission.juryId) this.leaveJury(socket);
          else if (socket.data.commissionId !== commission.id) this.leaveCommission(socket);
          socket.data.commissionId = commission.id;
          socket.data.commissionName = `${commission.name} (${commission.room})`;
          socket.data.juryId = commission.juryId;
          void socket.join([juryRoom(commission.juryId), examinersRoom(commission.id)]);
        }
        ack({ ok: true, value: null });
        const { juryId } = socket.data;
        if (juryId !== null && (before.juryId !== juryId || before.commissionId !== commissionId))
          this.requestPublication(juryId, true);
      }),
    );

    socket.on(
      'presence:watch',
      answerSafely('presence:watch', (juryId, ack) => {
        if (typeof ack !== 'function') return;
        if (!this.stillSignedIn(socket))
          return void ack({
            ok: false,
            code: ErrorCode.UNAUTHENTICATED,
            message: 'Session expirée.',
          });
        const jury = Number.isInteger(juryId) ? this.exams.jury(juryId) : null;
        if (!jury || !this.mayWatch(jury.id, socket.data.user)) {
          return void ack({
            ok: false,
            code: ErrorCode.FORBIDDEN,
            message: 'Vous ne faites pas partie de ce jury.',
          });
        }
        // Watching again the jury the socket already follows changes nobody's list.
        const arriving = socket.data.juryId !== jury.id;
        if (arriving) this.leaveJury(socket);
        socket.data.juryId = jury.id;
        void socket.join([juryRoom(jury.id), boardRoom(jury.id)]);
        this.requestPublication(jury.id, arriving, (people) => ack({ ok: true, value: people }));
      }),
    );

    socket.on(
      'disconnect',
      answerSafely('disconnect', () => {
        if (socket.data.juryId !== null) this.requestPublication(socket.data.juryId, true);
      }),
    );
  }

  private stillSignedIn(socket: PresenceSocket): boolean {
    if (this.sessions.validate(this.tokens.get(socket))) return true;
    socket.disconnect(true);
    return false;
  }

  /** A jury's president and members follow its board, and the centre's administrators. */
  private mayWatch(juryId: number, user: SessionUser): boolean {
    return user.role === 'admin' || this.exams.juryRole(juryId, user.id) !== null;
  }

  /** The socket leaves the room it announced, if any (it stays in that room's jury). */
  private leaveCommission(socket: PresenceSocket): void {
    if (socket.data.commissionId !== null)
      void socket.leave(examinersRoom(socket.data.commissionId));
    socket.data.commissionId = null;
    socket.data.commissionName = null;
  }

  /** The socket leaves its jury (board and room included); the others see it gone. */
  private leaveJury(socket: PresenceSocket): void {
    const { juryId } = socket.data;
    if (juryId === null) return;
    this.leaveCommission(socket);
    void socket.leave(juryRoom(juryId));
    void socket.leave(boardRoom(juryId));
    socket.data.juryId = null;
    this.requestPublication(juryId, true);
  }

  /** How many of this process's sockets a room holds (handshakes under way included). */
  private localCount(room: string): number {
    return this.io.of('/').adapter.rooms.get(room)?.size ?? 0;
  }

  /** This process's connected sockets in a room. */
  private localSocketsIn(room: string): PresenceSocket[] {
    const namespace = this.io.of('/');
    const ids = namespace.adapter.rooms.get(room);
    if (!ids) return [];
    return [...ids].flatMap((id) => {
      const socket = namespace.sockets.get(id);
      return socket ? [socket] : [];
    });
  }

  /**
   * A session ended (sign-out, expiry seen, revoked invitation; here, or on another process
   * through Redis): its sockets are disconnected at once, and hear nothing more.
   */
  sessionRevoked(sessionId: string): void {
    for (const socket of this.localSocketsIn(sessionRoom(sessionId))) socket.disconnect(true);
  }

  /**
   * A user's rights changed (here, or on another process through Redis): a member left a jury,
   * an examiner a room. Their sockets are read again now and leave what they may no longer follow.
   */
  rightsChanged(userId: string): void {
    for (const socket of this.localSocketsIn(userRoom(userId))) {
      try {
        this.recheckRights(socket);
      } catch (error) {
        console.error('[presence] vérification des droits impossible :', (error as Error).message);
      }
    }
  }

  /**
   * Reads again every socket's session (one reading per session) and rights: a socket whose
   * session is gone is disconnected, one that lost its right leaves the jury or room.
   */
  sweepRights(): void {
    const signedIn = new Map<string, boolean>();
    const may = new Map<string, boolean>();
    for (const socket of [...this.io.of('/').sockets.values()]) {
      try {
        const { sessionId } = socket.data;
        let valid = signedIn.get(sessionId);
        if (valid === undefined) {
          valid = this.sessions.validate(this.tokens.get(socket)) !== null;
          signedIn.set(sessionId, valid);
        }
        if (!valid) socket.disconnect(true);
        else this.recheckRights(socket, may);
      } catch (error) {
        console.error('[presence] vérification des droits impossible :', (error as Error).message);
      }
    }
  }

  /**
   * A socket keeps its room while its user examines there, its board while they may watch
   * the jury, and the jury while it keeps either; what it lost, it leaves.
   */
  private recheckRights(socket: PresenceSocket, may = new Map<string, boolean>()): void {
    const { user, juryId, commissionId } = socket.data;
    if (juryId === null) return;
    const remembered = (key: string, read: () => boolean): boolean => {
      let answer = may.get(key);
      if (answer === undefined) {
        answer = read();
        may.set(key, answer);
      }
      return answer;
    };
    const examines =
      commissionId !== null &&
      remembered(`${user.id} examines ${commissionId}`, () =>
        this.exams.isExaminerOf(commissionId, user.id),
      );
    const watching = socket.rooms.has(boardRoom(juryId));
    const watches =
      watching && remembered(`${user.id} watches ${juryId}`, () => this.mayWatch(juryId, user));
    if (!examines && !watches) {
      this.leaveJury(socket);
      return;
    }
    if (commissionId !== null && !examines) {
      this.leaveCommission(socket);
      this.requestPublication(juryId, true);
    }
    if (watching && !watches) void socket.leave(boardRoom(juryId));
  }

  /**
   * Everyone connected to a jury, one entry per person, on every process (through the
   * adapter); should the other processes not answer (Redis away), those of this one.
   */
  async people(juryId: number): Promise<PresenceEntry[]> {
    let sockets: { data: SocketData }[];
    try {
      sockets = await this.io.in(juryRoom(juryId)).fetchSockets();
    } catch {
      sockets = [...this.io.of('/').sockets.values()];
    }
    const byUser = new Map<string, PresenceEntry>();
    for (const socket of sockets) {
      const data = socket.data;
      if (data.juryId !== juryId) continue;
      const entry = byUser.get(data.user.id);
      if (entry) {
        entry.connections += 1;
        if (entry.commissionId === null && data.commissionId !== null) {
          entry.commissionId = data.commissionId;
          entry.commissionName = data.commissionName;
        }
        continue;
      }
      byUser.set(data.user.id, {
        userId: data.user.id,
        name: data.user.name,
        role: data.user.role,
        commissionId: data.commissionId,
        commissionName: data.commissionName,
        connections: 1,
      });
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  /**
   * Asks for the jury's list: `changed` when this socket's arrival, move or departure may have
   * changed it (it is then sent to the jury's sockets), `answer` for a watch waiting for it.
   * Everything asked within PUBLISH_EVERY_MS is served by one computation of the list, and a
   * jury has one publication under way at a time.
   */
  private requestPublication(
    juryId: number,
    changed: boolean,
    answer?: (people: PresenceEntry[]) => void,
  ): void {
    if (this.closed) return;
    let publication = this.publications.get(juryId);
    if (!publication) {
      publication = { timer: null, running: false, changed: false, answers: [] };
      this.publications.set(juryId, publication);
    }
    publication.changed ||= changed;
    if (answer) publication.answers.push(answer);
    if (!publication.running)
      publication.timer ??= setTimeout(() => this.publish(juryId), PUBLISH_EVERY_MS);
  }

  private publish(juryId: number): void {
    const publication = this.publications.get(juryId);
    if (!publication || this.closed) return;
    publication.timer = null;
    publication.running = true;
    const { changed } = publication;
    const answers = publication.answers.splice(0);
    publication.changed = false;
    void this.people(juryId)
      .then((people) => {
        for (const answer of answers) answer(people);
        if (this.clustered) {
          if (changed) this.io.to(boardRoom(juryId)).emit('presence:update', juryId, people);
          return;
        }
        const list = JSON.stringify(people);
        if (this.lastPublished.get(juryId) === list) return;
        this.io.to(boardRoom(juryId)).emit('presence:update', juryId, people);
        if (people.length === 0) this.lastPublished.delete(juryId);
        else this.lastPublished.set(juryId, list);
      })
      .catch((error: unknown) => {
        console.error('[presence] liste des présents :', (error as Error).message);
      })
      .finally(() => {
        publication.running = false;
        if (this.closed) return;
        if (publication.changed || publication.answers.length > 0)
          publication.timer ??= setTimeout(() => this.publish(juryId), PUBLISH_EVERY_MS);
        else this.publications.delete(juryId);
      });
  }

  announceLock(event: JuryLockedEvent): void {
    this.io.to(juryRoom(event.juryId)).emit('jury:locked', event);
  }

  /**
   * Passages changed: the jury's board watchers and the examiners of the rooms named reload
   * their data. The event names only ids; whoever receives it reads what they may through HTTP.
   */
  announcePassagesChanged(event: PassagesChangedEvent): void {
    this.io
      .to([boardRoom(event.juryId), ...event.commissionIds.map(examinersRoom)])
      .emit('passages:changed', event);
  }

  announceRefusal(userId: string, document: string, code: number, message: string): void {
    this.io.to(userRoom(userId)).emit('sync:refused', { document, code: String(code), message });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.rightsSweep);
    for (const publication of this.publications.values())
      if (publication.timer) clearTimeout(publication.timer);
    this.publications.clear();
    await this.io.close().catch(() => undefined);
    // After the adapter's own unsubscriptions, which a disconnection would leave unanswered.
    const subscriber = this.adapterSubscriber;
    if (subscriber?.status === 'ready') await subscriber.quit().catch(() => undefined);
    subscriber?.disconnect();
  }
}

/**
 * Wraps a socket handler: an error is logged and, when the client asked for an answer,
 * answered; it never escapes to the process.
 */
function answerSafely<A extends unknown[]>(
  event: string,
  handler: (...args: A) => void,
): (...args: A) => void {
  return (...args: A) => {
    try {
      handler(...args);
    } catch (error) {
      console.error(`[presence] ${event} :`, (error as Error).message);
      const ack = args.at(-1);
      if (typeof ack === 'function')
        (ack as (answer: unknown) => void)({
          ok: false,
          code: ErrorCode.INTERNAL,
          message: 'Erreur du serveur.',
        });
    }
  };
}
