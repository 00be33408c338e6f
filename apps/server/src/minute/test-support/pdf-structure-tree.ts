import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';

/**
 * The structure elements of a tagged PDF, read with pdf-lib from the catalog's
 * `/StructTreeRoot`: how many of each type (`Table`, `TR`, `TH`, `TD`, `H1`…), and the number
 * of marked-content pieces (MCIDs) each type holds, so a test can tell a table a screen
 * reader can read from an empty shell.
 */
export interface StructureSummary {
  /** Elements by type. */
  elements: Map<string, number>;
  /** Marked-content references (text drawn in the element) by type. */
  contents: Map<string, number>;
  /** The types of the root's children, in order. */
  top: string[];
}

export async function pdfStructure(bytes: Uint8Array): Promise<StructureSummary> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const summary: StructureSummary = { elements: new Map(), contents: new Map(), top: [] };
  if (!root) return summary;
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const kidsOf = (node: PDFDict): unknown[] => {
    const kids = node.lookup(PDFName.of('K'));
    if (kids instanceof PDFArray) return kids.asArray().map((_, index) => kids.lookup(index));
    return kids === undefined ? [] : [kids];
  };
  const visit = (node: PDFDict, depth: number) => {
    if (depth > 64) throw new Error('arbre de structure trop profond');
    const type = node.lookup(PDFName.of('S'));
    const name = type instanceof PDFName ? type.decodeText() : '?';
    add(summary.elements, name);
    for (const kid of kidsOf(node)) {
      if (kid instanceof PDFDict && kid.lookup(PDFName.of('S')) !== undefined)
        visit(kid, depth + 1);
      else add(summary.contents, name);
    }
  };
  for (const kid of kidsOf(root)) {
    if (!(kid instanceof PDFDict)) continue;
    visit(kid, 0);
    for (const child of kidsOf(kid)) {
      const type = child instanceof PDFDict ? child.lookup(PDFName.of('S')) : undefined;
      if (type instanceof PDFName) summary.top.push(type.decodeText());
    }
  }
  return summary;
}
