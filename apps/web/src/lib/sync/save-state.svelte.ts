import type { DocumentEvents, SharedDocument } from './open-document';
import {
  decodePendingWrites,
  encodePendingWrites,
  keepPendingOnly,
  type PendingWrites,
} from './pending-writes';
import { SaveTracker, saveStatusLabel, type SaveStatus } from './save-tracker';

const STORAGE_PREFIX = 'delib:en-attente:';

/** Cells written offline are remembered across reloads, beside the IndexedDB copy. */
function restorePendingWrites(documentName: string): PendingWrites {
  try {
    return decodePendingWrites(localStorage.getItem(STORAGE_PREFIX + documentName));
  } catch {
    return new Map();
  }
}

function storePendingWrites(documentName: string, writes: PendingWrites): void {
  try {
    const stored = encodePendingWrites(writes);
    if (stored === null) localStorage.removeItem(STORAGE_PREFIX + documentName);
    else localStorage.setItem(STORAGE_PREFIX + documentName, stored);
  } catch {
    // Storage full or disabled: the badge stays right for this visit.
  }
}

/**
 * The examiner's save badge, reactive. Feed it the document's events (`events`) and every
 * local write (`write`); it asks the document for acknowledgements when writes are pending.
 */
export class SaveState {
  status: SaveStatus = $state({ kind: 'connecting' });
  readonly label: string = $derived(saveStatusLabel(this.status));

  private readonly tracker: SaveTracker;
  private readonly documentName: string;
  private document: SharedDocument | null = null;
  /** The value last written in each pending cell, when the page gave it. */
  private readonly writes: PendingWrites;

  constructor(documentName: string) {
    this.documentName = documentName;
    this.writes = restorePendingWrites(documentName);
    this.tracker = new SaveTracker([...this.writes.keys()]);
    this.refresh();
  }

  /** The document to ask for acknowledgements (set once it exists). */
  attach(document: SharedDocument): void {
    this.document = document;
    this.refresh();
  }

  /** Document events that move the badge; merge them into the document's events. */
  readonly events: DocumentEvents = {
    connecting: () => this.apply((tracker) => tracker.connecting()),
    connected: () => this.apply((tracker) => tracker.connected()),
    disconnected: () => this.apply((tracker) => tracker.disconnected()),
    synchronised: () => this.apply((tracker) => tracker.synchronised()),
    acknowledged: (sequence) => this.apply((tracker) => tracker.acknowledged(sequence)),
    resync: ({ locked, reason }) =>
      this.apply((tracker) => (locked ? tracker.locked() : tracker.refused(reason))),
    stopped: (reason) => this.apply((tracker) => tracker.stopped(reason)),
  };

  /** A cell was written in the local document; `value` is kept with it while it is pending. */
  write(cell: string, value?: unknown): void {
    this.writes.set(cell, value);
    this.apply((tracker) => tracker.write(cell));
  }

  /**
   * The cells written and not yet acknowledged, with the value last written in each
   * (undefined when unknown); read it before a refusal or a lock drops them.
   */
  pendingWrites(): ReadonlyMap<string, unknown> {
    return this.writes;
  }

  /** The server said it refused an update (socket.io `sync:refused`). */
  refused(reason: string): void {
    this.apply((tracker) => tracker.refused(reason));
  }

  /** The user may only consult the document. */
  readOnly(): void {
    this.apply((tracker) => tracker.readOnly());
  }

  /** The jury was locked (page data or socket.io `jury:locked`). */
  locked(): void {
    this.apply((tracker) => tracker.locked());
  }

  private apply(change: (tracker: SaveTracker) => void): void {
    change(this.tracker);
    this.refresh();
  }

  private refresh(): void {
    const document = this.document;
    if (document && this.tracker.needsAcknowledgement()) {
      const sequence = this.tracker.acknowledgementRequested();
      if (!document.requestAcknowledgement(sequence)) this.tracker.disconnected();
    }
    keepPendingOnly(this.writes, this.tracker.pendingCells());
    storePendingWrites(this.documentName, this.writes);
    this.status = this.tracker.status();
  }
}
