import {
  cellKey,
  marksMap,
  readAllOralEntries,
  writeOralEntry,
  type OralEntry,
} from '@delib/protocol';
import { SvelteMap } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { mirrorEntries } from '../sync/mirror-entries';
import { SharedDocument } from '../sync/open-document';
import { SaveState } from '../sync/save-state.svelte';

export interface CommissionSheetOptions {
  /** The commission's document name (`CommissionView.document`). */
  documentName: string;
  locked: boolean;
  /** False for a jury member or an administrator consulting the room: nothing is written. */
  canWrite: boolean;
  onSignInRequired: () => void;
}

/**
 * The examiner's side of a commission document: the room's entries, live, and the only place
 * that writes them (through `writeOralEntry`), with the save badge kept up to date.
 */
export class CommissionSheet {
  /** Entries by cell key; each field reads only its own cell. */
  readonly entries = new SvelteMap<string, OralEntry>();
  locked = $state(false);
  readonly canWrite: boolean;
  readonly save: SaveState;

  private readonly document: SharedDocument;

  constructor(options: CommissionSheetOptions) {
    this.canWrite = options.canWrite;
    this.save = new SaveState(options.documentName);
    const saveEvents = this.save.events;
    this.document = new SharedDocument({
      name: options.documentName,
      mode: options.canWrite ? 'write' : 'read',
      events: {
        ...saveEvents,
        document: (doc) => this.watch(doc),
        resync: (event) => {
          saveEvents.resync?.(event);
          if (event.locked) this.locked = true;
        },
        signInRequired: options.onSignInRequired,
      },
    });
    this.save.attach(this.document);
    if (!options.canWrite) this.save.readOnly();
    if (options.locked) this.lock();
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
    this.save.write(cellKey(candidateId, unit));
    return true;
  }

  /** The jury was locked: read-only from now on. */
  lock(): void {
    this.locked = true;
    this.save.locked();
  }

  /** socket.io `sync:refused` for this document. */
  refused(reason: string): void {
    this.save.refused(reason);
    this.document.refusedByServer(reason);
  }

  close(): void {
    this.document.close();
  }

  private watch(doc: Y.Doc): void {
    const read = () => mirrorEntries(this.entries, readAllOralEntries(doc));
    read();
    marksMap(doc).observe(read);
  }
}
