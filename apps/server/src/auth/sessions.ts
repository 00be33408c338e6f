import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { Role, SessionUser } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { writeWithoutSync } from '../db/write-without-sync.js';

/**
 * Sessions as the Lucia guide designs them: the token is `<id>.<secret>`; the database keeps
 * the id and SHA-256 of the secret, so a stolen database yields no usable token. Expiry
 * slides: a session lives `idleMs` after its last use.
 */
export const SESSION_COOKIE = 'delib_session';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 24 characters of a 32-letter alphabet: 120 bits of randomness. */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let text = '';
  for (const byte of bytes) text += ALPHABET[byte >> 3];
  return text;
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export interface ValidSession {
  id: string;
  user: SessionUser;
  expiresAt: number;
  /** True when this validation extended the session (the cookie should follow). */
  extended: boolean;
  /** The token itself, to re-issue the cookie. */
  token: string;
}

interface SessionRow {
  id: string;
  secret_hash: Buffer;
  last_seen_at: number;
  expires_at: number;
  user_id: string;
  login: string;
  display_name: string;
  role: Role;
}

/** Sliding expiry is written at most once a minute per session, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export class SessionStore {
  private readonly revokedListeners: ((sessionId: string) => void)[] = [];
  private readonly findStatement;
  private readonly touchStatement;

  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.findStatement = db.prepare(
      `SELECT s.id, s.secret_hash, s.last_seen_at, s.expires_at, u.id AS user_id, u.login, u.display_name, u.role
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    );
    this.touchStatement = db.prepare(
      'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?',
    );
  }

  create(userId: string): { token: string; expiresAt: number } {
    const id = generateSecureRandomString();
    const secret = generateSecureRandomString();
    const now = this.now();
    const expiresAt = now + this.idleMs;
    this.db
      .prepare(
        'INSERT INTO sessions (id, user_id, secret_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, userId, Buffer.from(hashSecret(secret)), now, now, expiresAt);
    return { token: `${id}.${secret}`, expiresAt };
  }

  validate(token: string | undefined): ValidSession | null {
    if (!token) return null;
    const parts = token.split('.');
    if (parts.length !== 2) return null;
    const [id, secret] = parts as [string, string];
    if (id.length !== 24 || secret.length !== 24) return null;
    const row = this.findStatement.get(id) as SessionRow | undefined;
    if (!row) return null;
    if (!constantTimeEqual(new Uint8Array(row.secret_hash), hashSecret(secret))) return null;
    const now = this.now();
    if (now >= row.expires_at) {
      this.invalidate(id);
      return null;
    }
    let expiresAt = row.expires_at;
    const extended = now - row.last_seen_at >= TOUCH_INTERVAL_MS;
    if (extended) {
      expiresAt = now + this.idleMs;
      // Not synced on the event loop: an extension lost to a power cut only ends the session
      // a little earlier (the next commit that syncs, a mark's or the lock's, covers it).
      writeWithoutSync(this.db, () => this.touchStatement.run(now, expiresAt, id));
    }
    return {
      id,
      expiresAt,
      extended,
      token,
      user: { id: row.user_id, login: row.login, name: row.display_name, role: row.role },
    };
  }

  invalidate(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    this.announceRevoked([id]);
  }

  /** Tells the listeners of sessions ended by another transaction (a revoked invitation). */
  announceRevoked(ids: readonly string[]): void {
    for (const id of ids) for (const listener of this.revokedListeners) listener(id);
  }

  /**
   * Told when a session ends (sign-out, expiry seen): long-lived connections that do not ask
   * SQLite on every message (the sync endpoint) close that session's sockets at once.
   */
  onRevoked(listener: (sessionId: string) => void): void {
    this.revokedListeners.push(listener);
  }

  deleteExpired(): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.now()).changes;
  }
}
