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

/**
 * The centre changed who passes in some rooms of a jury (a passage, a schedule import, a
 * candidate removed): the pages showing them load their data again.
 */
export interface PassagesChangedEvent {
  juryId: number;
  /** The rooms whose passages changed (empty when only the jury's candidates did). */
  commissionIds: number[];
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
  /** To the jury's board watchers only (president, members, admins): never to a room. */
  'presence:update': (juryId: number, people: PresenceEntry[]) => void;
  'jury:locked': (event: JuryLockedEvent) => void;
  'sync:refused': (event: UpdateRefusedEvent) => void;
  /** To the jury's board watchers and the examiners of the rooms named. */
  'passages:changed': (event: PassagesChangedEvent) => void;
}

/** Events the client sends; every one is checked against the session's rights. */
export interface ClientToServerEvents {
  /** An examiner announces the room they have open (null: none). */
  'presence:room': (commissionId: number | null, ack: Ack<null>) => void;
  /** A jury member or president subscribes to the jury's presence list. */
  'presence:watch': (juryId: number, ack: Ack<PresenceEntry[]>) => void;
}
