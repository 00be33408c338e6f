import zlib from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { PDFDict, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { PDF_READING_LIMITS, readPdfContents, UnreadablePdfError } from './read-pdf-attachments.js';

/**
 * `/api/verify` is open to anyone: a PDF is hostile until read. Each file below is a few
 * hundred bytes to a few megabytes, and once stalled the event loop (a name tree pointing
 * twice at itself: 2^33 visits), took a gigabyte (a compressed file inflating to it, or an
 * object stream pdf-lib inflated while loading), or ended in a 500 (no catalog, a catalog's
 * entries of the wrong type). Each is now read within bounds or refused as unreadable, and
 * the server goes on answering.
 */

/** A PDF whose catalog `build` edits. */
async function pdfWith(build: (pdf: PDFDocument, catalog: PDFDict) => void): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.addPage();
  build(pdf, pdf.catalog);
  return pdf.save({ useObjectStreams: false });
}

/** A file specification whose embedded stream is `bytes` compressed with FlateDecode. */
function compressedFile(pdf: PDFDocument, name: string, bytes: Buffer): PDFRef {
  const stream = pdf.context.stream(zlib.deflateSync(bytes, { level: 9 }), {
    Filter: 'FlateDecode',
  });
  const spec = pdf.context.obj({
    Type: 'Filespec',
    F: PDFString.of(name),
    UF: PDFString.of(name),
    EF: { F: pdf.context.register(stream) },
  });
  return pdf.context.register(spec);
}

/** The EmbeddedFiles name tree: one node listing itself twice as its kids. */
function selfListingTree(pdf: PDFDocument, catalog: PDFDict): void {
  const node = pdf.context.obj({});
  const ref = pdf.context.register(node);
  node.set(PDFName.of('Kids'), pdf.context.obj([ref, ref]));
  catalog.set(PDFName.of('Names'), pdf.context.obj({ EmbeddedFiles: ref }));
}

/** An embedded file inflating to 64 MB of zeros (64 KB in the PDF). */
function inflatingFile(pdf: PDFDocument, catalog: PDFDict): void {
  const spec = compressedFile(pdf, 'proces-verbal.json', Buffer.alloc(64 * 1024 * 1024));
  catalog.set(
    PDFName.of('Names'),
    pdf.context.obj({
      EmbeddedFiles: pdf.context.obj({ Names: [PDFString.of('proces-verbal.json'), spec] }),
    }),
  );
  catalog.set(PDFName.of('AF'), pdf.context.obj([spec]));
}

describe('a hostile PDF', () => {
  it('walks a name tree that lists itself once per node', async () => {
    const contents = await readPdfContents(await pdfWith(selfListingTree));
    expect(contents.attachments.size).toBe(0);
  });

  it('refuses a file that inflates past the budget, before inflating it all', async () => {
    const bytes = await pdfWith(inflatingFile);
    expect(bytes.byteLength).toBeLessThan(200_000);
    await expect(readPdfContents(bytes)).rejects.toThrow(UnreadablePdfError);
    await expect(readPdfContents(bytes)).rejects.toThrow(
      `plus de ${PDF_READING_LIMITS.decodedBytes} octets`,
    );
  });

  it('still reads a compressed file within the budget', async () => {
    const record = Buffer.from(JSON.stringify({ candidates: [] }));
    const bytes = await pdfWith((pdf, catalog) => {
      const spec = compressedFile(pdf, 'proces-verbal.json', record);
      catalog.set(
        PDFName.of('Names'),
        pdf.context.obj({
          EmbeddedFiles: pdf.context.obj({ Names: [PDFString.of('proces-verbal.json'), spec] }),
        }),
      );
    });
    const file = (await readPdfContents(bytes)).attachments.get('proces-verbal.json');
    expect(file?.ok && Buffer.from(file.bytes).toString()).toBe(record.toString());
  });

  it('refuses more name-tree entries than the budget allows', async () => {
    const bytes = await pdfWith((pdf, catalog) => {
      const names = [];
      for (let index = 0; index <= PDF_READING_LIMITS.entries; index++)
        names.push(PDFString.of(`f${index}`), pdf.context.obj({}));
      catalog.set(
        PDFName.of('Names'),
        pdf.context.obj({ EmbeddedFiles: pdf.context.obj({ Names: names }) }),
      );
    });
    await expect(readPdfContents(bytes)).rejects.toThrow(UnreadablePdfError);
  });

  it('refuses an object stream before pdf-lib inflates it, however its name is escaped', async () => {
    // 200 KB inflating to 200 MB, which pdf-lib would inflate whole while loading.
    const data = zlib.deflateSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 });
    for (const type of ['/ObjStm', '/Obj#53tm', '/XRef', '/#58Ref']) {
      const bytes = Buffer.concat([
        Buffer.from(
          `%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Type ${type} /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        ),
        data,
        Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
      ]);
      await expect(readPdfContents(bytes), type).rejects.toThrow(/non pris en charge/);
    }
  });

  it('refuses more objects than the budget allows, before parsing them', async () => {
    const objects = Array.from(
      { length: PDF_READING_LIMITS.objects + 1 },
      (_, index) => `${index + 1} 0 obj\n0\nendobj\n`,
    );
    const bytes = Buffer.from(`%PDF-1.7\n${objects.join('')}trailer\n<< /Root 1 0 R >>\n%%EOF\n`);
    await expect(readPdfContents(bytes)).rejects.toThrow(
      `plus de ${PDF_READING_LIMITS.objects} objets`,
    );
  });

  it('reads catalog entries of the wrong type as absent', async () => {
    for (const [key, value] of [
      ['Names', 5],
      ['AF', 7],
      ['MarkInfo', 1],
      ['Metadata', 2],
    ] as const) {
      const bytes = await pdfWith((pdf, catalog) =>
        catalog.set(PDFName.of(key), pdf.context.obj(value)),
      );
      const contents = await readPdfContents(bytes);
      expect(contents.attachments.size, key).toBe(0);
      expect(contents.xmp, key).toBeNull();
    }
  });

  describe('sent to /api/verify', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server.stop();
    });

    const verify = async (bytes: Uint8Array) => {
      const response = await fetch(`${server.url}/api/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf', origin: server.url },
        body: bytes,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    it('gets a French verdict for each, and the server goes on answering', async () => {
      const files = [
        await pdfWith(selfListingTree),
        await pdfWith(inflatingFile),
        Buffer.from('%PDF-1.7\n'),
        await pdfWith((pdf, catalog) => catalog.set(PDFName.of('Names'), pdf.context.obj(5))),
      ];
      for (const file of files) {
        const answer = await verify(file);
        expect(answer.status).toBeLessThan(500);
        expect(JSON.stringify(answer.body)).toMatch(/PDF lisible|aucun procès-verbal/);
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      }
    });
  });
});
