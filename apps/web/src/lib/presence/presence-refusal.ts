import { ErrorCode } from '@delib/protocol';

/** What the page says and does after socket.io's `connect_error`. */
export interface PresenceRefusal {
  /** In French, for the person in front of the page. */
  message: string;
  /** Try to connect again after this many ms; null: socket.io retries itself, or it is pointless. */
  retryInMs: number | null;
}

/** The first retry after the server refused the handshake; each next one waits twice as long. */
export const FIRST_RETRY_MS = 2_000;
export const LONGEST_RETRY_MS = 30_000;

const UNREACHABLE = 'Connexion au serveur impossible pour le moment.';
const SIGNED_OUT = 'Session expirée : reconnectez-vous pour suivre le jury en direct.';

/**
 * Reads a `connect_error`. While socket.io's manager is still `active`, the network failed and
 * it retries by itself. Once inactive, the server refused the handshake and socket.io will not
 * try again: a session that is gone needs the person to sign in again; anything else (too many
 * tabs, a server error) shows the server's own French text and is retried after a growing wait,
 * since a closed tab or a restarted server lets the next attempt in.
 */
export function presenceRefusal(
  error: { message?: unknown; data?: unknown },
  active: boolean,
  attempt: number,
): PresenceRefusal {
  if (active) return { message: UNREACHABLE, retryInMs: null };
  const data = (typeof error.data === 'object' && error.data) || {};
  if ('code' in data && data.code === ErrorCode.UNAUTHENTICATED)
    return { message: SIGNED_OUT, retryInMs: null };
  const said = typeof error.message === 'string' && error.message.trim() !== '';
  const message = said ? (error.message as string) : UNREACHABLE;
  const retryInMs = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt), LONGEST_RETRY_MS);
  return {
    message: `${message.replace(/[.\s]+$/u, '')}. Nouvel essai dans ${Math.round(retryInMs / 1000)} s.`,
    retryInMs,
  };
}
