/**
 * The logical structure of a tagged PDF (pdfkit's structure API: `doc.struct`, marked
 * content), so that a screen reader reads headings, paragraphs and tables (TH, TD) in order,
 * and skips what is only drawing (row backgrounds, rules, footers, QR codes: artifacts).
 *
 * Layouts signed before tagging existed are drawn with an untagged structure, whose every
 * method draws exactly what it did before and nothing else: their bytes, pinned by
 * minute-pdf-determinism.test.ts, do not change.
 */
export type StructureNode = PDFKit.PDFStructureElement;

/** A structure element's options, with the table header's scope pdfkit knows. */
type ElementOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Column' | 'Row' };

export class PdfStructure {
  /** The `Document` element, root of everything tagged; null when untagged. */
  readonly root: StructureNode | null;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    readonly tagged: boolean,
  ) {
    if (tagged) {
      this.root = doc.struct('Document');
      doc.addStructure(this.root);
    } else {
      this.root = null;
    }
  }

  /** A new element of `type` under `parent` (the document by default); null when untagged. */
  element(
    type: string,
    parent: StructureNode | null = this.root,
    options: ElementOptions = {},
  ): StructureNode | null {
    if (!this.tagged || parent === null) return null;
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(element);
    return element;
  }

  /** Draws content marked as belonging to `node` (drawn as it is when untagged). */
  content(node: StructureNode | null, draw: () => void): void {
    if (node === null) {
      draw();
      return;
    }
    node.add(draw);
  }

  /** An element holding one piece of content (a heading, a paragraph, a cell), then closed. */
  leaf(
    type: string,
    parent: StructureNode | null,
    draw: () => void,
    options: ElementOptions = {},
  ): void {
    const node = this.element(type, parent, options);
    this.content(node, draw);
    node?.end();
  }

  /** Drawing that carries no content (backgrounds, rules, page furniture): an artifact. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    if (!this.tagged) {
      draw();
      return;
    }
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Closes the whole tree (pdfkit writes each element once it and its children are closed). */
  end(): void {
    this.root?.end();
  }
}

/** The structure of layouts signed before tagging: draws, tags nothing. */
export function untaggedStructure(doc: PDFKit.PDFDocument): PdfStructure {
  return new PdfStructure(doc, false);
}
