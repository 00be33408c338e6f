/**
 * The Yjs client ids this browser wrote a room's document under: one per visit (a reload
 * takes a new one). The server names the owner of every id it received (`writers`); these
 * also cover values typed offline in an earlier visit that the server has not seen yet.
 */
export const OWN_CLIENTS_PREFIX = 'delib:identifiants-yjs:';

/** Enough visits for a day of orals; the oldest are dropped first. */
export const MAX_OWN_CLIENTS = 64;

/** The ids kept in `stored` (JSON array); anything else reads as none. */
export function parseOwnClients(stored: string | null): number[] {
  if (stored === null) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value)
      ? value.filter((id): id is number => Number.isInteger(id) && id >= 0)
      : [];
  } catch {
    return [];
  }
}

/** `stored` with `client` added last (once), at most `MAX_OWN_CLIENTS` ids. */
export function addOwnClient(stored: string | null, client: number): string {
  const clients = parseOwnClients(stored).filter((id) => id !== client);
  clients.push(client);
  return JSON.stringify(clients.slice(-MAX_OWN_CLIENTS));
}

/** Records `client` for `documentName` and returns every id this browser used for it. */
export function rememberOwnClient(documentName: string, client: number): Set<number> {
  const key = OWN_CLIENTS_PREFIX + documentName;
  try {
    const stored = addOwnClient(localStorage.getItem(key), client);
    localStorage.setItem(key, stored);
    return new Set(parseOwnClients(stored));
  } catch {
    // Storage disabled: this visit's id only.
    return new Set([client]);
  }
}
