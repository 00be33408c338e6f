import jsQRModule from 'jsqr';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
import { QR_SIZE } from '../verification-qr-code.js';

// jsqr is a CommonJS module whose types declare an ES default export: Node hands the module
// object over as the default, and the decoder is its `default`.
const jsQR = jsQRModule.default;

/**
 * The QR code of each page of a PDF, decoded as a phone would read it: the rectangles drawn
 * inside the white QR square are painted black on a white bitmap, which `jsqr` (a decoder
 * independent of the `qrcode` package that drew it) reads. Null for a page without one.
 * Works on the uncompressed files Délib signs, whose content streams are plain text.
 */
const PIXELS_PER_UNIT = 8;
const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
const RECTANGLE = new RegExp(`${NUMBER} ${NUMBER} ${NUMBER} ${NUMBER} re`, 'g');
const SQUARE = new RegExp(`${NUMBER} ${NUMBER} ${QR_SIZE} ${QR_SIZE} re`);
const SCALE = new RegExp(`${NUMBER} 0 0 ${NUMBER} ${NUMBER} ${NUMBER} cm`);

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

/** The QR code drawn in a page's content, as text: the white square, then `q … cm`, the modules, `Q`. */
function decodeQr(content: string): string | null {
  const square = SQUARE.exec(content);
  if (!square) return null;
  const rest = content.slice(square.index + square[0].length);
  const end = rest.indexOf('\nQ');
  const drawing = end < 0 ? rest : rest.slice(0, end);
  const scale = SCALE.exec(drawing);
  if (!scale) return null;
  // In module units from here: the square is QR_SIZE / scale modules wide.
  const modules = Math.round(QR_SIZE / Number(scale[1]));
  const side = modules * PIXELS_PER_UNIT;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const match of drawing.slice(scale.index).matchAll(RECTANGLE)) {
    const [x, y, w, h] = match.slice(1, 5).map((n) => Math.round(Number(n) * PIXELS_PER_UNIT));
    for (let row = y as number; row < (y as number) + (h as number); row++) {
      for (let column = x as number; column < (x as number) + (w as number); column++) {
        const at = (row * side + column) * 4;
        rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
      }
    }
  }
  return jsQR(rgba, side, side)?.data ?? null;
}

export async function qrCodesOfPages(bytes: Uint8Array): Promise<(string | null)[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().map((_page, index) => decodeQr(pageContent(pdf, index)));
}

/**
 * Where each page's QR code is drawn: the top and left of its white square, in points from the
 * page's top left (pdfkit draws from the top); null for a page without one.
 */
export async function qrCodePlacesOfPages(
  bytes: Uint8Array,
): Promise<({ left: number; top: number } | null)[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().map((_page, index) => {
    const square = SQUARE.exec(pageContent(pdf, index));
    return square ? { left: Number(square[1]), top: Number(square[2]) } : null;
  });
}
