import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/open-database.js';

/**
 * The centre's Ed25519 keys (Node's own crypto), kept in `signing_keys`. A key is created the
 * first time a centre needs one (at start for every centre already in the database, see
 * `minuteRoutes`), never changed nor deleted; the newest key of a centre signs. Public keys
 * travel as the 32 raw bytes in base64; a key's id is derived from them, so a file that
 * carries a key and its id cannot pair a key with another key's id unnoticed.
 */
export const SIGNATURE_ALGORITHM = 'Ed25519';

export interface PublicSigningKey {
  keyId: string;
  centre: string;
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** The 32 raw bytes of the Ed25519 public key, base64. */
  publicKey: string;
  /** The same key as SubjectPublicKeyInfo PEM, for `openssl pkeyutl -verify`. */
  publicKeyPem: string;
  createdAt: string;
}

export interface SigningKey extends PublicSigningKey {
  privateKey: KeyObject;
}

interface KeyRow {
  id: string;
  centre: string;
  public_key: string;
  private_key: Buffer;
  created_at: string;
}

/** `ed25519-` and the first 16 hex digits of the SHA-256 of the raw public key. */
export function keyIdOf(rawPublicKey: Uint8Array): string {
  return `ed25519-${createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16)}`;
}

/** An Ed25519 public key from its 32 raw bytes; throws on anything else. */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error('une clé publique Ed25519 fait 32 octets');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}

export function rawPublicKeyOf(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('clé Ed25519 attendue');
  return Buffer.from(jwk.x, 'base64url');
}

function fromRow(row: KeyRow): SigningKey {
  const raw = Buffer.from(row.public_key, 'base64');
  return {
    keyId: row.id,
    centre: row.centre,
    algorithm: SIGNATURE_ALGORITHM,
    publicKey: row.public_key,
    publicKeyPem: publicKeyFromRaw(raw).export({ format: 'pem', type: 'spki' }).toString(),
    createdAt: row.created_at,
    privateKey: createPrivateKey({ key: row.private_key, format: 'der', type: 'pkcs8' }),
  };
}

function publicPart(key: SigningKey): PublicSigningKey {
  const { privateKey: _privateKey, ...rest } = key;
  return rest;
}

/** The key that signs for this centre, created (and stored) if the centre has none yet. */
export function centreSigningKey(db: Db, centre: string, now: Date = new Date()): SigningKey {
  const newest = db.prepare(
    'SELECT * FROM signing_keys WHERE centre = ? ORDER BY created_at DESC, id DESC LIMIT 1',
  );
  return db.transaction(() => {
    const existing = newest.get(centre) as KeyRow | undefined;
    if (existing) return fromRow(existing);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKeyOf(publicKey);
    const row: KeyRow = {
      id: keyIdOf(raw),
      centre,
      public_key: raw.toString('base64'),
      private_key: privateKey.export({ format: 'der', type: 'pkcs8' }),
      created_at: now.toISOString(),
    };
    db.prepare(
      `INSERT INTO signing_keys (id, centre, algorithm, public_key, private_key, created_at)
       VALUES (@id, @centre, 'Ed25519', @public_key, @private_key, @created_at)`,
    ).run(row);
    return fromRow(row);
  })();
}

/** Creates a key for every centre of the database that has none (called at start). */
export function ensureCentreKeys(db: Db, now: Date = new Date()): void {
  const centres = db.prepare('SELECT DISTINCT centre FROM exam_sessions ORDER BY centre').all() as {
    centre: string;
  }[];
  for (const { centre } of centres) centreSigningKey(db, centre, now);
}

/** Every key of this database, public parts only, oldest first. */
export function listPublicKeys(db: Db): PublicSigningKey[] {
  const rows = db
    .prepare('SELECT * FROM signing_keys ORDER BY created_at, centre, id')
    .all() as KeyRow[];
  return rows.map((row) => publicPart(fromRow(row)));
}

export function signingKeyById(db: Db, keyId: string): SigningKey | null {
  const row = db.prepare('SELECT * FROM signing_keys WHERE id = ?').get(keyId) as
    KeyRow | undefined;
  return row ? fromRow(row) : null;
}
