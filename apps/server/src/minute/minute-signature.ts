import { createHash, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { formatVerificationCode } from '@delib/protocol';
import { keyIdOf, publicKeyFromRaw, SIGNATURE_ALGORITHM } from './signing-keys.js';
import type { SigningKey } from './signing-keys.js';

/**
 * The signature of a minute: the file `signature.json` embedded in the PDF beside
 * `proces-verbal.json` (the locked record, RFC 8785 canonical JSON, exactly the string stored
 * in `final_records`).
 *
 * - `signature` is Ed25519 over the UTF-8 bytes of the canonical record: anyone can check it
 *   with the public key alone (`openssl pkeyutl -verify -rawin`).
 * - `attestation` is Ed25519 over the canonical JSON of the statement below (record hash, key,
 *   centre, jury, date and signer). Without it, the date and the name of the signer printed
 *   on the minute would be free text beside a valid signature.
 *
 * Format 2 adds `verifierUrl`, the public page where the document is checked: every page
 * prints it as a QR code, and the attestation covers it, so a copy cannot point its readers
 * to another site without breaking the signature. Format 1 (no URL, no QR code) is still
 * verified as it was signed.
 *
 * The same envelope signs a relevé's extract (`delib.transcript-extract/1`): `recordSha256`
 * is then the SHA-256 of the extract, and the signed bytes' own `format` tells which it is.
 */
export const SIGNATURE_FORMAT_V1 = 'delib.minute-signature/1';
export const SIGNATURE_FORMAT = 'delib.minute-signature/2';
export const ATTESTATION_FORMAT = 'delib.minute-attestation/1';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

/** The verification page a format 2 signature names. */
export const VerifierUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((url) => !url.includes('?') && !url.includes('#'), 'adresse sans paramètres attendue');

export const MinuteSignatureSchema = z
  .strictObject({
    format: z.enum([SIGNATURE_FORMAT_V1, SIGNATURE_FORMAT]),
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    keyId: z.string().min(1).max(100),
    publicKey: Base64,
    centre: z.string().max(500),
    juryId: z.number().int().positive(),
    signedAt: z.iso.datetime(),
    signer: z.string().min(1).max(500),
    recordSha256: z.string().regex(/^[0-9a-f]{64}$/),
    verifierUrl: VerifierUrlSchema.optional(),
    signature: Base64,
    attestation: Base64,
  })
  .refine(
    (s) => (s.format === SIGNATURE_FORMAT) === (s.verifierUrl !== undefined),
    'le format 2 porte l’adresse de vérification, le format 1 non',
  );
export type MinuteSignature = z.infer<typeof MinuteSignatureSchema>;

/** What a signed minute PDF carries, and all that is needed to render it again. */
export interface SignedMinute {
  /** The locked record, canonical JSON (RFC 8785). */
  canonical: string;
  signature: MinuteSignature;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `3f2a 9b1c 0d4e`: the first 12 hex digits of the record's SHA-256, by four. */
export function verificationCode(recordSha256: string): string {
  return formatVerificationCode(recordSha256);
}

/**
 * The address a document's QR code opens: the verification page with the code (12 hex
 * digits, no spaces); null for a format 1 signature, which names no page.
 */
export function verificationUrl(signature: MinuteSignature): string | null {
  if (signature.verifierUrl === undefined) return null;
  return `${signature.verifierUrl}?code=${signature.recordSha256.slice(0, 12)}`;
}

function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('valeur non sérialisable');
  return text;
}

type Statement = Pick<
  MinuteSignature,
  'recordSha256' | 'keyId' | 'publicKey' | 'centre' | 'juryId' | 'signedAt' | 'signer'
> & { verifierUrl?: string | undefined };

/** The bytes the attestation signs (without `verifierUrl`, exactly those of format 1). */
export function attestationStatement(s: Statement): string {
  return canonicalJson({
    format: ATTESTATION_FORMAT,
    recordSha256: s.recordSha256,
    keyId: s.keyId,
    publicKey: s.publicKey,
    centre: s.centre,
    juryId: s.juryId,
    signedAt: s.signedAt,
    signer: s.signer,
    ...(s.verifierUrl === undefined ? {} : { verifierUrl: s.verifierUrl }),
  });
}

export interface SignatureMeta {
  juryId: number;
  signedAt: string;
  signer: string;
  /** The public verification page (format 2); without it, a format 1 signature. */
  verifierUrl?: string;
}

export function signCanonicalRecord(
  canonical: string,
  key: SigningKey,
  meta: SignatureMeta,
): MinuteSignature {
  const statement: Statement = {
    recordSha256: sha256Hex(canonical),
    keyId: key.keyId,
    publicKey: key.publicKey,
    centre: key.centre,
    juryId: meta.juryId,
    signedAt: meta.signedAt,
    signer: meta.signer,
    ...(meta.verifierUrl === undefined ? {} : { verifierUrl: meta.verifierUrl }),
  };
  return {
    format: meta.verifierUrl === undefined ? SIGNATURE_FORMAT_V1 : SIGNATURE_FORMAT,
    algorithm: SIGNATURE_ALGORITHM,
    ...statement,
    signature: sign(null, Buffer.from(canonical, 'utf8'), key.privateKey).toString('base64'),
    attestation: sign(
      null,
      Buffer.from(attestationStatement(statement), 'utf8'),
      key.privateKey,
    ).toString('base64'),
  };
}

/** The exact bytes of `signature.json`. */
export function serializeSignature(signature: MinuteSignature): string {
  return canonicalJson(signature);
}

export type SignatureCheck =
  | { ok: true }
  | {
      ok: false;
      problem:
        'record-altered' | 'bad-key' | 'bad-signature' | 'key-id-mismatch' | 'bad-attestation';
    };

/** Checks the record's hash, both Ed25519 signatures and the key id, with the carried key. */
export function checkSignature(canonicalBytes: Uint8Array, s: MinuteSignature): SignatureCheck {
  if (sha256Hex(canonicalBytes) !== s.recordSha256) return { ok: false, problem: 'record-altered' };
  const raw = Buffer.from(s.publicKey, 'base64');
  let key: KeyObject;
  try {
    key = publicKeyFromRaw(raw);
  } catch {
    return { ok: false, problem: 'bad-key' };
  }
  const valid = (data: Uint8Array, signature: string): boolean => {
    try {
      return verify(null, data, key, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  };
  if (!valid(canonicalBytes, s.signature)) return { ok: false, problem: 'bad-signature' };
  if (keyIdOf(raw) !== s.keyId) return { ok: false, problem: 'key-id-mismatch' };
  if (!valid(Buffer.from(attestationStatement(s), 'utf8'), s.attestation)) {
    return { ok: false, problem: 'bad-attestation' };
  }
  return { ok: true };
}
