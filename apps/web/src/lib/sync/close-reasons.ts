import { CloseCode, FATAL_CLOSE_CODES, RESYNC_CLOSE_CODES } from '@delib/protocol';

/** What the client does after the sync endpoint closed the connection with `code`. */
export type CloseAction =
  /** Reconnect with the same local document (network trouble, restart, rate limit). */
  | { kind: 'reconnect' }
  /** Drop the local document (and its browser copy), then resynchronise from the server. */
  | { kind: 'resync'; locked: boolean; reason: string }
  /** The session is gone: send the user to sign in. */
  | { kind: 'sign-in' }
  /** Reconnecting cannot help: stop and say why. */
  | { kind: 'stop'; reason: string };

/** French text for a refusal, when the server gave none. */
const DEFAULT_REASONS: Record<number, string> = {
  [CloseCode.FORBIDDEN]: 'vous n’avez pas accès à ce document.',
  [CloseCode.NOT_FOUND]: 'ce document n’existe plus (il a peut-être été réinitialisé).',
  [CloseCode.LOCKED]: 'la délibération est verrouillée.',
  [CloseCode.TOO_LARGE]: 'modification trop volumineuse.',
  [CloseCode.INVALID_UPDATE]: 'saisie non conforme au règlement.',
};

export function closeAction(code: number, serverReason: string): CloseAction {
  const reason = serverReason.trim() || DEFAULT_REASONS[code] || `code ${code}.`;
  if (RESYNC_CLOSE_CODES.includes(code)) {
    return { kind: 'resync', locked: code === CloseCode.LOCKED, reason };
  }
  if (code === CloseCode.UNAUTHENTICATED) return { kind: 'sign-in' };
  if (FATAL_CLOSE_CODES.includes(code)) {
    const prefix = code === CloseCode.FORBIDDEN ? 'Accès refusé' : 'Document introuvable';
    return { kind: 'stop', reason: `${prefix} : ${reason}` };
  }
  return { kind: 'reconnect' };
}

/** Whether y-websocket should try again after the server closed with `code`. */
export function shouldReconnectAfter(code: number): boolean {
  return closeAction(code, '').kind === 'reconnect';
}
