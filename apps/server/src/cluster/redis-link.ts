import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';

/** Reconnection delay after the n-th failed attempt: quick at first, then every 2 s. */
const retryStrategy = (attempt: number): number => Math.min(attempt * 100, 2_000);

/** Where a process whose publishes were dropped asks the others to catch up. */
const CATCH_UP_CHANNEL = 'delib:catch-up';

/**
 * This process's two connections to Redis (DELIB_REDIS_URL): one to publish and run
 * commands, one held in subscriber mode. Everything that crosses processes goes through
 * them: accepted updates, the lock and sign-out events, socket.io's adapter, the users'
 * shared allowance.
 *
 * An outage never ends the process nor holds a write: the publisher refuses commands at once
 * while disconnected (no offline queue, whose memory would grow for as long as Redis is
 * gone), callers drop what they could not send, and both connections retry forever. One
 * line is logged when Redis goes away and one when it is back. Pub/sub is at most once:
 * whoever missed messages is told to catch up (`onResumed`), when its own subscriber comes
 * back, or when another process could not publish during the outage and says so once its
 * publisher is back.
 */
export class RedisLink {
  /** Tells this process's messages from the others'. */
  readonly processId = randomUUID();
  readonly publisher: Redis;
  readonly subscriber: Redis;
  private readonly handlers = new Map<string, (payload: Buffer) => void>();
  private readonly resumedListeners: (() => void)[] = [];
  private down = false;
  private subscriberWasReady = false;
  /** A publish was dropped: the others are asked to catch up when the publisher is back. */
  private dropped = false;
  private closed = false;

  constructor(url: string) {
    const common: RedisOptions = { retryStrategy, connectionName: 'delib' };
    this.publisher = new Redis(url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
    });
    // The subscriber queues its (un)subscriptions while disconnected and replays them, with
    // every channel it held, on reconnection.
    this.subscriber = new Redis(url, { ...common, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.wentDown(error));
      client.on('close', () => this.wentDown(null));
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
      const handler = this.handlers.get(channel.toString());
      if (!handler) return;
      try {
        handler(payload);
      } catch (error) {
        console.error('[redis] message illisible :', (error as Error).message);
      }
    });
    this.subscriber.on('ready', () => {
      this.cameBack();
      if (this.subscriberWasReady) this.resumed();
      this.subscriberWasReady = true;
    });
    this.publisher.on('ready', () => {
      this.cameBack();
      if (this.dropped) {
        this.dropped = false;
        this.publish(CATCH_UP_CHANNEL, Buffer.from(this.processId));
      }
    });
    this.handlers.set(CATCH_UP_CHANNEL, (payload) => {
      if (payload.toString() !== this.processId) this.resumed();
    });
    this.subscriber.subscribe(CATCH_UP_CHANNEL).catch(() => undefined);
  }

  /** Sends a message, or drops it when Redis is unreachable (the others will catch up). */
  publish(channel: string, payload: Buffer): void {
    if (this.publisher.status !== 'ready') {
      this.dropped = true;
      return;
    }
    this.publisher.publish(channel, payload).catch(() => {
      this.dropped = true;
    });
  }

  /**
   * The connections for `@socket.io/redis-adapter`, seen through wrappers whose `publish` and
   * (un)subscriptions never reject: the adapter does not catch them, and with Redis away (or
   * at shutdown, when queued commands are dropped with "Connection is closed") an unhandled
   * rejection would end the process. An announcement is then only lost, as pub/sub may lose
   * it anyway; the subscriber replays its subscriptions when Redis is back.
   */
  socketIoClients(): { publisher: Redis; subscriber: Redis } {
    const subscriber = this.subscriber.duplicate();
    subscriber.on('error', () => undefined); // an outage is logged once, by the link
    return {
      publisher: neverRejecting(this.publisher, ['publish']),
      subscriber: neverRejecting(subscriber, [
        'subscribe',
        'psubscribe',
        'unsubscribe',
        'punsubscribe',
      ]),
    };
  }

  /** Receives the messages of a channel (one handler per channel). */
  subscribe(channel: string, handler: (payload: Buffer) => void, subscribed?: () => void): void {
    this.handlers.set(channel, handler);
    this.subscriber.subscribe(channel).then(
      () => subscribed?.(),
      () => undefined,
    );
  }

  unsubscribe(channel: string): void {
    if (!this.handlers.delete(channel)) return;
    this.subscriber.unsubscribe(channel).catch(() => undefined);
  }

  /** Told when messages may have been missed: whoever keeps state from them reads it again. */
  onResumed(listener: () => void): void {
    this.resumedListeners.push(listener);
  }

  private resumed(): void {
    for (const listener of this.resumedListeners) listener();
  }

  private wentDown(error: Error | null): void {
    if (this.down || this.closed) return;
    this.down = true;
    const why = error ? ` (${error.message})` : '';
    console.warn(
      `[redis] connexion perdue${why} : les écritures continuent ici, les autres processus les rattraperont à son retour`,
    );
  }

  private cameBack(): void {
    if (!this.down) return;
    this.down = false;
    console.warn('[redis] connexion rétablie');
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [this.publisher, this.subscriber].map(async (client) => {
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }),
    );
  }
}

/** A client whose listed commands resolve to 0 instead of rejecting; the rest as they are. */
function neverRejecting(client: Redis, commands: readonly string[]): Redis {
  const quiet = new Set(commands);
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof property !== 'string' || !quiet.has(property)) return bound;
      return (...args: unknown[]) => (bound(...args) as Promise<unknown>).catch(() => 0);
    },
  });
}
