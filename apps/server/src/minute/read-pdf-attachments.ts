import {
  decodePDFRawStream,
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';

/**
 * Reads what a PDF carries with pdf-lib (no PDF parsing of our own): the files of the
 * catalog's EmbeddedFiles name tree, decoded (FlateDecode and the other standard filters),
 * and the text values of the Info dictionary.
 */
export type Attachment = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

export interface PdfContents {
  attachments: Map<string, Attachment>;
  info: Map<string, string>;
}

export class UnreadablePdfError extends Error {}

function text(value: unknown): string | null {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

function readAttachment(spec: unknown): Attachment {
  if (!(spec instanceof PDFDict)) return { ok: false, problem: 'description de fichier absente' };
  const embedded = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
  const stream = embedded?.lookup(PDFName.of('F'));
  if (!(stream instanceof PDFRawStream)) return { ok: false, problem: 'contenu absent' };
  try {
    return { ok: true, bytes: decodePDFRawStream(stream).decode() };
  } catch (error) {
    return {
      ok: false,
      problem: `flux illisible (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/** Walks a name tree (Names pairs and Kids), depth-limited against loops. */
function walkNameTree(
  node: PDFDict,
  visit: (name: string, value: unknown) => void,
  depth = 0,
): void {
  if (depth > 32) return;
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (names) {
    for (let index = 0; index + 1 < names.size(); index += 2) {
      const name = text(names.lookup(index));
      if (name !== null) visit(name, names.lookup(index + 1));
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) {
    for (let index = 0; index < kids.size(); index++) {
      const kid = kids.lookup(index);
      if (kid instanceof PDFDict) walkNameTree(kid, visit, depth + 1);
    }
  }
}

export async function readPdfContents(bytes: Uint8Array): Promise<PdfContents> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
    });
  } catch (error) {
    throw new UnreadablePdfError(error instanceof Error ? error.message : String(error));
  }
  const attachments = new Map<string, Attachment>();
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (tree) {
    walkNameTree(tree, (name, spec) => {
      // The first file of a name wins: a second one cannot shadow the signed record.
      if (!attachments.has(name)) attachments.set(name, readAttachment(spec));
    });
  }
  const info = new Map<string, string>();
  const infoDict = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (infoDict instanceof PDFDict) {
    for (const [key, value] of infoDict.entries()) {
      const decoded = text(pdf.context.lookup(value));
      if (decoded !== null) info.set(key.decodeText(), decoded);
    }
  }
  return { attachments, info };
}
