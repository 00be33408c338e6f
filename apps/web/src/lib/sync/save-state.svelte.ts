import type { DocumentEvents, SharedDocument } from './open-document';
import { SaveTracker, saveStatusLabel, type SaveStatus } from './save-tracker';

const STORAGE_PREFIX = 'delib:en-attente:';

/** Cells written offline are remembered across reloads, beside the IndexedDB copy. */
function restorePendingCells(documentName: string): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_PREFIX + documentName) ?? '[]');
    return Array.isArray(stored) ? stored.filter((cell) => typeof cell === 'string') : [];
  } catch {
    return [];
  }
}

function storePendingCells(documentName: string, cells: string[]): void {
  try {
    if (cells.length === 0) localStorage.removeItem(STORAGE_PREFIX + documentName);
    else localStorage.setItem(STORAGE_PREFIX + documentName, JSON.stringify(cells));
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

  constructor(documentName: string) {
    this.documentName = documentName;
    this.tracker = new SaveTracker(restorePendingCells(documentName));
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

  /** A cell was written in the local document. */
  write(cell: string): void {
    this.apply((tracker) => tracker.write(cell));
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
    storePendingCells(this.documentName, this.tracker.pendingCells());
    this.status = this.tracker.status();
  }
}
