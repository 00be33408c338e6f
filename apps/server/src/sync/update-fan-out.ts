import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RedisLink } from '../cluster/redis-link.js';

/** Yjs client ids an update is the first to write under, and their owner. */
export type Claims = readonly { client: number; userId: string }[];

/** An update another process accepted and committed. */
export interface CommittedUpdate {
  update: Uint8Array;
  claims: Claims;
}

/**
 * How the sync endpoint shares committed updates with the other processes that hold the
 * same documents (DELIB_REDIS_URL; without it there is none). At most once: a follower that
 * may have missed updates (an outage) is told through `caughtUp` so it reads the document
 * again from storage.
 */
export interface UpdateFanOut {
  /** An update of this process, once committed (durable) and broadcast here. */
  publish(document: string, committed: CommittedUpdate): void;
  /**
   * Receives the other processes' updates of a document. `mayHaveMissed` is called once the
   * subscription holds (what was committed before may not have been seen), and again after
   * every outage.
   */
  follow(
    document: string,
    onUpdate: (committed: CommittedUpdate) => void,
    mayHaveMissed: () => void,
  ): void;
  unfollow(document: string): void;
  close(): Promise<void>;
}

export const documentChannel = (document: string): string => `delib:doc:${document}`;

/**
 * Payload: the publishing process's id (a process ignores its own), the claims, the update
 * bytes, encoded with lib0 as Yjs itself is.
 */
function encodePayload(origin: string, committed: CommittedUpdate): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, origin);
  encoding.writeVarUint(encoder, committed.claims.length);
  for (const claim of committed.claims) {
    encoding.writeVarUint(encoder, claim.client);
    encoding.writeVarString(encoder, claim.userId);
  }
  encoding.writeVarUint8Array(encoder, committed.update);
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodePayload(payload: Buffer): { origin: string; committed: CommittedUpdate } {
  const decoder = decoding.createDecoder(new Uint8Array(payload));
  const origin = decoding.readVarString(decoder);
  const count = decoding.readVarUint(decoder);
  const claims: { client: number; userId: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    claims.push({ client: decoding.readVarUint(decoder), userId: decoding.readVarString(decoder) });
  }
  return { origin, committed: { claims, update: decoding.readVarUint8Array(decoder) } };
}

/** The fan-out through Redis pub/sub: one channel per document. */
export class RedisUpdateFanOut implements UpdateFanOut {
  private readonly followed = new Map<string, () => void>();

  constructor(private readonly link: RedisLink) {
    link.onResumed(() => {
      for (const mayHaveMissed of this.followed.values()) mayHaveMissed();
    });
  }

  publish(document: string, committed: CommittedUpdate): void {
    this.link.publish(documentChannel(document), encodePayload(this.link.processId, committed));
  }

  follow(
    document: string,
    onUpdate: (committed: CommittedUpdate) => void,
    mayHaveMissed: () => void,
  ): void {
    this.followed.set(document, mayHaveMissed);
    this.link.subscribe(
      documentChannel(document),
      (payload) => {
        const { origin, committed } = decodePayload(payload);
        if (origin !== this.link.processId) onUpdate(committed);
      },
      () => {
        if (this.followed.get(document) === mayHaveMissed) mayHaveMissed();
      },
    );
  }

  unfollow(document: string): void {
    this.followed.delete(document);
    this.link.unsubscribe(documentChannel(document));
  }

  close(): Promise<void> {
    this.followed.clear();
    return Promise.resolve();
  }
}
