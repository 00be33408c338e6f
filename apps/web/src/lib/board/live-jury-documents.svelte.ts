import {
  cellKey,
  JURY_MAPS,
  juryMap,
  marksMap,
  readAllOralEntries,
  type OralEntry,
} from '@delib/protocol';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { changedCells } from '../sync/mirror-entries';
import { SharedDocument } from '../sync/open-document';
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

/** How long a changed cell stays highlighted on the board. */
const HIGHLIGHT_MS = 2_500;

function liveKey(commissionId: number, key: string): string {
  return `${commissionId}/${key}`;
}

/**
 * Every document a jury's results come from, open read-only and live: one per commission
 * (oral marks) and the jury's own (adjustments, contrôle marks). Reading `documents` makes a
 * `$derived` recompute whenever any of them changes.
 */
export class LiveJuryDocuments {
  /** Sync state of each commission document, by commission id. */
  rooms: Record<number, DocumentSyncState> = $state({});
  jury: DocumentSyncState = $state({ kind: 'connecting' });

  /** Bumped on every change of any document: the board's rows depend on it. */
  private version = $state(0);
  private readonly commissionDocs = new SvelteMap<number, Y.Doc>();
  private juryDoc: Y.Doc | null = $state.raw(null);
  /** Cells changed a moment ago, as `<commissionId>/<cell key>`. */
  private readonly recentlyChanged = new SvelteSet<string>();
  private readonly shared: SharedDocument[] = [];
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** The last reading of each room, to tell which cells a change touched. */
  private lastReading: Record<number, ReadonlyMap<string, OralEntry>> = {};
  /** Rooms whose first exchange is done: their later changes are news, and highlighted. */
  private settled: Record<number, boolean> = {};

  constructor(
    commissions: readonly WatchedCommission[],
    juryDocument: string,
    onSignInRequired: () => void,
  ) {
    for (const commission of commissions) {
      const id = commission.id;
      this.rooms[id] = { kind: 'connecting' };
      this.shared.push(
        this.open(commission.document, onSignInRequired, {
          document: (doc) => this.watchRoom(id, doc),
          state: (state) => {
            if (state.kind === 'live') this.settled[id] = true;
            this.rooms[id] = state;
          },
          current: () => this.rooms[id],
        }),
      );
    }
    this.shared.push(
      this.open(juryDocument, onSignInRequired, {
        document: (doc) => this.watchJury(doc),
        state: (state) => {
          this.jury = state;
        },
        current: () => this.jury,
      }),
    );
  }

  /** The documents to compute from; reading this tracks every change. */
  get documents(): JuryDocuments {
    void this.version;
    return { commissions: this.commissionDocs, jury: this.juryDoc };
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
    onSignInRequired: () => void,
    handlers: {
      document: (doc: Y.Doc) => void;
      state: (state: DocumentSyncState) => void;
      current: () => DocumentSyncState | undefined;
    },
  ): SharedDocument {
    return new SharedDocument({
      name,
      mode: 'read',
      events: {
        document: handlers.document,
        connecting: () => {
          if (handlers.current()?.kind !== 'offline') handlers.state({ kind: 'connecting' });
        },
        synchronised: () => handlers.state({ kind: 'live' }),
        disconnected: () => handlers.state({ kind: 'offline' }),
        signInRequired: onSignInRequired,
        stopped: (reason) => handlers.state({ kind: 'stopped', reason }),
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
