import { drawRow } from './deterministic-pdf.js';
import type { Cell, RowStyle, RowTags, TableColumn } from './deterministic-pdf.js';
import type { PdfStructure, StructureNode } from './pdf-structure.js';

/** How the minute writes a line of text. */
export interface MinuteTextOptions {
  size: number;
  bold?: boolean;
  width?: number;
  x?: number;
  color?: string;
  /** Its element in a tagged minute: a paragraph unless said otherwise. */
  tag?: 'H1' | 'H2' | 'P' | 'Artifact';
}

/**
 * What the minute's sections drawn outside render-minute-pdf.ts (the signature block, the
 * rectifications) need of the page being laid out: the pdfkit document, the text column, the
 * cursor, and the two ways the minute writes (a line of text, a titled table).
 */
export interface MinuteCanvas {
  readonly doc: PDFKit.PDFDocument;
  /** Tags what is drawn (layout 5 is a tagged PDF). */
  readonly structure: PdfStructure;
  readonly left: number;
  readonly width: number;
  y: number;
  /** Makes room for `height` points, opening a new page when needed; true if it did. */
  ensure(height: number): boolean;
  text(value: string, options: MinuteTextOptions): void;
  /** A table of the tagged structure (null when untagged) and the tags of its rows. */
  table(): { node: StructureNode | null; row: (kind: RowTags['kind']) => RowTags };
  /** A titled table; nothing when it has no row. */
  section(title: string, columns: TableColumn[], rows: Cell[][]): void;
  /** The columns given, and a last one taking the rest of the width. */
  withRest(columns: readonly TableColumn[], last: string): TableColumn[];
}

/**
 * A table's header row, on grey, at the cursor (the text column's left), which it moves under
 * the row: drawn at the top of the table and again on every page the table continues on.
 */
export function drawHeaderRow(
  canvas: MinuteCanvas,
  columns: readonly TableColumn[],
  style: RowStyle,
  height: number,
  tags: RowTags,
): void {
  drawRow(
    canvas.doc,
    canvas.left,
    canvas.y,
    columns,
    columns.map((c) => c.header),
    style,
    height,
    '#dddddd',
    tags,
  );
  canvas.y += height;
}
