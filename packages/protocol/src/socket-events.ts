import type { Role } from './roles.js';

/** One connected person, as the president's board shows them. */
export interface PresenceEntry {
  userId: string;
  name: string;
  role: Role;
  /** The oral room the person has open, if any. */
  commissionId: number | null;
  commissionName: string | null;
  /** Number of open tabs or devices. */
  connections: number;
}

export interface JuryLockedEvent {
  juryId: number;
  lockedAt: string;
}

export interface UpdateRefusedEvent {
  document: string;
  code: string;
  message: string;
}

export type Ack<T> = (
  answer: { ok: true; value: T } | { ok: false; code: string; message: string },
) => void;

/** Events the server sends. */
export interface ServerToClientEvents {
  'presence:update': (juryId: number, people: PresenceEntry[]) => void;
  'jury:locked': (event: JuryLockedEvent) => void;
  'sync:refused': (event: UpdateRefusedEvent) => void;
}

/** Events the client sends; every one is checked against the session's rights. */
export interface ClientToServerEvents {
  /** An examiner announces the room they have open (null: none). */
  'presence:room': (commissionId: number | null, ack: Ack<null>) => void;
  /** A jury member or president subscribes to the jury's presence list. */
  'presence:watch': (juryId: number, ack: Ack<PresenceEntry[]>) => void;
}
