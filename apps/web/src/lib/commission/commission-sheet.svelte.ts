import {
  cellKey,
  CloseCode,
  gridsMap,
  marksMap,
  parseCellKey,
  parseOralEntry,
  readAllFilledGrids,
  readAllOralEntries,
  readOralEntry,
  writeFilledGrid,
  writeOralEntry,
  type FilledGrid,
  type OralEntry,
} from '@delib/protocol';
import { SvelteMap } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { mirrorEntries } from '../sync/mirror-entries';
import { SharedDocument } from '../sync/open-document';
import {
  noteRefusal,
  parseRefusalNotice,
  settleRefusal,
  type RefusalNotice,
  type WrittenEntry,
} from '../sync/refused-entries';
import { SaveState } from '../sync/save-state.svelte';
import { watchCellReplacements, type CellReplacement } from './cell-replacements';
import { rememberOwnClient } from './own-clients';

const REFUSAL_STORAGE_PREFIX = 'delib:saisies-refusees:';
const LOCK_REASON = 'la délibération est verrouillée.';

function restoreRefusal(documentName: string): RefusalNotice | null {
  try {
    return parseRefusalNotice(localStorage.getItem(REFUSAL_STORAGE_PREFIX + documentName));
  } catch {
    return null;
  }
}

function storeRefusal(documentName: string, notice: RefusalNotice | null): void {
  try {
    if (notice === null) localStorage.removeItem(REFUSAL_STORAGE_PREFIX + documentName);
    else localStorage.setItem(REFUSAL_STORAGE_PREFIX + documentName, JSON.stringify(notice));
  } catch {
    // Storage full or disabled: the notice stays on screen for this visit.
  }
}

export interface CommissionSheetOptions {
  /** The commission's document name (`CommissionView.document`). */
  documentName: string;
  locked: boolean;
  /** False for a jury member or an administrator consulting the room: nothing is written. */
  canWrite: boolean;
  onSignInRequired: () => void;
  /**
   * An examiner's page: a value of the room was replaced by a value written elsewhere
   * (`ownClients`: the Yjs client ids this browser wrote the document under).
   */
  onReplaced?: (replacement: CellReplacement, ownClients: ReadonlySet<number>) => void;
}

/**
 * The examiner's side of a commission document: the room's entries, live, and the only place
 * that writes them (through `writeOralEntry`), with the save badge kept up to date.
 */
export class CommissionSheet {
  /** Entries by cell key; each field reads only its own cell. */
  readonly entries = new SvelteMap<string, OralEntry>();
  /** Filled evaluation grids by cell key, beside the entries (never instead of them). */
  readonly grids = new SvelteMap<string, FilledGrid>();
  locked = $state(false);
  readonly canWrite: boolean;
  readonly save: SaveState;
  /**
   * The examiner's entries that the server refused (lock or refusal while they were pending),
   * kept until dismissed, across reloads.
   */
  refusal = $state<RefusalNotice | null>(null);

  private readonly documentName: string;
  private readonly document: SharedDocument;
  /** A read-only copy of the server's document, open while refused entries are checked. */
  private serverCheck: SharedDocument | null = null;
  private closed = false;
  private readonly onReplaced: CommissionSheetOptions['onReplaced'];
  private stopWatchingReplacements: (() => void) | null = null;

  constructor(options: CommissionSheetOptions) {
    this.canWrite = options.canWrite;
    this.documentName = options.documentName;
    this.onReplaced = options.canWrite ? options.onReplaced : undefined;
    this.save = new SaveState(options.documentName);
    if (options.canWrite) this.refusal = restoreRefusal(options.documentName);
    const saveEvents = this.save.events;
    this.document = new SharedDocument({
      name: options.documentName,
      mode: options.canWrite ? 'write' : 'read',
      events: {
        ...saveEvents,
        document: (doc) => this.watch(doc),
        resync: (event) => {
          // Before the local copy (and the pending cells) are dropped: note what was refused.
          this.noteRefusal(event.locked, event.reason);
          saveEvents.resync?.(event);
          if (event.locked) this.locked = true;
        },
        signInRequired: options.onSignInRequired,
      },
    });
    this.save.attach(this.document);
    if (!options.canWrite) this.save.readOnly();
    if (options.locked) this.lock();
    this.checkServerCopy();
  }

  entry(candidateId: number, unit: string): OralEntry | null {
    return this.entries.get(cellKey(candidateId, unit)) ?? null;
  }

  /**
   * Writes (or, with null, clears) one cell. The entry must have been checked with
   * `@delib/rules` by the caller; nothing is written once the jury is locked.
   */
  write(candidateId: number, unit: string, entry: OralEntry | null): boolean {
    if (this.locked || !this.canWrite) return false;
    writeOralEntry(this.document.doc, candidateId, unit, entry);
    this.save.write(cellKey(candidateId, unit), entry);
    return true;
  }

