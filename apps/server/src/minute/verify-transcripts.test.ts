import fs from 'node:fs';
import canonicalize from 'canonicalize';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FinalRecord, TranscriptExtract } from '@delib/protocol';
import { signCanonicalRecord, verificationCode } from './minute-signature.js';
import { LEGACY_TRANSCRIPTS_LAYOUT, renderTranscriptsPdf } from './render-transcripts-pdf.js';
import {
  fixedSigningKey,
  signedSyntheticTranscripts,
  TEST_VERIFIER_URL,
} from './test-support/minute-fixtures.js';
import { transcriptExtract } from './transcript-extracts.js';
import { pdfPageTexts } from './test-support/pdf-text.js';
import type { SignedTranscript } from './transcript-extracts.js';
import { verifySignedPdf } from './verify-signed-pdf.js';
import { withByte } from './test-support/pdf-bytes.js';

const published = { publishedKeys: [fixedSigningKey().publicKey] };

describe('verifying relevés de notes from the file alone', () => {
  let transcripts: SignedTranscript[];
  let pdf: Buffer;
  beforeAll(async () => {
    transcripts = signedSyntheticTranscripts(4);
    pdf = await renderTranscriptsPdf(transcripts);
  });

  it('recognises genuine relevés and declares them authentic, each with its own code', async () => {
    const verdict = await verifySignedPdf(pdf, published);
    expect(verdict).toMatchObject({
      authentic: true,
      outcome: 'authentic',
      code: 'authentic',
      document: 'transcripts',
      knownKey: true,
    });
    expect(verdict.reason).toMatch(/^relevés de notes authentiques/);
    expect(verdict.transcripts?.map((t) => t.verificationCode)).toEqual(
      transcripts.map((t) => verificationCode(t.signature.recordSha256)),
    );
    const extract = JSON.parse(transcripts[1]?.canonical ?? '') as TranscriptExtract;
    expect(verdict.transcripts?.[1]?.extract).toEqual(extract);
    expect(verdict.record).toBeUndefined();
  });

  it('still declares authentic relevés of a record of format 2, in the layout they were signed in', async () => {
    const record = JSON.parse(
      fs.readFileSync(
        new URL('./test-support/minute-layout-2-fixture.json', import.meta.url),
        'utf8',
      ),
    ) as FinalRecord;
    const meta = {
      juryId: 1,
      signedAt: '2027-06-04T16:32:00.000Z',
      signer: 'Claire Fontaine',
      verifierUrl: TEST_VERIFIER_URL,
    };
    const former = record.candidates.slice(0, 2).map((candidate) => {
      const canonical = canonicalize(
        transcriptExtract(record, 'ab'.repeat(32), candidate),
      ) as string;
      return { canonical, signature: signCanonicalRecord(canonical, fixedSigningKey(), meta) };
    });
    expect(JSON.parse(former[0]?.canonical ?? '')).toMatchObject({
      format: 'delib.transcript-extract/1',
    });
    const releves = await renderTranscriptsPdf(former);
    expect(releves.includes(`(${LEGACY_TRANSCRIPTS_LAYOUT})`, 0, 'latin1')).toBe(true);
    expect(await verifySignedPdf(releves, published)).toMatchObject({
      authentic: true,
      document: 'transcripts',
    });
  });

  it('verifies one candidate’s relevé, which carries no one else’s marks', async () => {
    const one = await renderTranscriptsPdf(transcripts.slice(2, 3));
    const verdict = await verifySignedPdf(one, published);
    expect(verdict).toMatchObject({ authentic: true, document: 'transcripts' });
    expect(verdict.reason).toMatch(/^relevé de notes authentique/);
    expect(verdict.transcripts).toHaveLength(1);
    const others = transcripts
      .filter((_t, index) => index !== 2)
      .map((t) => (JSON.parse(t.canonical) as TranscriptExtract).candidate.number);
    const text = one.toString('latin1');
    for (const number of others) expect(text).not.toContain(number);
    expect((await pdfPageTexts(one)).join('\n')).toContain('Relevé 1 / 1');
  });

  it('says « intègre, clé inconnue » when the key is not published', async () => {
    const verdict = await verifySignedPdf(pdf, { publishedKeys: [] });
    expect(verdict).toMatchObject({
      authentic: false,
      outcome: 'unknown-key',
      code: 'unknown-key',
      document: 'transcripts',
    });
    expect(verdict.reason).toMatch(/^relevés de notes intègres, clé inconnue/);
  });

  it('catches one byte of an attached extract', async () => {
    const marker = '"averageDisplay":"';
    const at = pdf.indexOf(marker, 0, 'latin1') + marker.length;
    const digit = String.fromCharCode(pdf[at] as number);
    const verdict = await verifySignedPdf(withByte(pdf, at, digit === '1' ? '2' : '1'), published);
    expect(verdict).toMatchObject({ outcome: 'not-authentic', code: 'record-altered' });
  });

  it('catches one byte of the visible pages', async () => {
    const at = pdf.indexOf(' 13 Tf', 0, 'latin1') + 2;
    const verdict = await verifySignedPdf(withByte(pdf, at, '9'), published);
    expect(verdict).toMatchObject({ outcome: 'not-authentic', code: 'modified-after-signing' });
    expect(verdict.transcripts).toHaveLength(4);
  });

  it('refuses relevés signed apart (another key for one of them)', async () => {
    const [other] = signedSyntheticTranscripts(1, fixedSigningKey(9));
    const mixed = await renderTranscriptsPdf([
      transcripts[0] as SignedTranscript,
      other as SignedTranscript,
    ]);
    const verdict = await verifySignedPdf(mixed, {
      publishedKeys: [fixedSigningKey().publicKey, fixedSigningKey(9).publicKey],
    });
    expect(verdict).toMatchObject({ authentic: false, code: 'invalid-signature' });
  });

  it('does not render again more relevés than the given number', async () => {
    const verdict = await verifySignedPdf(pdf, { ...published, maxTranscripts: 3 });
    expect(verdict).toMatchObject({ authentic: false, code: 'too-large', document: 'transcripts' });
  });

  it('renders byte-identical relevés for the same extracts, without compression', async () => {
    const again = await renderTranscriptsPdf(structuredClone(transcripts));
    expect(again.equals(pdf)).toBe(true);
    expect(pdf.includes('/FlateDecode', 0, 'latin1')).toBe(false);
  });
});
