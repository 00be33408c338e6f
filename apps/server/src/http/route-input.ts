import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { ErrorCode, hasLoneSurrogate, isPrintableText } from '@delib/protocol';
import { HttpError } from './http-error.js';

/** Small pieces shared by the routes: JSON and CSV bodies, people's text, CSV answers. */

// Zod's own messages, in a 400's details, in French like the rest of the answer.
z.config(z.locales.fr());

/**
 * A person's text (a name, a reason): trimmed, `min` to `max` characters, without control
 * characters, bidirectional overrides or lone surrogates (isPrintableText), which would be
 * signed into a minute and exported for good.
 */
export function printableText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(isPrintableText, 'caractères de contrôle ou invisibles non admis');
}

/** Whether a parsed JSON value holds a lone surrogate in any string or key (walked without recursion). */
function holdsLoneSurrogate(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) return true;
    } else if (Array.isArray(value)) {
      // One by one: a 256 KB body may hold 100,000 items, too many for a spread's arguments.
      for (const item of value as unknown[]) pending.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (hasLoneSurrogate(key)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/**
 * The JSON body parser of `/api`. A string holding a lone surrogate (no character at all)
 * makes the body unreadable, a 400, instead of a 500 where PostgreSQL or a PDF refuses it.
 * The body is walked after parsing, without recursion: a reviver would overflow the stack on
 * a deeply nested body, which the routes refuse in their own words (a regulation: 422).
 */
export function jsonBody(limit: string): RequestHandler[] {
  return [
    express.json({ limit }),
    (request, _response, next) => {
      if (holdsLoneSurrogate(request.body)) {
        next(new HttpError(400, ErrorCode.INVALID_REQUEST, 'Requête illisible (JSON attendu).'));
        return;
      }
      next();
    },
  ];
}

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
