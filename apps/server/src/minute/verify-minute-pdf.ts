import canonicalize from 'canonicalize';
import type { MinuteVerdict, SignedRecord, VerdictCode } from '@delib/protocol';
import { FINAL_RECORD_FORMAT, LEGACY_RECORD_FORMAT } from '../deliberation/final-record.js';
import type { Db } from '../db/open-database.js';
import { checkSignature, MinuteSignatureSchema, verificationCode } from './minute-signature.js';
import type { MinuteSignature } from './minute-signature.js';
import { readPdfContents, UnreadablePdfError } from './read-pdf-attachments.js';
import type { PdfContents } from './read-pdf-attachments.js';
import {
  minuteLayoutOf,
  RECORD_ATTACHMENT,
  renderMinutePdf,
  SIGNATURE_ATTACHMENT,
} from './render-minute-pdf.js';
import { isKnownPublicKey } from './signing-keys.js';

export interface VerifyOptions {
  /** The centre's database: tells whether the key that signed is one of its keys. */
  db?: Db;
  /**
   * Largest number of candidates rendered again. Rendering is synchronous CPU work: a public
   * endpoint caps it (a self-signed file could carry any number); the command line does not.
   */
  maxCandidates?: number;
}

const SIGNATURE_PROBLEMS: Record<string, string> = {
  'bad-key': 'signature invalide : la clé publique jointe est illisible',
  'bad-signature':
    'signature invalide : le procès-verbal joint n’a pas été signé avec la clé publique du fichier',
  'key-id-mismatch':
    'signature invalide : l’identifiant de clé ne correspond pas à la clé publique jointe',
  'bad-attestation':
    'signature invalide : la date, le signataire ou la clé indiqués ne sont pas ceux qui ont été signés',
};

function refused(
  code: VerdictCode,
  reason: string,
  extra: Partial<MinuteVerdict> = {},
): MinuteVerdict {
  return { authentic: false, code, reason, ...extra };
}

function parseJson(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
}

/** A record of the current format, or of the former one (minutes signed before still verify). */
function looksLikeRecord(value: unknown): value is SignedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof SignedRecord | 'notDeliberated', unknown>>;
  const shared =
    typeof record.session === 'object' &&
    typeof record.jury === 'object' &&
    Array.isArray(record.members) &&
    Array.isArray(record.candidates);
  if (record.format === LEGACY_RECORD_FORMAT) return shared;
  return record.format === FINAL_RECORD_FORMAT && shared && Array.isArray(record.notDeliberated);
}

/**
 * Verification of a signed minute from the file alone:
 *
 * 1. read the attached record and signature (pdf-lib);
 * 2. the record's SHA-256 must be the one that was signed;
 * 3. both Ed25519 signatures (record; date, signer and key) must hold with the public key
 *    the file carries, and the key id must be that key's;
 * 4. the minute rendered again from the carried record and signature must be, byte for byte,
 *    the given file: the visible pages, the metadata and the attachments are all covered.
 *
 * The key the file carries proves integrity, not origin: `knownKey` (with a database) says
 * whether it is one of this centre's keys; without one, compare the key id with the keys the
 * centre publishes (`GET /api/keys`). The verdict, `MinuteVerdict`, is the wire type of
 * `@delib/protocol` (`POST /api/verify` sends it as it is).
 */
