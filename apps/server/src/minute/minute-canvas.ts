import type { Cell, TableColumn } from './deterministic-pdf.js';

/**
 * What the minute's sections drawn outside render-minute-pdf.ts (the signature block, the
 * rectifications) need of the page being laid out: the pdfkit document, the text column, the
 * cursor, and the two ways the minute writes (a line of text, a titled table).
 */
export interface MinuteCanvas {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  readonly width: number;
  y: number;
  /** Makes room for `height` points, opening a new page when needed; true if it did. */
  ensure(height: number): boolean;
  text(
    value: string,
    options: { size: number; bold?: boolean; width?: number; x?: number; color?: string },
  ): void;
  /** A titled table; nothing when it has no row. */
  section(title: string, columns: TableColumn[], rows: Cell[][]): void;
  /** The columns given, and a last one taking the rest of the width. */
  withRest(columns: TableColumn[], last: string): TableColumn[];
}
