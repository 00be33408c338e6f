import {
  decodePDFRawStream,
  ParseSpeeds,
  PDFArray,
  PDFBool,
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
 * the text values of the Info dictionary, and what makes an archival PDF: the catalog's
 * associated files (`/AF`, PDF/A-3) with their relationship, the XMP metadata packet, and
 * whether the document says it is tagged (`/MarkInfo /Marked true`, a `/StructTreeRoot`).
 */
export type Attachment = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

/** A file of the catalog's `/AF` array. */
export interface AssociatedFile {
  /** `/Data`, `/Source`, `/Supplement`, `/Alternative`, `/Unspecified` (without the slash). */
  relationship: string | null;
  file: Attachment;
}

export interface PdfContents {
  attachments: Map<string, Attachment>;
  info: Map<string, string>;
  /** The catalog's associated files, by file name (`/UF`, else `/F`), in the array's order. */
  associatedFiles: Map<string, AssociatedFile>;
  /** The catalog's XMP metadata, as text; null without one. */
  xmp: string | null;
  /** `/MarkInfo << /Marked true >>` and a `/StructTreeRoot` in the catalog. */
  tagged: { marked: boolean; structTreeRoot: boolean };
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
  const associatedFiles = new Map<string, AssociatedFile>();
  const af = pdf.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  for (let index = 0; index < (af?.size() ?? 0); index++) {
    const spec = af?.lookup(index);
    if (!(spec instanceof PDFDict)) continue;
    const name = text(spec.lookup(PDFName.of('UF'))) ?? text(spec.lookup(PDFName.of('F')));
    const relationship = spec.lookup(PDFName.of('AFRelationship'));
    if (name !== null && !associatedFiles.has(name)) {
      associatedFiles.set(name, {
        relationship: relationship instanceof PDFName ? relationship.decodeText() : null,
        file: readAttachment(spec),
      });
    }
  }
  const metadata = pdf.catalog.lookup(PDFName.of('Metadata'));
  let xmp: string | null = null;
  if (metadata instanceof PDFRawStream) {
    try {
      xmp = new TextDecoder().decode(decodePDFRawStream(metadata).decode());
    } catch {
      xmp = null;
    }
  }
  const markInfo = pdf.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const marked = markInfo?.lookup(PDFName.of('Marked'));
  const tagged = {
    marked: marked instanceof PDFBool && marked.asBoolean(),
    structTreeRoot: pdf.catalog.lookup(PDFName.of('StructTreeRoot')) instanceof PDFDict,
  };
  const info = new Map<string, string>();
  const infoDict = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (infoDict instanceof PDFDict) {
    for (const [key, value] of infoDict.entries()) {
      const decoded = text(pdf.context.lookup(value));
      if (decoded !== null) info.set(key.decodeText(), decoded);
    }
  }
  return { attachments, info, associatedFiles, xmp, tagged };
}
