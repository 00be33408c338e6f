/**
 * What the examiner's save badge says, derived from what actually happened to the writes.
 * Pure state machine, no I/O: `open-document.ts` feeds it the provider's events.
 *
 * A write counts as saved only once the server has acknowledged it: the sync endpoint handles
 * the messages of one connection in order, so when it answers a sync request sent *after* a
 * write, that write has been processed (stored, or refused with a close that we see first).
 */
export type SaveStatus =
  | { kind: 'connecting' }
  | { kind: 'saved' }
  | { kind: 'saving'; pending: number }
  | { kind: 'offline'; pending: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'locked' }
  | { kind: 'read-only' }
  | { kind: 'stopped'; reason: string };

type Connection = 'connecting' | 'online' | 'offline';

export class SaveTracker {
  /** Cells written locally and not yet acknowledged, with the sequence number of their last write. */
  private readonly pending = new Map<string, number>();
  private sequence = 0;
  /** Sequence covered by the acknowledgement request in flight, if any. */
  private inFlight: number | null = null;
  private connection: Connection = 'connecting';
  /** Connected, initial exchange done both ways: later requests are answered in order. */
  private ready = false;
  private refusal: string | null = null;
  private isLocked = false;
  private isReadOnly = false;
  private stopReason: string | null = null;

  /** `restored`: cells left unacknowledged by an earlier visit (kept in the browser). */
  constructor(restored: readonly string[] = []) {
    for (const cell of restored) this.pending.set(cell, 0);
  }

  /** The examiner wrote (or cleared) a cell in the local document. */
  write(cell: string): void {
    this.sequence += 1;
    this.pending.set(cell, this.sequence);
    this.refusal = null;
  }

  /** A connection attempt started; an offline page stays offline until the socket opens. */
  connecting(): void {
    this.ready = false;
    this.inFlight = null;
    if (this.connection !== 'offline') this.connection = 'connecting';
  }

  /** The socket is open; the initial exchange is under way. */
  connected(): void {
    this.connection = 'online';
    this.ready = false;
    this.inFlight = null;
  }

  /** The socket closed or could not open. */
  disconnected(): void {
    this.connection = 'offline';
    this.ready = false;
    this.inFlight = null;
  }

  /** The initial exchange is complete: the server has our state and we have its. */
  synchronised(): void {
    this.connection = 'online';
    this.ready = true;
  }

  /** Whether an acknowledgement request should be sent now. */
  needsAcknowledgement(): boolean {
    return this.ready && this.inFlight === null && this.pending.size > 0;
  }

  /** An acknowledgement request was sent; returns the sequence it covers. */
  acknowledgementRequested(): number {
    this.inFlight = this.sequence;
    return this.sequence;
  }

  /** The server answered the request that covered `sequence`. */
  acknowledged(sequence: number): void {
    for (const [cell, written] of this.pending) {
      if (written <= sequence) this.pending.delete(cell);
    }
    if (this.inFlight !== null && this.inFlight <= sequence) this.inFlight = null;
  }

  /** The server refused an update: the local copy is dropped, its unsent writes with it. */
  refused(reason: string): void {
    this.refusal = reason;
    this.dropPending();
  }

  /** The jury is locked: nothing can be written any more. */
  locked(): void {
    this.isLocked = true;
    this.dropPending();
  }

  /** The user may read this document but not write it (not an examiner of the room). */
  readOnly(): void {
    this.isReadOnly = true;
  }

  /** The connection cannot go on (no access, document gone, signed out). */
  stopped(reason: string): void {
    this.stopReason = reason;
    this.ready = false;
    this.inFlight = null;
  }

  /** The local document was replaced by a fresh copy of the server's. */
  private dropPending(): void {
    this.pending.clear();
    this.inFlight = null;
    this.ready = false;
  }

  pendingCells(): string[] {
    return [...this.pending.keys()];
  }

  status(): SaveStatus {
    if (this.stopReason !== null) return { kind: 'stopped', reason: this.stopReason };
    if (this.isLocked) return { kind: 'locked' };
    if (this.isReadOnly) return { kind: 'read-only' };
    if (this.refusal !== null) return { kind: 'refused', reason: this.refusal };
    if (this.connection === 'offline') return { kind: 'offline', pending: this.pending.size };
    if (this.pending.size > 0) return { kind: 'saving', pending: this.pending.size };
    if (!this.ready) return { kind: 'connecting' };
    return { kind: 'saved' };
  }
}

/** The French text of the badge. */
export function saveStatusLabel(status: SaveStatus): string {
  switch (status.kind) {
    case 'connecting':
      return 'Connexion au serveur…';
    case 'saved':
      return 'Enregistré';
    case 'saving':
      return 'Enregistrement…';
    case 'offline':
      return `Hors ligne – ${pendingEntriesLabel(status.pending)}`;
    case 'refused':
      return `Refusé : ${status.reason}`;
    case 'locked':
      return 'Verrouillé – lecture seule';
    case 'read-only':
      return 'Consultation – lecture seule';
    case 'stopped':
      return status.reason;
  }
}

export function pendingEntriesLabel(count: number): string {
  if (count === 0) return 'aucune saisie en attente';
  return count === 1 ? '1 saisie en attente' : `${count} saisies en attente`;
}
