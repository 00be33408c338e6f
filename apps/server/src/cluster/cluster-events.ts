import type { RedisLink } from './redis-link.js';

const EVENTS_CHANNEL = 'delib:events';

/** What one process tells the others at once, beyond the documents' updates. */
export type ClusterEvent =
  | { kind: 'jury-locked'; juryId: number }
  | { kind: 'session-revoked'; sessionId: string }
  /** A member left a jury or an examiner a room: their open connections are read again. */
  | { kind: 'rights-changed'; userId: string }
  /** Who passes in those rooms changed: the cells they may write are read again. */
  | { kind: 'passages-changed'; commissionIds: number[] };

/**
 * Events between processes (DELIB_REDIS_URL): a process announces what it committed, the
 * others apply the same handling as for their own (sync-endpoint.ts: a locked jury's writes
 * refused, a revoked session's connections closed). Pub/sub is at most once; these events
 * make the refusal prompt, storage stays the authority (the lock and the sessions are rows
 * every process reads again).
 */
export class ClusterEvents {
  private readonly listeners: ((event: ClusterEvent) => void)[] = [];

  constructor(private readonly link: RedisLink) {
    link.subscribe(EVENTS_CHANNEL, (payload) => {
      const message = JSON.parse(payload.toString()) as { origin: string; event: ClusterEvent };
      if (message.origin === link.processId) return;
      for (const listener of this.listeners) listener(message.event);
    });
  }

  announce(event: ClusterEvent): void {
    this.link.publish(
      EVENTS_CHANNEL,
      Buffer.from(JSON.stringify({ origin: this.link.processId, event })),
    );
  }

  /** Told of the other processes' events (never of this process's own). */
  onEvent(listener: (event: ClusterEvent) => void): void {
    this.listeners.push(listener);
  }
}
