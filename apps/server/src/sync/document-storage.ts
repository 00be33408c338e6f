import type { AuditEvent } from '../audit/audit-trail.js';

/** An accepted update, with the audit rows of what it changed and the client ids it claims. */
export interface UpdateToStore {
  document: string;
  /** The jury the document belongs to: its lock is checked inside the commit. */
  juryId: number;
  update: Uint8Array;
  /** Yjs client ids this update is the first to write under, and their owner. */
  claims: readonly { client: number; userId: string }[];
  audit: readonly AuditEvent[];
}

/**
 * A value audited as entered that a concurrent value, accepted by another process, overruled
 * (validate-update.ts, valuesOverruledElsewhere). Its row is appended only while the trail of
 * its cell still ends on the lost value (AuditTrail.appendSetAside): every process may find
 * the same conflict, and the trail tells it once.
 */
export interface SetAside {
  /** Its row (« saisie écartée »…): `before` the value lost, `after` the value kept. */
  event: Omit<AuditEvent, 'userId' | 'role'>;
  /** The actions of the rows that tell of its cell's values. */
  actions: readonly string[];
}

/** What storage holds of one document. */
export interface StoredDocument {
  /** The stored updates, oldest first: applied in order they rebuild the document. */
  updates: Uint8Array[];
  /** Owner of each Yjs client id that has written to the document (check-authorship.ts). */
  owners: Map<number, string>;
}

/**
 * Where the sync endpoint keeps documents: the only storage it reaches on its hot path
 * (opening a document, committing accepted updates, compacting). Asynchronous, so that an
 * engine reached over the network (PostgreSQL, issue 14) fits the same endpoint; the
 * embedded default is SQLite (database-document-storage.ts).
 */
export interface DocumentStorage {
  load(document: string): Promise<StoredDocument>;
  /**
   * Stores a batch of updates with their audit rows and claims, and the rows of values set
   * aside (`setAside`, after the batch's), all or nothing. The write
   * starts at once; the promise resolves when the batch is durable (on disk), and only then
   * may the updates be broadcast. It rejects when the batch could not be stored or synced.
   *
   * The jury of each update is read inside the commit's own transaction (its row shared-
   * locked on PostgreSQL, so a lock on another process waits for the commit or the commit
   * for the lock): the updates of a jury found locked are not stored, and the promise
   * resolves with their documents, whose copies must then be dropped.
   */
  commit(
    batch: readonly UpdateToStore[],
    setAside?: readonly SetAside[],
  ): Promise<ReadonlySet<string>>;
  /**
   * Replaces the document's stored updates by one holding `state` (which includes every one
   * of them). Losing a compaction loses nothing: the old rows stay until it commits.
   */
  compact(document: string, state: Uint8Array): Promise<void>;
  /**
   * The stored state of a document, read at once: a document that is not open (snapshots,
   * rights), or what is committed of one that is (the lock builds the record from it, so
   * that an update accepted by another process counts).
   */
  readState(document: string): Uint8Array;
}
