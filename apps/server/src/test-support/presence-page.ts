import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  PassagesChangedEvent,
  PresenceEntry,
  ServerToClientEvents,
} from '@delib/protocol';

export type PresenceClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A page's socket.io connection and what it heard. */
export interface PresencePage {
  socket: PresenceClient;
  /** Each `presence:update` list, in order. */
  updates: PresenceEntry[][];
  /** Each `passages:changed` event, in order. */
  passages: PassagesChangedEvent[];
  /** Why the server ended the connection, once it did. */
  disconnected: string | null;
  /** The answer to the page's `presence:watch` or `presence:room`. */
  answer: { ok: boolean };
}

/**
 * Opens a page's socket.io connection as the browser does (session cookie, same Origin, no
 * reconnection), watching a jury's board or announcing an examiner's room; `opened` collects
 * the sockets for the test to close.
 */
export async function openPresencePage(
  server: { url: string; origin: string },
  cookie: string,
  subject: { jury: number } | { room: number },
  opened: PresenceClient[],
): Promise<PresencePage> {
  const socket: PresenceClient = io(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie, origin: server.origin },
  });
  opened.push(socket);
  const page: PresencePage = {
    socket,
    updates: [],
    passages: [],
    disconnected: null,
    answer: { ok: false },
  };
  socket.on('presence:update', (_juryId, people) => page.updates.push(people));
  socket.on('passages:changed', (event) => page.passages.push(event));
  socket.on('disconnect', (reason) => (page.disconnected = reason));
  page.answer = await new Promise<{ ok: boolean }>((resolve) => {
    if ('jury' in subject) socket.emit('presence:watch', subject.jury, resolve);
    else socket.emit('presence:room', subject.room, resolve);
  });
  return page;
}
