import type {
  ClientToServerEvents,
  JuryLockedEvent,
  PassagesChangedEvent,
  PresenceEntry,
  ServerToClientEvents,
  UpdateRefusedEvent,
} from '@delib/protocol';
import { io, type Socket } from 'socket.io-client';
import { presenceRefusal } from './presence-refusal.js';

type DelibSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface PresenceHandlers {
  /** The people connected to the watched jury (president and members only). */
  presence?(people: PresenceEntry[]): void;
  juryLocked?(event: JuryLockedEvent): void;
  syncRefused?(event: UpdateRefusedEvent): void;
  /** The centre changed who passes in the jury's rooms: load the page's data again. */
  passagesChanged?(event: PassagesChangedEvent): void;
  /** The socket.io connection went up or down; `problem` is French when it failed. */
  connection?(connected: boolean, problem: string | null): void;
}

export interface PresenceSubscription {
  close(): void;
}

/** What the page announces: the room it has open, or the jury it watches. */
export type PresenceSubject = { room: number } | { jury: number };

/**
 * socket.io on the same origin (the session cookie authenticates). The announcement is repeated
 * on every reconnection, since the server forgets a socket once it is gone.
 */
export function connectPresence(
  subject: PresenceSubject,
  handlers: PresenceHandlers,
): PresenceSubscription {
  const socket: DelibSocket = io({ withCredentials: true, transports: ['websocket', 'polling'] });

  socket.on('connect', () => {
    handlers.connection?.(true, null);
    if ('room' in subject) {
      socket.emit('presence:room', subject.room, (answer) => {
        if (!answer.ok) handlers.connection?.(true, answer.message);
      });
    } else {
      const juryId = subject.jury;
      socket.emit('presence:watch', juryId, (answer) => {
        if (answer.ok) handlers.presence?.(answer.value);
        else handlers.connection?.(true, answer.message);
      });
    }
  });
  socket.on('disconnect', () => handlers.connection?.(false, null));
  // A refused handshake is not retried by socket.io itself: the page does, waiting longer each time.
  let refusals = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  socket.on('connect', () => (refusals = 0));
  socket.on('connect_error', (error) => {
    const refusal = presenceRefusal(error as Error & { data?: unknown }, socket.active, refusals);
    handlers.connection?.(false, refusal.message);
    if (refusal.retryInMs === null) return;
    refusals += 1;
    if (retry !== null) clearTimeout(retry);
    retry = setTimeout(() => {
      retry = null;
      socket.connect();
    }, refusal.retryInMs);
  });
  socket.on('presence:update', (juryId, people) => {
    if ('jury' in subject && juryId === subject.jury) handlers.presence?.(people);
  });
  socket.on('jury:locked', (event) => handlers.juryLocked?.(event));
  socket.on('sync:refused', (event) => handlers.syncRefused?.(event));
  socket.on('passages:changed', (event) => handlers.passagesChanged?.(event));

  return {
    close() {
      if (retry !== null) clearTimeout(retry);
      // The server forgets the socket's room and watch when it disconnects.
      socket.disconnect();
    },
  };
}
