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
  token: string;
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

const juryRoom = (juryId: number): string => `jury:${juryId}`;
const userRoom = (userId: string): string => `user:${userId}`;
/** The pages following a jury's board (its president, members, administrators). */
const boardRoom = (juryId: number): string => `board:${juryId}`;
/** The pages of one oral room's examiners. */
const examinersRoom = (commissionId: number): string => `examiners:${commissionId}`;

/**
 * socket.io: who is connected and in which room, and the server's announcements (a lock, a
 * refused update). The handshake authenticates with the session cookie and checks the
 * Origin; every event checks the user's rights on the jury or room it names.
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
      socket.data = {
        user: session.user,
        token,
        commissionId: null,
        commissionName: null,
        juryId: null,
      };
      next();
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  private onConnection(socket: PresenceSocket): void {
    void socket.join(userRoom(socket.data.user.id));

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
        const previousJury = socket.data.juryId;
        if (commissionId === null) {
          if (socket.data.commissionId !== null)
            void socket.leave(examinersRoom(socket.data.commissionId));
          socket.data.commissionId = null;
          socket.data.commissionName = null;
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
          if (socket.data.commissionId !== null && socket.data.commissionId !== commission.id)
            void socket.leave(examinersRoom(socket.data.commissionId));
          socket.data.commissionId = commission.id;
          socket.data.commissionName = `${commission.name} (${commission.room})`;
          socket.data.juryId = commission.juryId;
          void socket.join(juryRoom(commission.juryId));
          void socket.join(examinersRoom(commission.id));
        }
        ack({ ok: true, value: null });
        if (previousJury !== null && previousJury !== socket.data.juryId)
          this.publish(previousJury);
        if (socket.data.juryId !== null) this.publish(socket.data.juryId);
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
        const user = socket.data.user;
        if (!jury || (this.exams.juryRole(jury.id, user.id) === null && user.role !== 'admin')) {
          return void ack({
            ok: false,
            code: ErrorCode.FORBIDDEN,
            message: 'Vous ne faites pas partie de ce jury.',
          });
        }
        socket.data.juryId = jury.id;
        void socket.join(juryRoom(jury.id));
        void socket.join(boardRoom(jury.id));
        void this.people(jury.id).then((people) => {
          ack({ ok: true, value: people });
          this.publish(jury.id);
        });
      }),
    );

    socket.on(
      'disconnect',
      answerSafely('disconnect', () => {
        if (socket.data.juryId !== null) this.publish(socket.data.juryId);
      }),
    );
  }

  private stillSignedIn(socket: PresenceSocket): boolean {
    if (this.sessions.validate(socket.data.token)) return true;
    socket.disconnect(true);
    return false;
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

  private publish(juryId: number): void {
    void this.people(juryId).then((people) => {
      this.io.to(juryRoom(juryId)).emit('presence:update', juryId, people);
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