export async function verifyMinutePdf(
  bytes: Uint8Array,
  options: VerifyOptions = {},
): Promise<MinuteVerdict> {
  let contents: PdfContents;
  try {
    contents = await readPdfContents(bytes);
  } catch (error) {
    if (error instanceof UnreadablePdfError) {
      return refused('not-a-pdf', 'ce fichier n’est pas un PDF lisible');
    }
    throw error;
  }
  const recordFile = contents.attachments.get(RECORD_ATTACHMENT);
  const signatureFile = contents.attachments.get(SIGNATURE_ATTACHMENT);
  if (!recordFile && !signatureFile) {
    return refused('no-minute', 'aucun procès-verbal signé dans ce fichier');
  }
  if (!recordFile || !signatureFile) {
    const missing = recordFile ? SIGNATURE_ATTACHMENT : RECORD_ATTACHMENT;
    return refused('unreadable-attachment', `fichier joint illisible : ${missing} est absent`);
  }
  if (!recordFile.ok || !signatureFile.ok) {
    const [name, file] = recordFile.ok
      ? [SIGNATURE_ATTACHMENT, signatureFile]
      : [RECORD_ATTACHMENT, recordFile];
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : ${name} (${file.ok ? '' : file.problem})`,
    );
  }

  let signature: MinuteSignature;
  try {
    const parsed = MinuteSignatureSchema.safeParse(parseJson(signatureFile.bytes));
    if (!parsed.success) {
      return refused(
        'unreadable-attachment',
        `fichier joint illisible : ${SIGNATURE_ATTACHMENT} n’a pas la forme d’une signature Délib`,
      );
    }
    signature = parsed.data;
  } catch {
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : ${SIGNATURE_ATTACHMENT} n’est pas du JSON UTF-8`,
    );
  }
  const described: MinuteVerdict['signature'] = {
    keyId: signature.keyId,
    signedAt: signature.signedAt,
    signer: signature.signer,
    publicKey: signature.publicKey,
    centre: signature.centre,
    recordSha256: signature.recordSha256,
    verificationCode: verificationCode(signature.recordSha256),
  };
  const knownKey = options.db ? isKnownPublicKey(options.db, signature.publicKey) : undefined;
  const about = { signature: described, ...(knownKey === undefined ? {} : { knownKey }) };

  const check = checkSignature(recordFile.bytes, signature);
  if (!check.ok) {
    if (check.problem === 'record-altered') {
      return refused(
        'record-altered',
        'le procès-verbal joint a été modifié : son empreinte SHA-256 n’est pas celle qui a été signée',
        about,
      );
    }
    return refused(
      'invalid-signature',
      SIGNATURE_PROBLEMS[check.problem] ?? 'signature invalide',
      about,
    );
  }

  let record: SignedRecord;
  let canonical: string;
  try {
    canonical = new TextDecoder('utf-8', { fatal: true }).decode(recordFile.bytes);
    const parsed = JSON.parse(canonical) as unknown;
    if (!looksLikeRecord(parsed) || canonicalize(parsed) !== canonical) throw new Error('forme');
    record = parsed;
  } catch {
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : ${RECORD_ATTACHMENT} n’est pas un procès-verbal Délib (JSON canonique)`,
      about,
    );
  }
  if (record.jury.id !== signature.juryId || record.session.centre !== signature.centre) {
    return refused(
      'invalid-signature',
      'signature invalide : elle ne désigne pas le jury ou le centre du procès-verbal joint',
      about,
    );
  }
  const signed = { ...about, record };
  const rows =
    record.candidates.length +
    (record.format === FINAL_RECORD_FORMAT ? record.notDeliberated.length : 0);
  if (options.maxCandidates !== undefined && rows > options.maxCandidates) {
    return refused(
      'too-large',
      `procès-verbal trop volumineux pour être vérifié ici (${rows} candidats) : utilisez « delib verify »`,
      signed,
    );
  }

  let rendered: Buffer;
  try {
    rendered = await renderMinutePdf({ canonical, signature });
  } catch {
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : le procès-verbal ${RECORD_ATTACHMENT} ne peut pas être mis en page`,
      signed,
    );
  }
  if (!rendered.equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
    const layout = contents.info.get('DelibLayout');
    if (layout !== undefined && layout !== minuteLayoutOf(record)) {
      return refused(
        'other-layout',
        `mise en page produite par une autre version de Délib (${layout}) : la signature du procès-verbal joint est valide, mais les pages ne peuvent pas être comparées`,
        signed,
      );
    }
    return refused(
      'modified-after-signing',
      'le document a été modifié après signature : ses pages ou ses métadonnées ne sont plus celles du procès-verbal signé (le procès-verbal joint, lui, est intact)',
      signed,
    );
  }

  let reason =
    'procès-verbal authentique : signature valide, document identique à celui produit à la signature';
  if (knownKey === true) reason += ', clé du centre';
  if (knownKey === false)
    reason += ' ; attention : la clé qui a signé n’est pas une clé de ce centre';
  return { authentic: true, code: 'authentic', reason, ...signed };
}
