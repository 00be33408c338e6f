import { ErrorCode } from '@delib/protocol';
import { HttpError } from './http-error.js';

/** A positive integer id from a route parameter, or a French 400. */
export function idParam(value: unknown): number {
  const id = typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isInteger(id) || id < 1) {
    throw new HttpError(400, ErrorCode.INVALID_REQUEST, 'Identifiant invalide.');
  }
  return id;
}