  grid(candidateId: number, unit: string): FilledGrid | null {
    return this.grids.get(cellKey(candidateId, unit)) ?? null;
  }

  /**
   * Writes (or, with an empty grid, clears) the grid of one cell. It never touches the mark:
   * the examiner validates the mark apart. The server checks the grid against the regulation.
   */
  writeGrid(candidateId: number, unit: string, grid: FilledGrid): boolean {
    if (this.locked || !this.canWrite) return false;
    writeFilledGrid(this.document.doc, candidateId, unit, grid);
    // Not a cell of `marks`: kept out of the refused entries' list (parseCellKey skips it).
    this.save.write(`grille:${cellKey(candidateId, unit)}`, grid);
    return true;
  }

  /** The jury was locked: read-only from now on. */
  lock(): void {
    this.noteRefusal(true, LOCK_REASON);
    this.locked = true;
    this.save.locked();
  }

  /** socket.io `sync:refused` for this document; `code` is the close code, as a string. */
  refused(reason: string, code?: string): void {
    if (code === String(CloseCode.LOCKED)) {
      this.lock();
    } else {
      this.noteRefusal(false, reason);
      this.save.refused(reason);
    }
    this.document.refusedByServer(reason);
  }

  /** The examiner has read the list of refused entries. */
  dismissRefusal(): void {
    this.setRefusal(null);
    this.serverCheck?.close();
    this.serverCheck = null;
  }

  close(): void {
    this.closed = true;
    this.stopWatchingReplacements?.();
    this.document.close();
    this.serverCheck?.close();
    this.serverCheck = null;
  }

  /**
   * Notes the cells written and not yet acknowledged, with the values written, before a
   * refusal or a lock drops them; they are then compared with the server's copy.
   */
  private noteRefusal(locked: boolean, reason: string): void {
    if (!this.canWrite) return;
    const written: WrittenEntry[] = [];
    for (const [cell, value] of this.save.pendingWrites()) {
      const parsed = parseCellKey(cell);
      if (!parsed) continue;
      let entry: OralEntry | null;
      if (value === undefined) {
        // Left pending by an older version of the page, which did not keep values.
        entry = readOralEntry(this.document.doc, parsed.candidateId, parsed.unit);
      } else if (value === null) {
        entry = null;
      } else {
        entry = parseOralEntry(value);
        if (entry === null) continue;
      }
      written.push({ cell, entry });
    }
    const notice = noteRefusal(this.refusal, { locked, reason, written });
    if (notice === this.refusal) return;
    this.setRefusal(notice);
    this.checkServerCopy();
  }

  /**
   * Reads the server's copy through a fresh read-only connection (never the local copy, which
   * still holds the refused writes) and keeps, of the noted entries, those it does not hold.
   * Offline, the connection keeps trying until the network returns.
   */
  private checkServerCopy(): void {
    const awaiting = this.refusal?.awaiting;
    if (this.closed || this.serverCheck || !awaiting || awaiting.length === 0) return;
    let done = false;
    const finish = (server: ReadonlyMap<string, OralEntry> | null): void => {
      if (done) return;
      done = true;
      // Not from inside the provider's message handler that told us.
      setTimeout(() => check.close(), 0);
      if (this.serverCheck === check) this.serverCheck = null;
      if (server === null || this.closed) return;
      const notice = this.refusal;
      // Entries noted during the check are compared by a new one.
      if (notice && notice.awaiting === awaiting) this.setRefusal(settleRefusal(notice, server));
      this.checkServerCopy();
    };
    const check = new SharedDocument({
      name: this.documentName,
      mode: 'read',
      events: {
        synchronised: () => finish(readAllOralEntries(check.doc)),
        // The noted entries stay listed as unchecked; the next visit checks again.
        signInRequired: () => finish(null),
        stopped: () => finish(null),
      },
    });
    this.serverCheck = check;
  }

  private setRefusal(notice: RefusalNotice | null): void {
    this.refusal = notice;
    storeRefusal(this.documentName, notice);
  }

  private watch(doc: Y.Doc): void {
    const read = () => mirrorEntries(this.entries, readAllOralEntries(doc));
    read();
    marksMap(doc).observe(read);
    const readGrids = () => {
      const grids = readAllFilledGrids(doc);
      for (const [key, grid] of grids) {
        if (JSON.stringify(this.grids.get(key)) !== JSON.stringify(grid)) this.grids.set(key, grid);
      }
      for (const key of [...this.grids.keys()]) if (!grids.has(key)) this.grids.delete(key);
    };
    readGrids();
    gridsMap(doc).observe(readGrids);
    const onReplaced = this.onReplaced;
    if (onReplaced) {
      const ownClients = rememberOwnClient(this.documentName, doc.clientID);
      this.stopWatchingReplacements?.();
      this.stopWatchingReplacements = watchCellReplacements(doc, (replacement) =>
        onReplaced(replacement, ownClients),
      );
    }
  }
}
