import jsQRModule from 'jsqr';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
import { QR_SIZE } from '../verification-qr-code.js';

// jsqr is a CommonJS module whose types declare an ES default export: Node hands the module
// object over as the default, and the decoder is its `default`.
const jsQR = jsQRModule.default;

/**
 * The QR code of each page of a PDF, decoded as a phone would read it: the page's rectangles
 * inside the white QR square are painted black on a white bitmap, which `jsqr` (a decoder
 * independent of the `qrcode` package that drew it) reads. Null for a page without one.
 * Works on the uncompressed files Délib signs, whose content streams are plain text.
 */
const PIXELS_PER_POINT = 8;
const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
const RECTANGLE = new RegExp(`${NUMBER} ${NUMBER} ${NUMBER} ${NUMBER} re`, 'g');

function pageContent(pdf: PDFDocument, index: number): string {
  const contents = pdf.getPage(index).node.Contents();
  const streams =
    contents instanceof PDFArray
      ? contents.asArray().map((ref) => pdf.context.lookup(ref))
      : [contents];
  return streams
    .map((stream) =>
      stream instanceof PDFRawStream
        ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
        : '',
    )
    .join('\n');
}

export async function qrCodesOfPages(bytes: Uint8Array): Promise<(string | null)[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().map((_page, index) => {
    const rectangles = [...pageContent(pdf, index).matchAll(RECTANGLE)].map((m) =>
      m.slice(1, 5).map(Number),
    ) as [number, number, number, number][];
    const square = rectangles.find(([, , w, h]) => w === QR_SIZE && h === QR_SIZE);
    if (!square) return null;
    const [left, top] = square;
    const margin = 16;
    const side = QR_SIZE * PIXELS_PER_POINT + 2 * margin;
    const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const [x, y, w, h] of rectangles) {
      if (x === left && y === top && w === QR_SIZE) continue;
      if (x < left || y < top || x + w > left + QR_SIZE + 0.01 || y + h > top + QR_SIZE + 0.01)
        continue;
      const x0 = Math.round((x - left) * PIXELS_PER_POINT) + margin;
      const y0 = Math.round((y - top) * PIXELS_PER_POINT) + margin;
      const x1 = Math.round((x + w - left) * PIXELS_PER_POINT) + margin;
      const y1 = Math.round((y + h - top) * PIXELS_PER_POINT) + margin;
      for (let row = y0; row < y1; row++) {
        for (let column = x0; column < x1; column++) {
          const at = (row * side + column) * 4;
          rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
        }
      }
    }
    return jsQR(rgba, side, side)?.data ?? null;
  });
}
