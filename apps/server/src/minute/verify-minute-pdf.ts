import type { MinuteVerdict, SignedRecord } from '@delib/protocol';
import {
  FINAL_RECORD_FORMAT,
  LEGACY_RECORD_FORMAT,
  RECORD_FORMAT_2,
} from '../deliberation/final-record.js';
import { RECTIFIED_RECORD_FORMAT } from '../deliberation/rectified-record.js';
import type { MinuteSignature } from './minute-signature.js';
import type { PdfContents } from './read-pdf-attachments.js';
import {
  minuteLayoutOf,
  RECORD_ATTACHMENT,
  renderMinutePdf,
  SIGNATURE_ATTACHMENT,
} from './render-minute-pdf.js';
import {
  aboutSignature,
  intactVerdict,
  readCanonicalJson,
  readSignatureAttachment,
  refused,
  signatureRefusal,
} from './verification-verdicts.js';
import type { PublishedKeys } from './verification-verdicts.js';

export interface VerifyOptions extends PublishedKeys {
  /**
   * Largest number of candidates rendered again. Rendering is synchronous CPU work: a public
   * endpoint caps it (a self-signed file could carry any number); the command line does not.
   */
  maxCandidates?: number;
  /** The same for relevés, a page each: the largest number rendered again. */
  maxTranscripts?: number;
}

/** A record of the current format, or of the former one (minutes signed before still verify). */
export function looksLikeRecord(value: unknown): value is SignedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof SignedRecord | 'notDeliberated', unknown>>;
  const shared =
    typeof record.session === 'object' &&
    typeof record.jury === 'object' &&
    Array.isArray(record.members) &&
    Array.isArray(record.candidates);
  if (record.format === LEGACY_RECORD_FORMAT) return shared;
  const current =
    record.format === FINAL_RECORD_FORMAT ||
    record.format === RECORD_FORMAT_2 ||
    (record.format === RECTIFIED_RECORD_FORMAT &&
      Array.isArray((record as { rectifications?: unknown }).rectifications) &&
      typeof (record as { original?: unknown }).original === 'object');
  return current && shared && Array.isArray(record.notDeliberated);
}

/** Whether a PDF's attachments are those of a minute (`proces-verbal.json`, `signature.json`). */
export function carriesMinute(contents: PdfContents): boolean {
  return (
    contents.attachments.has(RECORD_ATTACHMENT) || contents.attachments.has(SIGNATURE_ATTACHMENT)
  );
}

/**
 * Verification of a signed minute from the file alone:
 *
 * 1. read the attached record and signature (pdf-lib);
 * 2. the record's SHA-256 must be the one that was signed;
 * 3. both Ed25519 signatures (record; date, signer, key and verification page) must hold
 *    with the public key the file carries, and the key id must be that key's;
 * 4. the minute rendered again from the carried record and signature must be, byte for byte,
 *    the given file: the visible pages, the QR codes, the metadata and the attachments are
 *    all covered;
 * 5. the key the file carries proves integrity, not origin: the minute is authentic only
 *    when that key is one the centre publishes (`publishedKeys`, see `GET /api/keys`).
 */
export async function verifyMinuteContents(
  bytes: Uint8Array,
  contents: PdfContents,
  options: VerifyOptions,
): Promise<MinuteVerdict> {
  const recordFile = contents.attachments.get(RECORD_ATTACHMENT);
  const signatureFile = contents.attachments.get(SIGNATURE_ATTACHMENT);
  const document = { document: 'minute' as const };
  if (!recordFile || !signatureFile) {
    const missing = recordFile ? SIGNATURE_ATTACHMENT : RECORD_ATTACHMENT;
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : ${missing} est absent`,
      document,
    );
  }
  if (!recordFile.ok || !signatureFile.ok) {
    const [name, file] = recordFile.ok
      ? [SIGNATURE_ATTACHMENT, signatureFile]
      : [RECORD_ATTACHMENT, recordFile];
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : ${name} (${file.ok ? '' : file.problem})`,
      document,
    );
  }

  const read = readSignatureAttachment(SIGNATURE_ATTACHMENT, signatureFile);
  if ('reason' in read) return { ...read, ...document };
  const signature: MinuteSignature = read;
  const about = { ...document, ...aboutSignature(signature, options) };
  const invalid = signatureRefusal(recordFile.bytes, signature, 'le procès-verbal joint', about);
  if (invalid) return invalid;

  const parsed = readCanonicalJson(recordFile.bytes, looksLikeRecord);
  if (!parsed) {
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : ${RECORD_ATTACHMENT} n’est pas un procès-verbal Délib (JSON canonique)`,
      about,
    );
  }
  const { canonical, value: record } = parsed;
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
    (record.format === LEGACY_RECORD_FORMAT ? 0 : record.notDeliberated.length);
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
    if (layout !== undefined && layout !== minuteLayoutOf(record, signature)) {
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
  return intactVerdict(
    'minute',
    false,
    'document identique à celui produit à la signature',
    signed,
  );
}
