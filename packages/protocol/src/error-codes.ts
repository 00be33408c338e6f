/** Error codes of the HTTP API and of socket.io acknowledgements. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  RATE_LIMITED: 'RATE_LIMITED',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_REQUEST: 'INVALID_REQUEST',
  INVALID_ORIGIN: 'INVALID_ORIGIN',
  LOCKED: 'LOCKED',
  INVALID_UPDATE: 'INVALID_UPDATE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The body of every non-2xx JSON answer of the API. `message` is French, for a person. */
export interface ApiError {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}
