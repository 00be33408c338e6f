import canonicalize from 'canonicalize';
import type { MinuteVerdict, SignedDocumentKind, VerdictCode } from '@delib/protocol';
import { checkSignature, MinuteSignatureSchema, verificationCode } from './minute-signature.js';
import type { MinuteSignature } from './minute-signature.js';
import type { Attachment } from './read-pdf-attachments.js';

/**
 * The pieces every verification shares, whether it starts from a PDF (the minute, the
 * relevés) or from a verification code: reading a signature file, checking it, and the
 * verdict, which says « authentique » only when the key that signed is one the centre
 * publishes. A valid signature by any other key proves that the document is intact, not
 * where it comes from: anyone can make a key and sign a minute of their own.
 */
export interface PublishedKeys {
  /** The centre's public keys (raw Ed25519, base64), as `GET /api/keys` lists them. */
  publishedKeys: readonly string[];
}

export function refused(
  code: VerdictCode,
  reason: string,
  extra: Partial<MinuteVerdict> = {},
): MinuteVerdict {
  return { authentic: false, outcome: 'not-authentic', code, reason, ...extra };
}

const SIGNATURE_PROBLEMS: Record<string, string> = {
  'bad-key': 'signature invalide : la clé publique jointe est illisible',
  'bad-signature':
    'signature invalide : le document joint n’a pas été signé avec la clé publique du fichier',
  'key-id-mismatch':
    'signature invalide : l’identifiant de clé ne correspond pas à la clé publique jointe',
  'bad-attestation':
    'signature invalide : la date, le signataire, la clé ou l’adresse de vérification indiqués ne sont pas ceux qui ont été signés',
};

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** A signature file read from an attachment, or the refusal that says what is wrong with it. */
export function readSignatureAttachment(
  name: string,
  attachment: Attachment & { ok: true },
): MinuteSignature | MinuteVerdict {
  let json: unknown;
  try {
    json = JSON.parse(utf8(attachment.bytes)) as unknown;
  } catch {
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : ${name} n’est pas du JSON UTF-8`,
    );
  }
  const parsed = MinuteSignatureSchema.safeParse(json);
  if (!parsed.success) {
    return refused(
      'unreadable-attachment',
      `fichier joint illisible : ${name} n’a pas la forme d’une signature Délib`,
    );
  }
  return parsed.data;
}

/** The content a signature covers, parsed, if it is canonical JSON of the expected shape. */
export function readCanonicalJson<T>(
  bytes: Uint8Array,
  shaped: (value: unknown) => value is T,
): { canonical: string; value: T } | null {
  try {
    const canonical = utf8(bytes);
    const value = JSON.parse(canonical) as unknown;
    if (!shaped(value) || canonicalize(value) !== canonical) return null;
    return { canonical, value };
  } catch {
    return null;
  }
}

export function describeSignature(signature: MinuteSignature): MinuteVerdict['signature'] {
  return {
    keyId: signature.keyId,
    signedAt: signature.signedAt,
    signer: signature.signer,
    publicKey: signature.publicKey,
    centre: signature.centre,
    recordSha256: signature.recordSha256,
    verificationCode: verificationCode(signature.recordSha256),
  };
}

/** What a verdict says about a signature once it is read: who signed, and whether the key is published. */
export function aboutSignature(
  signature: MinuteSignature,
  options: PublishedKeys,
): Pick<MinuteVerdict, 'signature' | 'knownKey'> {
  return {
    signature: describeSignature(signature),
    knownKey: options.publishedKeys.includes(signature.publicKey),
  };
}

/**
 * Checks the hash, both signatures and the key id of signed bytes; null when they hold, else
 * the refusal. `what` names the document in the message (« le procès-verbal joint »).
 */
export function signatureRefusal(
  bytes: Uint8Array,
  signature: MinuteSignature,
  what: string,
  about: Partial<MinuteVerdict>,
): MinuteVerdict | null {
  const check = checkSignature(bytes, signature);
  if (check.ok) return null;
  if (check.problem === 'record-altered') {
    return refused(
      'record-altered',
      `${what} a été modifié : son empreinte SHA-256 n’est pas celle qui a été signée`,
      about,
    );
  }
  return refused(
    'invalid-signature',
    SIGNATURE_PROBLEMS[check.problem] ?? 'signature invalide',
    about,
  );
}

const DOCUMENT_NAMES: Record<SignedDocumentKind, { one: string; many: string }> = {
  minute: { one: 'procès-verbal', many: 'procès-verbal' },
  transcripts: { one: 'relevé de notes', many: 'relevés de notes' },
};

/**
 * The verdict of a document whose signature holds and whose content is intact (`how` says
 * what was compared): authentic with a published key, « intègre, clé inconnue » otherwise.
 */
export function intactVerdict(
  document: SignedDocumentKind,
  plural: boolean,
  how: string,
  about: Partial<MinuteVerdict>,
): MinuteVerdict {
  const name = plural ? DOCUMENT_NAMES[document].many : DOCUMENT_NAMES[document].one;
  const agreement = plural ? 's' : '';
  if (about.knownKey === true) {
    return {
      authentic: true,
      outcome: 'authentic',
      code: 'authentic',
      reason: `${name} authentique${agreement} : signature valide, ${how}, clé publiée par le centre`,
      document,
      ...about,
    };
  }
  return {
    authentic: false,
    outcome: 'unknown-key',
    code: 'unknown-key',
    reason:
      `${name} intègre${agreement}, clé inconnue : signature valide, ${how}, ` +
      `mais la clé qui a signé (${about.signature?.keyId ?? 'sans identifiant'}) n’est pas une clé publiée par le centre ; ` +
      'rien ne prouve que le document vienne de ce centre',
    document,
    ...about,
  };
}
