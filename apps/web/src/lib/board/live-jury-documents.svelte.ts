import {
  cellKey,
  JURY_MAPS,
  juryMap,
  marksMap,
  readAllOralEntries,
  readJuryMap,
  readJuryValue,
  writeJuryValue,
  type JuryMap,
  type JuryValue,
  type OralEntry,
} from '@delib/protocol';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { changedCells } from '../sync/mirror-entries';
import { SharedDocument, type DocumentEvents } from '../sync/open-document';
import { SaveState } from '../sync/save-state.svelte';
import type { JuryDocuments } from './board-row';

/** How the board is doing with one document. */
export type DocumentSyncState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'offline' }
  | { kind: 'stopped'; reason: string };

export interface WatchedCommission {
  id: number;
  document: string;
}

/** What a map reads before the jury document is open. */
const NO_VALUES: ReadonlyMap<string, never> = new Map<string, never>();

/** How long a changed cell stays highlighted on the board. */
const HIGHLIGHT_MS = 2_500;

function liveKey(commissionId: number, key: string): string {
  return `${commissionId}/${key}`;
}

export interface LiveJuryOptions {
  commissions: readonly WatchedCommission[];
  /** The jury document's name (`BoardView.juryDocument`). */
  juryDocument: string;
  /**
   * `write` for the president (the deliberation) and the members (their own notes; the
   * server refuses anything else); `read` for anyone else allowed to watch.
   */
  juryAccess: 'write' | 'read';
  locked: boolean;
  onSignInRequired: () => void;
}

/**
 * Every document a jury's results come from, live: one per commission (oral marks, read-only)
 * and the jury's own (adjustments, decisions, livret, contrôle, attendance, notes), writable
 * by the jury. Reading `documents` makes a `$derived` recompute whenever any of them changes.
 */
export class LiveJuryDocuments {
  /** Sync state of each commission document, by commission id. */
  rooms: Record<number, DocumentSyncState> = $state({});
  jury: DocumentSyncState = $state({ kind: 'connecting' });
  /** The deliberation is locked: nothing is written any more. */
  locked = $state(false);
  readonly canWrite: boolean;
  /** The save badge of the jury document (what the president or a member wrote). */
  readonly save: SaveState;
  readonly juryDocumentName: string;

  /** Bumped on every change of any document: the board's rows depend on it. */
  private version = $state(0);
  private readonly commissionDocs = new SvelteMap<number, Y.Doc>();
  private juryDoc: Y.Doc | null = $state.raw(null);
  /** Cells changed a moment ago, as `<commissionId>/<cell key>`. */
  private readonly recentlyChanged = new SvelteSet<string>();
  private readonly shared: SharedDocument[] = [];
  private readonly juryShared: SharedDocument;
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** The last reading of each room, to tell which cells a change touched. */
  private lastReading: Record<number, ReadonlyMap<string, OralEntry>> = {};
  /** Rooms whose first exchange is done: their later changes are news, and highlighted. */
  private settled: Record<number, boolean> = {};

  constructor(options: LiveJuryOptions) {
    const { onSignInRequired } = options;
    this.canWrite = options.juryAccess === 'write';
    this.juryDocumentName = options.juryDocument;
    for (const commission of options.commissions) {
      const id = commission.id;
      this.rooms[id] = { kind: 'connecting' };
      this.shared.push(
        this.open(commission.document, 'read', onSignInRequired, {
          document: (doc) => this.watchRoom(id, doc),
          state: (state) => {
            if (state.kind === 'live') this.settled[id] = true;
            this.rooms[id] = state;
          },
          current: () => this.rooms[id],
        }),
      );
    }
    this.save = new SaveState(options.juryDocument);
    this.juryShared = this.open(
      options.juryDocument,
      options.juryAccess,
      onSignInRequired,
      {
        document: (doc) => this.watchJury(doc),
        state: (state) => {
          this.jury = state;
        },
        current: () => this.jury,
      },
      {
        ...this.save.events,
        resync: (event) => {
          this.save.events.resync?.(event);
          if (event.locked) this.locked = true;
        },
      },
    );
    this.shared.push(this.juryShared);
    this.save.attach(this.juryShared);
    if (!this.canWrite) this.save.readOnly();
    if (options.locked) this.lock();
  }

