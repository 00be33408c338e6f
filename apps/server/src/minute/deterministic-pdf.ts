import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR, minuteFonts } from './minute-fonts.js';

/**
 * A pdfkit document that gives the same bytes for the same content, on any machine:
 *
 * - every date pdfkit writes is the one given (the Info dictionary's CreationDate and ModDate,
 *   the embedded files' dates); the trailer's /ID is pdfkit's MD5 of the Info dictionary, so
 *   it is pinned with it; nothing random is written;
 * - no compression (unless asked for): pdfkit deflates with Node's zlib, whose output may change with the zlib
 *   build bundled in Node (and with CPU-specific code paths), which would make a file signed
 *   on one machine impossible to reproduce on another. Uncompressed, the bytes depend only on
 *   pdfkit, fontkit and the font file, all pinned in the lockfile;
 * - fonts are subset deterministically (see minute-fonts.ts).
 */
export type PdfInfo = Record<string, string | Date>;

export interface PdfOptions {
  layout: 'portrait' | 'landscape';
  margin: number;
  /** Written in the Info dictionary; CreationDate and ModDate are set to `date`. */
  info: PdfInfo;
  date: Date;
  /**
   * Deflate the streams. Off for anything that must be reproduced byte for byte on another
   * machine (the minute); fine for the transcripts, which nothing re-renders.
   */
  compress?: boolean;
}

export async function renderPdf(
  options: PdfOptions,
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const fonts = minuteFonts();
  // The Info dictionary takes any key; @types/pdfkit only lists the standard ones.
  const info = {
    ...options.info,
    CreationDate: options.date,
    ModDate: options.date,
  } as PDFKit.DocumentInfo;
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout,
    margin: options.margin,
    compress: options.compress ?? false,
    bufferPages: true,
    autoFirstPage: false,
    pdfVersion: '1.7',
    lang: 'fr-FR',
    displayTitle: true,
    info,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT_REGULAR, fonts.regular);
  doc.registerFont(FONT_BOLD, fonts.bold);
  draw(doc);
  doc.end();
  return done;
}

/** Writes a footer on every page: `text(pageIndex, pageCount)` at the bottom. */
export function writeFooters(
  doc: PDFKit.PDFDocument,
  footer: (page: number, pages: number) => { left: string; right: string },
): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const { left, right } = footer(index + 1, range.count);
    const margins = doc.page.margins;
    const width = doc.page.width - margins.left - margins.right;
    const y = doc.page.height - margins.bottom - 9;
    // The footer sits in the bottom margin: without this, pdfkit would open a new page.
    const bottom = margins.bottom;
    margins.bottom = 0;
    doc.font(FONT_REGULAR).fontSize(7).fillColor('#333333');
    doc.text(left, margins.left, y, { width: width - 90, lineBreak: false });
    doc.text(right, margins.left + width - 90, y, { width: 90, align: 'right', lineBreak: false });
    margins.bottom = bottom;
  }
}

export type Cell = string | { text: string; bold?: boolean };

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface RowStyle {
  size: number;
  padding: number;
  bold?: boolean;
}

function fitsOnOneLine(doc: PDFKit.PDFDocument, text: string, width: number): boolean {
  return !text.includes('\n') && doc.widthOfString(text) <= width;
}

function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

function cellFont(cell: Cell, style: RowStyle): string {
  const bold = style.bold === true || (typeof cell !== 'string' && cell.bold === true);
  return bold ? FONT_BOLD : FONT_REGULAR;
}

/** The height a row of cells needs, text wrapped to each column's width. */
export function rowHeight(
  doc: PDFKit.PDFDocument,
  columns: readonly TableColumn[],
  cells: readonly Cell[],
  style: RowStyle,
): number {
  let height = 0;
  columns.forEach((column, index) => {
    const cell = cells[index] ?? '';
    const text = cellText(cell);
    if (text === '') return;
    doc.font(cellFont(cell, style)).fontSize(style.size);
    const width = column.width - 2 * style.padding;
    height = Math.max(
      height,
      fitsOnOneLine(doc, text, width)
        ? doc.currentLineHeight(true)
        : doc.heightOfString(text, { width }),
    );
  });
  return Math.ceil(height + 2 * style.padding);
}

/** Draws a row of cells at (x, y), with an optional background and a bottom rule. */
export function drawRow(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  columns: readonly TableColumn[],
  cells: readonly Cell[],
  style: RowStyle,
  height: number,
  background?: string,
): void {
  const width = columns.reduce((sum, column) => sum + column.width, 0);
  if (background) doc.rect(x, y, width, height).fill(background);
  doc.fillColor('#000000');
  let left = x;
  columns.forEach((column, index) => {
    const cell = cells[index] ?? '';
    const text = cellText(cell);
    if (text !== '') {
      doc.font(cellFont(cell, style)).fontSize(style.size);
      const width = column.width - 2 * style.padding;
      const align = column.align ?? 'left';
      if (fitsOnOneLine(doc, text, width)) {
        // Most cells are one short line: placed directly, without pdfkit's line wrapper
        // (which more than doubles the time of a 200-candidate minute).
        const free = width - doc.widthOfString(text);
        const shift = align === 'right' ? free : align === 'center' ? free / 2 : 0;
        doc.text(text, left + style.padding + shift, y + style.padding, { lineBreak: false });
      } else {
        doc.text(text, left + style.padding, y + style.padding, { width, align });
      }
    }
    left += column.width;
  });
  doc
    .moveTo(x, y + height)
    .lineTo(x + width, y + height)
    .lineWidth(0.4)
    .strokeColor('#999999')
    .stroke();
}
