import { verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.js';
import type { Db } from '../db/open-database.js';
import {
  centreSigningKey,
  ensureCentreKeys,
  keyIdOf,
  listPublicKeys,
  publicKeyFromRaw,
} from './signing-keys.js';
import { signCanonicalRecord } from './minute-signature.js';

describe('the centre signing keys', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => {
    db.close();
  });

  it('creates one key per centre, once, and keeps it', () => {
    db.prepare(
      "INSERT INTO exam_sessions (regulation_id, year, centre, academie) VALUES ('bts-mco-2018', 2027, 'Lycée A', 'Lyon'), ('bts-mco-2018', 2027, 'Lycée B', 'Lyon')",
    ).run();
    ensureCentreKeys(db);
    ensureCentreKeys(db);
    const keys = listPublicKeys(db);
    expect(keys.map((k) => k.centre)).toEqual(['Lycée A', 'Lycée B']);
    expect(centreSigningKey(db, 'Lycée A').keyId).toBe(keys[0]?.keyId);
    for (const key of keys) {
      expect(key.keyId).toBe(keyIdOf(Buffer.from(key.publicKey, 'base64')));
    }
  });

  it('signs with Node’s Ed25519: the public key alone verifies the canonical record', () => {
    const key = centreSigningKey(db, 'Lycée A');
    const canonical = '{"format":"delib.final-record/1"}';
    const signature = signCanonicalRecord(canonical, key, {
      juryId: 1,
      signedAt: '2027-06-04T16:32:00.000Z',
      signer: 'Claire Fontaine',
    });
    const publicKey = publicKeyFromRaw(Buffer.from(signature.publicKey, 'base64'));
    expect(
      verify(null, Buffer.from(canonical), publicKey, Buffer.from(signature.signature, 'base64')),
    ).toBe(true);
  });
});
