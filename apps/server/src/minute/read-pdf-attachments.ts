import zlib from 'node:zlib';
import {
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

/**
 * What reading one PDF may cost, whatever the file says: a verification is open to anyone,
 * and a PDF of a few hundred bytes can describe a name tree that loops on itself, a file of a
 * megabyte can inflate to a gigabyte. Délib's own PDFs embed a handful of files, uncompressed,
 * of a few hundred kilobytes at most.
 */
export const PDF_READING_LIMITS = {
  /** Bytes decoded over every embedded file and the XMP packet of one PDF. */
  decodedBytes: 16 * 1024 * 1024,
  /** Nodes of the EmbeddedFiles name tree, and entries of its Names arrays and of `/AF`. */
  entries: 4096,
  /** Indirect objects in the file (a relevé is about a hundred per candidate). */
  objects: 100_000,
} as const;

/** What is left to spend reading one PDF. */
interface ReadingBudget {
  decodedBytes: number;
  entries: number;
}

const readingBudget = (): ReadingBudget => ({
  decodedBytes: PDF_READING_LIMITS.decodedBytes,
  entries: PDF_READING_LIMITS.entries,
});

class ReadingLimitError extends Error {}

function spendEntry(budget: ReadingBudget): void {
  budget.entries -= 1;
  if (budget.entries < 0)
    throw new ReadingLimitError(
      `plus de ${PDF_READING_LIMITS.entries} fichiers ou nœuds de fichiers joints`,
    );
}

const decodedPastBudget = (): ReadingLimitError =>
  new ReadingLimitError(
    `fichiers joints de plus de ${PDF_READING_LIMITS.decodedBytes} octets une fois décompressés`,
  );

/**
 * A stream's bytes: stored as they are, or FlateDecode without predictor (what a PDF writer
 * uses for an embedded file), inflated within the budget. Any other filter is refused rather
 * than decoded without a bound.
 */
function decodeStream(stream: PDFRawStream, budget: ReadingBudget): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters =
    filter === undefined ? [] : filter instanceof PDFArray ? filter.asArray() : [filter];
  const names = filters.map((item) => (item instanceof PDFName ? item.decodeText() : 'inconnu'));
  let bytes: Uint8Array;
  if (names.length === 0) {
    bytes = stream.contents;
  } else if (
    names.length === 1 &&
    names[0] === 'FlateDecode' &&
    stream.dict.lookup(PDFName.of('DecodeParms')) === undefined
  ) {
    try {
      bytes = zlib.inflateSync(stream.contents, {
        maxOutputLength: Math.max(1, budget.decodedBytes),
        // Lenient on a truncated stream, as PDF readers are.
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw decodedPastBudget();
      throw error;
    }
  } else {
    throw new Error(`filtre ${names.join(', ')} non pris en charge`);
  }
  budget.decodedBytes -= bytes.byteLength;
  if (budget.decodedBytes < 0) throw decodedPastBudget();
  return bytes;
}

function readAttachment(spec: unknown, budget: ReadingBudget): Attachment {
  if (!(spec instanceof PDFDict)) return { ok: false, problem: 'description de fichier absente' };
  const embedded = spec.lookup(PDFName.of('EF'));
  const stream = embedded instanceof PDFDict ? embedded.lookup(PDFName.of('F')) : undefined;
  if (!(stream instanceof PDFRawStream)) return { ok: false, problem: 'contenu absent' };
  try {
    return { ok: true, bytes: decodeStream(stream, budget) };
  } catch (error) {
    // Past the budget the whole PDF is refused, not this file alone.
    if (error instanceof ReadingLimitError) throw error;
    return {
      ok: false,
      problem: `flux illisible (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/**
 * Walks a name tree (Names pairs and Kids): each node once, however often the tree points
 * at it (a loop, or a node listed twice at every level), and within the budget's entries.
 */
function walkNameTree(
  node: PDFDict,
  visit: (name: string, value: unknown) => void,
  budget: ReadingBudget,
  seen = new Set<PDFDict>(),
): void {
  if (seen.has(node)) return;
  seen.add(node);
  spendEntry(budget);
  const names = node.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let index = 0; index + 1 < names.size(); index += 2) {
      spendEntry(budget);
      const name = text(names.lookup(index));
      if (name !== null) visit(name, names.lookup(index + 1));
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) {
    for (let index = 0; index < kids.size(); index++) {
      const kid = kids.lookup(index);
      if (kid instanceof PDFDict) walkNameTree(kid, visit, budget, seen);
    }
  }
}

/** A stream pdf-lib inflates whole while loading: an object stream or a cross-reference stream. */
const INFLATED_ON_LOAD = /\/(?:ObjStm|XRef)(?![^\s/<>[\]()%{}])/;

/** An indirect object's header (`12 0 obj`). */
const OBJECT_HEADER = /\d+\s+\d+\s+obj(?![^\s/<>[\]()%{}])/g;

/**
 * Refuses, before pdf-lib reads it, a PDF that would cost more than its budget while loading:
 * pdf-lib inflates object and cross-reference streams whole, without a bound (a 200 KB file
 * took 200 MB), and keeps every object in memory. Délib's own PDFs use neither kind of stream
 * and hold a few thousand objects. Names are compared with their `#xx` escapes decoded, as
 * pdf-lib reads them (`/Obj#53tm` is `/ObjStm`).
 */
function checkLoadCost(bytes: Uint8Array): void {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const names = source.includes('#')
    ? source.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
    : source;
  if (INFLATED_ON_LOAD.test(names))
    throw new UnreadablePdfError('flux d’objets ou de références compressé, non pris en charge');
  let objects = 0;
  OBJECT_HEADER.lastIndex = 0;
  while (OBJECT_HEADER.exec(source) !== null) {
    objects += 1;
    if (objects > PDF_READING_LIMITS.objects)
      throw new UnreadablePdfError(`plus de ${PDF_READING_LIMITS.objects} objets`);
  }
}

export async function readPdfContents(bytes: Uint8Array): Promise<PdfContents> {
  checkLoadCost(bytes);
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      // Yields to the event loop every 500 objects: other requests go on meanwhile.
      parseSpeed: ParseSpeeds.Medium,
    });
  } catch (error) {
    throw new UnreadablePdfError(error instanceof Error ? error.message : String(error));
  }
  try {
    return readCatalog(pdf);
  } catch (error) {
    // A catalog that is missing or of the wrong shape, a loop, a bomb: not a PDF we can read.
    throw new UnreadablePdfError(error instanceof Error ? error.message : String(error));
  }
}

/** What the catalog and the Info dictionary hold; throws on anything out of shape. */
function readCatalog(pdf: PDFDocument): PdfContents {
  const budget = readingBudget();
  const { catalog } = pdf;
  if (!(catalog instanceof PDFDict)) throw new Error('catalogue absent');
  const attachments = new Map<string, Attachment>();
  const names = catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('EmbeddedFiles')) : undefined;
  if (tree instanceof PDFDict) {
    walkNameTree(
      tree,
      (name, spec) => {
        // The first file of a name wins: a second one cannot shadow the signed record.
        if (!attachments.has(name)) attachments.set(name, readAttachment(spec, budget));
      },
      budget,
    );
  }
  const associatedFiles = new Map<string, AssociatedFile>();
  const af = catalog.lookup(PDFName.of('AF'));
  const afSize = af instanceof PDFArray ? af.size() : 0;
  for (let index = 0; af instanceof PDFArray && index < afSize; index++) {
    spendEntry(budget);
    const spec = af.lookup(index);
    if (!(spec instanceof PDFDict)) continue;
    const name = text(spec.lookup(PDFName.of('UF'))) ?? text(spec.lookup(PDFName.of('F')));
    const relationship = spec.lookup(PDFName.of('AFRelationship'));
    if (name !== null && !associatedFiles.has(name)) {
      associatedFiles.set(name, {
        relationship: relationship instanceof PDFName ? relationship.decodeText() : null,
        file: readAttachment(spec, budget),
      });
    }
  }
  const metadata = catalog.lookup(PDFName.of('Metadata'));
  let xmp: string | null = null;
  if (metadata instanceof PDFRawStream) {
    try {
      xmp = new TextDecoder().decode(decodeStream(metadata, budget));
    } catch (error) {
      if (error instanceof ReadingLimitError) throw error;
      xmp = null;
    }
  }
  const markInfo = catalog.lookup(PDFName.of('MarkInfo'));
  const marked = markInfo instanceof PDFDict ? markInfo.lookup(PDFName.of('Marked')) : undefined;
  const tagged = {
    marked: marked instanceof PDFBool && marked.asBoolean(),
    structTreeRoot: catalog.lookup(PDFName.of('StructTreeRoot')) instanceof PDFDict,
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
