import type { BoardMember } from '@delib/protocol';
import type { SaveStatus } from '../sync/save-tracker';
import { candidateName } from '../format/candidate-name';
import type { BoardRow } from './board-row';
import type { DocumentSyncState } from './live-jury-documents.svelte';

/** The president conducts; a member follows and writes their own notes; others consult. */
export type BoardRole = 'president' | 'member' | 'observer';

export function boardRole(members: readonly BoardMember[], userId: string): BoardRole {
  const membership = members.find((member) => member.userId === userId);
  if (!membership) return 'observer';
  return membership.president ? 'president' : 'member';
}

/** Number of members' notes per candidate id, from the keys `<candidateId>:<userId>`. */
export function noteCounts(noteKeys: Iterable<string>): Record<number, number> {
  const byCandidate: Record<number, number> = {};
  for (const key of noteKeys) {
    const candidateId = Number.parseInt(key, 10);
    byCandidate[candidateId] = (byCandidate[candidateId] ?? 0) + 1;
  }
  return byCandidate;
}

/** Refused candidates whose livret scolaire must still be consulted (not the individual ones). */
export function livretMissing(rows: readonly BoardRow[]): string[] {
  return rows
    .filter(
      (row) =>
        row.decision === 'refuse' && !row.livretConsulted && row.candidate.status !== 'individuel',
    )
    .map((row) => candidateName(row.candidate));
}

/** Writes of this page the server has not acknowledged yet: the lock waits for them. */
export function hasPendingWrites(status: SaveStatus): boolean {
  return status.kind === 'saving' || (status.kind === 'offline' && status.pending > 0);
}

/** `3 candidats affichés sur 24`. */
export function shownLabel(shown: number, total: number): string {
  const plural = shown > 1 ? 's' : '';
  return `${shown} candidat${plural} affiché${plural} sur ${total}`;
}

export const ROOM_STATE_LABELS: Record<DocumentSyncState['kind'], string> = {
  connecting: 'connexion…',
  live: 'en direct',
  offline: 'hors ligne',
  stopped: 'arrêtée',
};
