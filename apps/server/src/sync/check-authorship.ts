import * as Y from 'yjs';
import type { DecodedUpdate } from './validate-update.js';

/**
 * Who wrote under which Yjs client id, per document. A client id belongs to the first user
 * who wrote under it; from then on nobody else may write under it.
 */
export interface ClientOwners {
  get(client: number): string | undefined;
}

export type AuthorshipVerdict =
  | {
      ok: true;
      /** Client ids this update writes under for the first time: they become the writer's. */
      claims: number[];
    }
  | { ok: false; message: string };

export const REFUSED_STRUCTURE = 'Cette modification contient une structure interdite.';
export const FOREIGN_CLIENT =
  'Cette modification est signée d’un identifiant qui appartient à un autre utilisateur.';
export const UNKNOWN_DELETION =
  'Cette modification supprime des éléments que le serveur ne connaît pas.';

function covered(ranges: readonly { clock: number; len: number }[], clock: number, len: number) {
  return ranges.some((range) => range.clock <= clock && clock + len <= range.clock + range.len);
}

/**
 * Checks who an update writes for, from its decoded structures: O(size of the update).
 *
 * A Yjs update can do harm without changing any key a layout checks: a structure under
 * another user's client id with a large clock range makes the server believe it already
 * has that user's next edits, so their offline entries are dropped when they reconnect; a
 * delete range beyond what the server knows deletes them on arrival. So:
 * - GC and Skip structures are refused: an honest client's update never needs them
 *   to carry map entries, and they carry no content;
 * - a deleted item (content without value) must be listed in the update's own delete set;
 * - every structure that extends a client's known clock must be under a client id that is
 *   the writer's, or a new one (then claimed for the writer);
 * - every delete range stays within what the server or this update holds.
 * What the structures change (keys, values, rights per cell) is checked by the layout.
 */
export function checkAuthorship(
  decoded: DecodedUpdate,
  knownClock: (client: number) => number,
  owners: ClientOwners,
  writer: string,
): AuthorshipVerdict {
  const { structs, ds } = decoded;
  const claims = new Set<number>();
  // End of this update's structures, per client: deletions may reach that far.
  const reach = new Map<number, number>();
  for (const struct of structs) {
    if (struct instanceof Y.GC || struct instanceof Y.Skip || !(struct instanceof Y.Item)) {
      return { ok: false, message: REFUSED_STRUCTURE };
    }
    const { client, clock } = struct.id;
    const end = clock + struct.length;
    reach.set(client, Math.max(reach.get(client) ?? 0, end));
    if (struct.content instanceof Y.ContentDeleted) {
      const deleted = ds.clients.get(client) ?? [];
      if (!covered(deleted, clock, struct.length)) return { ok: false, message: REFUSED_STRUCTURE };
    }
    const known = knownClock(client);
    // Already held by the server: Yjs skips it whoever sends it (a client resending).
    if (end <= known) continue;
    const owner = owners.get(client);
    if (owner === writer) continue;
    if (owner !== undefined) return { ok: false, message: FOREIGN_CLIENT };
    // Written before ownership was recorded, or by the server itself: nobody may extend it.
    if (known > 0) return { ok: false, message: FOREIGN_CLIENT };
    claims.add(client);
  }
  for (const [client, ranges] of ds.clients) {
    const limit = Math.max(knownClock(client), reach.get(client) ?? 0);
    for (const range of ranges) {
      if (range.len <= 0 || range.clock + range.len > limit) {
        return { ok: false, message: UNKNOWN_DELETION };
      }
    }
  }
  return { ok: true, claims: [...claims] };
}
