/**
 * WebSocket close codes of the sync endpoint (`/sync/<document>`). 4000–4999 is the range
 * RFC 6455 leaves to applications; the last three digits echo the HTTP status they mirror.
 */
export const CloseCode = {
  /** No valid session cookie on the upgrade, or the session expired meanwhile. */
  UNAUTHENTICATED: 4401,
  /** The user may not open this document, or tried to write a read-only one. */
  FORBIDDEN: 4403,
  /** The document name does not name an existing commission or jury (or a past generation). */
  NOT_FOUND: 4404,
  /** The jury is locked: its documents accept no more writes. */
  LOCKED: 4409,
  /**
   * An update builds on earlier changes the server does not hold yet: an honest client's
   * update sent while the reconnection's exchange still carries those changes, or after the
   * process that held them died. Nothing is dropped: the client reconnects with its copy, and
   * the exchange delivers the earlier changes and this one together.
   */
  INCOMPLETE_UPDATE: 4412,
  /** An update exceeded the size bound. */
  TOO_LARGE: 4413,
  /** An update broke the document layout or the regulation; it was not stored. */
  INVALID_UPDATE: 4422,
  /** Too many messages in too short a time from one user (all their connections together). */
  RATE_LIMITED: 4429,
  /** The server is shutting down; reconnect later. */
  GOING_AWAY: 1001,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting with the same local document cannot succeed. */
export const FATAL_CLOSE_CODES: readonly number[] = [
  CloseCode.UNAUTHENTICATED,
  CloseCode.FORBIDDEN,
  CloseCode.NOT_FOUND,
];

/** Close codes after which the client must drop its local copy and resynchronise. */
export const RESYNC_CLOSE_CODES: readonly number[] = [
  CloseCode.LOCKED,
  CloseCode.INVALID_UPDATE,
  CloseCode.TOO_LARGE,
];
