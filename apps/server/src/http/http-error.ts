import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '@delib/protocol';
import type { ApiError } from '@delib/protocol';
import { isDatabaseUnavailable } from '../db/postgres-database.js';

/** An error that becomes a JSON answer `{ error: { code, message } }` with a French message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpError =>
  new HttpError(404, ErrorCode.NOT_FOUND, `${what} introuvable.`);

export const forbidden = (): HttpError =>
  new HttpError(403, ErrorCode.FORBIDDEN, 'Vous n’avez pas accès à cette ressource.');

export const apiErrorHandler: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  let status = 500;
  let body: ApiError = {
    error: { code: ErrorCode.INTERNAL, message: 'Erreur interne du serveur.' },
  };
  if (error instanceof HttpError) {
    status = error.status;
    body = { error: { code: error.code, message: error.message, details: error.details } };
  } else if (isBodyError(error)) {
    status = error.status;
    body = {
      error: {
        code: ErrorCode.INVALID_REQUEST,
        message:
          error.type === 'entity.too.large'
            ? 'Requête trop volumineuse.'
            : 'Requête illisible (JSON attendu).',
      },
    };
  } else if (isDatabaseUnavailable(error)) {
    status = 503;
    response.setHeader('Retry-After', '2');
    body = {
      error: {
        code: ErrorCode.INTERNAL,
        message: 'Base de données momentanément indisponible : réessayez dans un instant.',
      },
    };
    console.error('[http] base de données indisponible :', (error as Error).message);
  } else {
    // Only the error's message: a stack or a request body could hold personal data.
    console.error('[http] erreur interne :', error instanceof Error ? error.message : error);
  }
  response.status(status).json(body);
};

function isBodyError(error: unknown): error is { status: number; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    'status' in error &&
    typeof (error as { status: unknown }).status === 'number'
  );
}
