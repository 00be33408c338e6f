import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import {
  fixedSigningKey,
  signedSyntheticMinute,
  signedSyntheticTranscripts,
  syntheticRecord,
  TEST_VERIFIER_URL,
} from './test-support/minute-fixtures.js';
import { pdfStructure } from './test-support/pdf-structure-tree.js';
import {
  checkSignature,
  MinuteSignatureSchema,
  sha256Hex,
  signCanonicalRecord,
} from './minute-signature.js';
import { readPdfContents } from './read-pdf-attachments.js';
import type { PdfContents } from './read-pdf-attachments.js';
import {
  MINUTE_LAYOUT,
  RECORD_ATTACHMENT,
  renderMinutePdf,
  SIGNATURE_ATTACHMENT,
} from './render-minute-pdf.js';
import {
  renderTranscriptsPdf,
  transcriptAttachmentNames,
  TRANSCRIPTS_LAYOUT,
} from './render-transcripts-pdf.js';

/**
 * The PV and the relevés of a record of format 3 are archival and accessible PDFs: PDF/A-3b
 * (the XMP says part 3, conformance B), with the signed record embedded as associated files
 * (the catalog's /AF, as Factur-X embeds an invoice's data), and tagged (MarkInfo, a
 * structure tree with headings and tables of TH and TD cells holding their text).
 */
function xmpProperty(xmp: string, name: string): string | null {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp)?.[1] ?? null;
}

function bytesOf(contents: PdfContents, name: string): Uint8Array {
  const file = contents.associatedFiles.get(name)?.file;
  if (!file?.ok) throw new Error(`${name} : fichier associé absent ou illisible`);
  return file.bytes;
}

function expectArchival(contents: PdfContents): void {
  const xmp = contents.xmp ?? '';
  expect(xmpProperty(xmp, 'pdfaid:part')).toBe('3');
  expect(xmpProperty(xmp, 'pdfaid:conformance')).toBe('B');
  // The XMP says what the Info dictionary says (PDF/A wants them equivalent).
  expect(xmp).toContain(`<pdf:Producer>${contents.info.get('Producer') ?? '?'}</pdf:Producer>`);
  expect(xmpProperty(xmp, 'xmp:CreateDate')).toBe(xmpProperty(xmp, 'xmp:ModifyDate'));
  expect(contents.tagged).toEqual({ marked: true, structTreeRoot: true });
  // Every embedded file is an associated file, and the other way round.
  expect([...contents.associatedFiles.keys()].sort()).toEqual(
    [...contents.attachments.keys()].sort(),
  );
}

describe('the PV of a record of format 3', () => {
  it('is PDF/A-3b, tagged, with the signed record and its signature as associated files', async () => {
    const signed = signedSyntheticMinute(30);
    const pdf = await renderMinutePdf(signed);
    const contents = await readPdfContents(pdf);
    expect(contents.info.get('DelibLayout')).toBe(MINUTE_LAYOUT);
    expectArchival(contents);

    // Exactly the two files the signature is about, the record as the pages' data.
    expect([...contents.associatedFiles.keys()]).toEqual([RECORD_ATTACHMENT, SIGNATURE_ATTACHMENT]);
    expect(contents.associatedFiles.get(RECORD_ATTACHMENT)?.relationship).toBe('Data');
    expect(contents.associatedFiles.get(SIGNATURE_ATTACHMENT)?.relationship).toBe('Supplement');
    const record = bytesOf(contents, RECORD_ATTACHMENT);
    const signature = MinuteSignatureSchema.parse(
      JSON.parse(new TextDecoder().decode(bytesOf(contents, SIGNATURE_ATTACHMENT))),
    );
    expect(Buffer.from(record).toString('utf8')).toBe(signed.canonical);
    expect(sha256Hex(record)).toBe(signature.recordSha256);
    expect(checkSignature(record, signature)).toEqual({ ok: true });
  });

  it('has a structure a screen reader can follow: a title, headings, tables of TH and TD', async () => {
    const structure = await pdfStructure(await renderMinutePdf(signedSyntheticMinute(30)));
    expect(structure.top[0]).toBe('H1');
    expect(structure.elements.get('H1')).toBe(1);
    expect(structure.elements.get('H2')).toBeGreaterThanOrEqual(5);
    // Results, not deliberated, adjustments, confirmations, contrôle, legend.
    expect(structure.elements.get('Table')).toBeGreaterThanOrEqual(5);
    // The results table alone: one header row of 2 + 11 units + 4 columns, a row per candidate.
    expect(structure.elements.get('TH')).toBeGreaterThanOrEqual(17);
    expect(structure.contents.get('TH')).toBe(structure.elements.get('TH'));
    expect(structure.elements.get('TR')).toBeGreaterThan(30);
    expect(structure.contents.get('TD')).toBeGreaterThan(30 * 8);
    // Every cell is read, an empty one (an optional unit not taken) as empty.
    expect(structure.contents.get('TD')).toBe(structure.elements.get('TD'));
  });
  it('writes a title with « & » and « < » as valid XMP, equal to the Info dictionary’s', async () => {
    const record = syntheticRecord(3);
    record.jury.name = 'Jury A & B <MCO>';
    const canonical = canonicalize(record) as string;
    const signature = signCanonicalRecord(canonical, fixedSigningKey(), {
      juryId: record.jury.id,
      signedAt: '2027-06-04T16:32:00.000Z',
      signer: 'Claire Fontaine',
      verifierUrl: TEST_VERIFIER_URL,
    });
    const contents = await readPdfContents(await renderMinutePdf({ canonical, signature }));
    const title = contents.info.get('Title') ?? '';
    expect(title).toContain('Jury A & B <MCO>');
    const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(contents.xmp).toContain(`<rdf:li xml:lang="x-default">${escaped}</rdf:li>`);
    expect(contents.xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  });
});

describe('the relevés of a record of format 3', () => {
  it('are PDF/A-3b, tagged, with each signed extract and its signature as associated files', async () => {
    const transcripts = signedSyntheticTranscripts(6);
    const pdf = await renderTranscriptsPdf(transcripts);
    const contents = await readPdfContents(pdf);
    expect(contents.info.get('DelibLayout')).toBe(TRANSCRIPTS_LAYOUT);
    expectArchival(contents);
    expect(contents.associatedFiles.size).toBe(2 * transcripts.length);
    transcripts.forEach((transcript, index) => {
      const names = transcriptAttachmentNames(index + 1);
      expect(contents.associatedFiles.get(names.extract)?.relationship).toBe('Data');
      const extract = bytesOf(contents, names.extract);
      const signature = MinuteSignatureSchema.parse(
        JSON.parse(new TextDecoder().decode(bytesOf(contents, names.signature))),
      );
      expect(Buffer.from(extract).toString('utf8')).toBe(transcript.canonical);
      expect(checkSignature(extract, signature)).toEqual({ ok: true });
    });
    const structure = await pdfStructure(pdf);
    expect(structure.elements.get('H1')).toBe(transcripts.length);
    expect(structure.elements.get('TH')).toBeGreaterThanOrEqual(6 * transcripts.length);
    expect(structure.contents.get('TD')).toBeGreaterThan(8 * 5 * transcripts.length);
  });
});