  /** The documents to compute from; reading this tracks every change. */
  get documents(): JuryDocuments {
    void this.version;
    return { commissions: this.commissionDocs, jury: this.juryDoc };
  }

  /** One value of the jury document; reading it tracks its changes. */
  juryValue<M extends JuryMap>(map: M, key: string): JuryValue<M> | null {
    void this.version;
    return this.juryDoc ? readJuryValue(this.juryDoc, map, key) : null;
  }

  /** Every value of one map of the jury document; reading it tracks its changes. */
  juryValues<M extends JuryMap>(map: M): ReadonlyMap<string, JuryValue<M>> {
    void this.version;
    return this.juryDoc ? readJuryMap(this.juryDoc, map) : NO_VALUES;
  }

  /**
   * Writes (or, with null, removes) one value of the jury document. The value must have been
   * checked by the caller (the server checks it again); nothing is written once locked.
   */
  writeJury<M extends JuryMap>(map: M, key: string, value: JuryValue<M> | null): boolean {
    if (this.locked || !this.canWrite || this.save.status.kind === 'stopped') return false;
    writeJuryValue(this.juryShared.doc, map, key, value);
    this.save.write(`${map}/${key}`);
    return true;
  }

  /** The jury was locked (page data, the lock answer or socket.io `jury:locked`). */
  lock(): void {
    this.locked = true;
    this.save.locked();
  }

  /** socket.io `sync:refused`: the server refused one of our updates of `document`. */
  refused(document: string, reason: string): void {
    if (document !== this.juryDocumentName) return;
    this.save.refused(reason);
    this.juryShared.refusedByServer(reason);
  }

  isRecentlyChanged(commissionId: number, candidateId: number, unit: string): boolean {
    return this.recentlyChanged.has(liveKey(commissionId, cellKey(candidateId, unit)));
  }

  close(): void {
    for (const document of this.shared) document.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  private open(
    name: string,
    mode: 'write' | 'read',
    onSignInRequired: () => void,
    handlers: {
      document: (doc: Y.Doc) => void;
      state: (state: DocumentSyncState) => void;
      current: () => DocumentSyncState | undefined;
    },
    extra: DocumentEvents = {},
  ): SharedDocument {
    return new SharedDocument({
      name,
      mode,
      events: {
        ...extra,
        document: handlers.document,
        connecting: () => {
          extra.connecting?.();
          if (handlers.current()?.kind !== 'offline') handlers.state({ kind: 'connecting' });
        },
        synchronised: () => {
          extra.synchronised?.();
          handlers.state({ kind: 'live' });
        },
        disconnected: () => {
          extra.disconnected?.();
          handlers.state({ kind: 'offline' });
        },
        signInRequired: onSignInRequired,
        stopped: (reason) => {
          extra.stopped?.(reason);
          handlers.state({ kind: 'stopped', reason });
        },
      },
    });
  }

  private watchRoom(commissionId: number, doc: Y.Doc): void {
    this.settled[commissionId] = false;
    this.lastReading[commissionId] = readAllOralEntries(doc);
    this.commissionDocs.set(commissionId, doc);
    marksMap(doc).observe(() => {
      const reading = readAllOralEntries(doc);
      const changed = changedCells(this.lastReading[commissionId] ?? reading, reading);
      this.lastReading[commissionId] = reading;
      this.version += 1;
      // The first load of a room is not news; later changes are highlighted.
      if (this.settled[commissionId]) {
        this.highlight(changed.map((key) => liveKey(commissionId, key)));
      }
    });
    this.version += 1;
  }

  private watchJury(doc: Y.Doc): void {
    this.juryDoc = doc;
    for (const name of JURY_MAPS) {
      juryMap(doc, name).observe(() => {
        this.version += 1;
      });
    }
  }

  private highlight(keys: string[]): void {
    if (keys.length === 0) return;
    for (const key of keys) this.recentlyChanged.add(key);
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((other) => other !== timer);
      for (const key of keys) this.recentlyChanged.delete(key);
    }, HIGHLIGHT_MS);
    this.timers.push(timer);
  }
}
