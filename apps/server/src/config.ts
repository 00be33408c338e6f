import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Path of the SQLite file (when no PostgreSQL address is given). */
  databasePath: string;
  /**
   * PostgreSQL's address (`postgres://…`, DELIB_DATABASE_URL): the record lives there
   * instead of the SQLite file, and several processes may share it. Null: embedded SQLite.
   */
  databaseUrl: string | null;
  /** Directory of the built SvelteKit app (adapter-node output), or null to serve the API only. */
  webBuildDir: string | null;
  /** Origins allowed besides the server's own (comma-separated in DELIB_ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** Send the session cookie with `Secure` (behind HTTPS). */
  secureCookies: boolean;
  /** Idle time after which a session expires. */
  sessionIdleMs: number;
  /** Stored updates of one document after which they are compacted into one. */
  compactAfterUpdates: number;
  /** Largest accepted Yjs update, in bytes. */
  maxUpdateBytes: number;
  /** SQLite `synchronous` setting: FULL (default, survives a power cut) or NORMAL. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /**
   * The address by which the public reaches this server (`https://delib.lycee.fr`), printed
   * in the QR codes of signed documents; null: the address the president signs from.
   */
  publicUrl: string | null;
  /**
   * Redis (`redis://…` or `rediss://…`) through which several processes share accepted updates,
   * locks, sign-outs, socket.io rooms and rate limits; null: one process, nothing shared.
   */
  redisUrl: string | null;
  /** Prints where accepted updates spend their time before broadcast (DELIB_SYNC_STAGES=1). */
  syncStages: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, whether running from src/ (tsx, vitest) or dist/. */
export const repositoryRoot = path.resolve(here, '..', '..', '..');

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`${name} doit être un entier positif (reçu « ${value} »).`);
  }
  return parsed;
}

/** The address a variable gives, or null when it is unset; `refusal` when it is none. */
function urlOf(value: string | undefined, refusal: string): URL | null {
  if (value === undefined || value.trim() === '') return null;
  try {
    return new URL(value.trim());
  } catch {
    throw new Error(refusal);
  }
}

/** A postgres:// address, checked; null when the variable is unset (embedded SQLite). */
export function databaseUrlOf(value: string | undefined): string | null {
  const url = urlOf(value, 'DELIB_DATABASE_URL doit être une adresse postgres://… valide.');
  if (!url) return null;
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error(
      `DELIB_DATABASE_URL doit commencer par postgres:// (reçu « ${url.protocol}// »).`,
    );
  return (value as string).trim();
}

/** `https://delib.lycee.fr/` → `https://delib.lycee.fr`; throws on anything but http(s). */
export function publicUrlOf(value: string | undefined): string | null {
  const url = urlOf(value, `DELIB_PUBLIC_URL doit être une adresse http(s) (reçu « ${value} »).`);
  if (!url) return null;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new Error(
      `DELIB_PUBLIC_URL doit être une adresse http(s) sans paramètres (reçu « ${value} »).`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** `redis://…` or `rediss://…`, or null when unset; throws on anything else. */
export function redisUrlOf(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const url = value.trim();
  if (!/^rediss?:\/\/./.test(url)) {
    // The value is not repeated: it may hold Redis's password.
    throw new Error('DELIB_REDIS_URL doit être une adresse redis:// ou rediss://.');
  }
  return url;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databasePath: path.resolve(env.DELIB_DB ?? path.join(repositoryRoot, 'data', 'delib.sqlite')),
    databaseUrl: databaseUrlOf(env.DELIB_DATABASE_URL),
    webBuildDir: env.DELIB_WEB_BUILD ?? path.join(repositoryRoot, 'apps', 'web', 'build'),
    allowedOrigins: (env.DELIB_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    secureCookies: env.DELIB_SECURE_COOKIES === '1',
    sessionIdleMs:
      integer(env.DELIB_SESSION_IDLE_MINUTES, 12 * 60, 'DELIB_SESSION_IDLE_MINUTES') * 60_000,
    compactAfterUpdates: integer(env.DELIB_COMPACT_AFTER, 500, 'DELIB_COMPACT_AFTER'),
    maxUpdateBytes: integer(env.DELIB_MAX_UPDATE_BYTES, 64 * 1024, 'DELIB_MAX_UPDATE_BYTES'),
    sqliteSynchronous: env.DELIB_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
    publicUrl: publicUrlOf(env.DELIB_PUBLIC_URL),
    redisUrl: redisUrlOf(env.DELIB_REDIS_URL),
    syncStages: env.DELIB_SYNC_STAGES === '1',
  };
}
