import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ErrorCode } from '@delib/protocol';
import { HttpError } from './http-error.js';

/** Small pieces shared by the admin routes: JSON and CSV bodies, CSV answers. */

/** The parsed body, or a 400 naming the faulty fields. */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  message: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new HttpError(400, ErrorCode.INVALID_REQUEST, message, {
      fields: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}

/**
 * Reads a CSV upload as raw bytes (the decoding is the import's business). Excel on Windows
 * labels .csv files `application/vnd.ms-excel`, so that type is accepted too.
 */
export const csvBody: RequestHandler = express.raw({
  type: ['text/csv', 'application/octet-stream', 'application/vnd.ms-excel', 'text/plain'],
  limit: '5mb',
});

export function csvBytes(request: Request): Buffer {
  const body: unknown = request.body;
  if (!Buffer.isBuffer(body)) {
    throw new HttpError(
      415,
      ErrorCode.INVALID_REQUEST,
      'Envoyer le fichier CSV tel quel (Content-Type: text/csv).',
    );
  }
  return body;
}

export function sendCsv(response: Response, fileName: string, bytes: Buffer): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  response.setHeader('Cache-Control', 'no-store');
  response.send(bytes);
}
