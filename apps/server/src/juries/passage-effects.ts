import * as Y from 'yjs';
import type { ClusterEvents } from '../cluster/cluster-events.js';
import type { PresenceHub } from '../presence/presence-hub.js';
import type { DocumentPolicy } from '../sync/document-policy.js';
import type { SyncEndpoint } from '../sync/sync-endpoint.js';

/**
 * What changing who passes where, or who sits where, touches beyond SQLite: the rooms'
 * documents (read, never written: the entries stay where the examiners put them), the sync
 * policy's cached rights, the open connections and the pages open on the jury's board and rooms.
 */
export interface PassageEffects {
  /** A copy of the server's document of that name (the caller destroys it), or null. */
  copyDocument(name: string): Y.Doc | null;
  /** Stores the updates already accepted, so that what is read is what is stored. */
  commitPending(): void;
  /** Passages or candidates of a jury changed: rights are read again, open pages reload. */
  passagesChanged(juryId: number, commissionIds: readonly number[]): void;
  /**
   * A user left a jury or a room: their open documents are closed now, on every process,
   * if their right to them is gone.
   */
  rightsChanged(userId: string): void;
}

export function passageEffects(
  policy: DocumentPolicy,
  sync: SyncEndpoint,
  presence: PresenceHub,
  cluster: ClusterEvents | null = null,
): PassageEffects {
  return {
    copyDocument(name) {
      const target = policy.resolve(name);
      if (!target) return null;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, sync.documentState(target));
      return doc;
    },
    commitPending() {
      sync.commitPending();
    },
    passagesChanged(juryId, commissionIds) {
      for (const commissionId of commissionIds) policy.forgetRoom(commissionId);
      cluster?.announce({ kind: 'passages-changed', commissionIds: [...commissionIds] });
      presence.announcePassagesChanged({ juryId, commissionIds: [...commissionIds] });
    },
    rightsChanged(userId) {
      sync.rightsChanged(userId);
      presence.rightsChanged(userId);
      cluster?.announce({ kind: 'rights-changed', userId });
    },
  };
}
