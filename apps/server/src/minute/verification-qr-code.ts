import QRCode from 'qrcode';
import { FONT_REGULAR } from './minute-fonts.js';
import type { PdfStructure } from './pdf-structure.js';

/**
 * The QR code printed at the bottom right of every page of a signed document, opening the
 * verification page with the document's code, and the address written beside it (a reader
 * who does not scan can type it, and sees which site the code leads to).
 *
 * The symbol is computed by the `qrcode` package (pinned: its choice of version and mask is
 * part of the bytes of every signed PDF) and drawn as vector rectangles, one per run of dark
 * modules in a row: no image, nothing compressed, the same bytes on every machine.
 */
export const QR_SIZE = 54;
/** Space from the bottom margin to the QR code's bottom edge: the footer line sits there. */
export const QR_ABOVE_FOOTER = 12;
/** Height kept free above the bottom margin for the footer and the QR code. */
export const QR_FOOTER_SPACE = QR_ABOVE_FOOTER + QR_SIZE + 4;

/** A decimal as PDF content writes it: at most 4 decimals, the same string on any machine. */
function pdfNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

export function drawQrCode(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  size: number,
): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  // Four modules of quiet zone on each side, as the standard asks. Drawn in module units
  // (one transform), each run of dark modules in a row is one short `re` operator, written
  // straight into the page's content: a page's few hundred runs through pdfkit's path API
  // would cost more than the rest of a relevé.
  const count = modules.size + 8;
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      runs.push(`${start + 4} ${row + 4} ${column - start} 1 re`);
    }
  }
  const scale = pdfNumber(size / count);
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  doc.addContent(
    `q\n${scale} 0 0 ${scale} ${pdfNumber(x)} ${pdfNumber(y)} cm\n${runs.join('\n')}\nf\nQ`,
  );
}

/**
 * On every page: the QR code at the bottom right, above the footer, with its address
 * (`urlOfPage(page)`, pages from 1, or the same address on every page).
 */
export function writeVerificationQrCodes(
  doc: PDFKit.PDFDocument,
  urlOfPage: string | ((page: number) => string | null),
  /** A tagged document's structure: the code and its caption are then page furniture. */
  structure?: PdfStructure,
): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    const url = typeof urlOfPage === 'string' ? urlOfPage : urlOfPage(index + 1);
    if (url === null) continue;
    doc.switchToPage(index);
    const margins = doc.page.margins;
    const right = doc.page.width - margins.right;
    const top = doc.page.height - margins.bottom - QR_ABOVE_FOOTER - QR_SIZE;
    const bottom = margins.bottom;
    const draw = () => {
      drawQrCode(doc, url, right - QR_SIZE, top, QR_SIZE);
      // The caption may reach into the bottom margin: without this, pdfkit would open a page.
      margins.bottom = 0;
      const width = 170;
      const caption = `Vérifier ce document :\n${url}`;
      doc.font(FONT_REGULAR).fontSize(6.5).fillColor('#333333');
      const height = doc.heightOfString(caption, { width, align: 'right' });
      doc.text(caption, right - QR_SIZE - 6 - width, top + QR_SIZE - height, {
        width,
        align: 'right',
      });
    };
    if (structure) structure.artifact(draw, 'Pagination');
    else draw();
    margins.bottom = bottom;
  }
}
