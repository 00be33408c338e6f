import type { MinuteVerdict, VerifiedTranscript } from '@delib/protocol';
import { verificationCode } from './minute-signature.js';
import type { PdfContents } from './read-pdf-attachments.js';
import {
  renderTranscriptsPdfAndFormer,
  transcriptAttachmentIndex,
  transcriptAttachmentNames,
  transcriptsLayoutOf,
} from './render-transcripts-pdf.js';
import type { TranscriptsRenderings } from './render-transcripts-pdf.js';
import { looksLikeExtract } from './transcript-extracts.js';
import type { SignedTranscript } from './transcript-extracts.js';
import {
  aboutSignature,
  intactVerdict,
  readCanonicalJson,
  readSignatureAttachment,
  refused,
  signatureRefusal,
} from './verification-verdicts.js';
import type { VerifyOptions } from './verify-minute-pdf.js';

/** How many relevés a PDF's attachments announce (`releve-0001.json`, …); 0 for none. */
export function transcriptCount(contents: PdfContents): number {
  let count = 0;
  for (const name of contents.attachments.keys()) {
    const index = transcriptAttachmentIndex(name);
    if (index !== null) count = Math.max(count, index);
  }
  return count;
}

/**
 * Verification of relevés de notes from the file alone, as for the minute: each relevé's
 * extract must be the one its signature covers (hash, both Ed25519 signatures, key id); all
 * must be signed together (same key, date and signer); the relevés rendered again from the
 * carried extracts and signatures must be, byte for byte, the given file (or, for relevés
 * handed out before a relevé that reaches into its code's space was drawn long, the former
 * rendering of those same extracts, see below); and they are authentic only when the key is
 * one the centre publishes.
 */
export async function verifyTranscriptsContents(
  bytes: Uint8Array,
  contents: PdfContents,
  options: VerifyOptions,
): Promise<MinuteVerdict> {
  const count = transcriptCount(contents);
  const document = { document: 'transcripts' as const };
  if (options.maxTranscripts !== undefined && count > options.maxTranscripts) {
    return refused(
      'too-large',
      `relevés trop nombreux pour être vérifiés ici (${count}) : utilisez « delib verify »`,
      document,
    );
  }
  const transcripts: SignedTranscript[] = [];
  const verified: VerifiedTranscript[] = [];
  let about: Partial<MinuteVerdict> = document;
  for (let n = 1; n <= count; n++) {
    const names = transcriptAttachmentNames(n);
    const extractFile = contents.attachments.get(names.extract);
    const signatureFile = contents.attachments.get(names.signature);
    if (!extractFile?.ok || !signatureFile?.ok) {
      const [name, file] = extractFile?.ok
        ? [names.signature, signatureFile]
        : [names.extract, extractFile];
      return refused(
        'unreadable-attachment',
        `fichier joint illisible : ${name} ${file ? `(${file.ok ? '' : file.problem})` : 'est absent'}`,
        about,
      );
    }
    const read = readSignatureAttachment(names.signature, signatureFile);
    if ('reason' in read) return { ...read, ...about };
    const first = transcripts[0]?.signature;
    if (first === undefined) {
      about = { ...document, ...aboutSignature(read, options) };
    } else if (
      read.publicKey !== first.publicKey ||
      read.signedAt !== first.signedAt ||
      read.signer !== first.signer ||
      read.juryId !== first.juryId
    ) {
      return refused(
        'invalid-signature',
        `signature invalide : le relevé ${n} n’a pas été signé avec les autres (clé, date, signataire ou jury différents)`,
        about,
      );
    }
    const invalid = signatureRefusal(extractFile.bytes, read, `le relevé joint ${n}`, about);
    if (invalid) return invalid;
    const parsed = readCanonicalJson(extractFile.bytes, looksLikeExtract);
    if (!parsed) {
      return refused(
        'unreadable-attachment',
        `fichier joint illisible : ${names.extract} n’est pas un relevé Délib (JSON canonique)`,
        about,
      );
    }
    if (parsed.value.jury.id !== read.juryId || parsed.value.session.centre !== read.centre) {
      return refused(
        'invalid-signature',
        `signature invalide : elle ne désigne pas le jury ou le centre du relevé joint ${n}`,
        about,
      );
    }
    transcripts.push({ canonical: parsed.canonical, signature: read });
    verified.push({
      verificationCode: verificationCode(read.recordSha256),
      extract: parsed.value,
    });
  }
  const signed = { ...about, transcripts: verified };

  let rendered: TranscriptsRenderings;
  try {
    rendered = await renderTranscriptsPdfAndFormer(transcripts);
  } catch {
    return refused(
      'unreadable-attachment',
      'fichier joint illisible : les relevés joints ne peuvent pas être mis en page',
      signed,
    );
  }
  const given = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!rendered.pdf.equals(given)) {
    const layout = contents.info.get('DelibLayout');
    if (
      layout !== undefined &&
      layout !== transcriptsLayoutOf(verified.map((transcript) => transcript.extract))
    ) {
      return refused(
        'other-layout',
        `mise en page produite par une autre version de Délib (${layout}) : la signature des relevés joints est valide, mais les pages ne peuvent pas être comparées`,
        signed,
      );
    }
    // Relevés handed out before a relevé whose body reached into the space of its code was
    // drawn long (it was printed on its one page, its last lines under its code): the same
    // signed extracts, the same layout, rendered under the former rule. Tried only when that
    // rule draws these extracts otherwise (`former` is null when not), and accepted only when
    // the file is, byte for byte, that rendering of what was signed. Not a layout of its own:
    // the rule changed no relevé that stays clear of its code, and bumping TRANSCRIPTS_LAYOUT
    // (written in every file) would have changed the bytes of all of them.
    const former = rendered.former ? await rendered.former() : null;
    if (!former?.equals(given)) {
      return refused(
        'modified-after-signing',
        'le document a été modifié après signature : ses pages ou ses métadonnées ne sont plus celles des relevés signés (les relevés joints, eux, sont intacts)',
        signed,
      );
    }
  }
  return intactVerdict(
    'transcripts',
    count > 1,
    'document identique à celui produit à la signature',
    signed,
  );
}
