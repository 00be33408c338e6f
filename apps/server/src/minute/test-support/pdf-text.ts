import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Opens a PDF with pdf.js, legacy build for Node, as the tests read every file. */
function openPdf(bytes: Uint8Array) {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  return getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

/**
 * The text of each page of a PDF, as a reader's PDF viewer extracts it (pdf.js, legacy build
 * for Node): the tests read the minute the way a person's tools would.
 */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const document = await openPdf(bytes);
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
          .join(''),
      );
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** A line of a page's text as pdf.js places it, in points from the top of the page. */
export interface PlacedText {
  text: string;
  /** Its baseline, and the bottom of its descenders (the font's descent under the baseline). */
  baseline: number;
  bottom: number;
}

/**
 * The text of each page's content, placed: what a tagged file marks as its content, without
 * its page furniture (its artifacts: the footer, the QR code's caption, the heading of a
 * continuation page), as pdf.js reads it.
 */
export async function pdfContentTextPlaced(bytes: Uint8Array): Promise<PlacedText[][]> {
  const document = await openPdf(bytes);
  try {
    const pages: PlacedText[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const height = page.view[3] as number;
      const content = await page.getTextContent({ includeMarkedContent: true });
      // The marked content each item is in, innermost last ('Artifact', 'P', 'H1'…).
      const open: string[] = [];
      const placed: PlacedText[] = [];
      for (const item of content.items) {
        if (!('str' in item)) {
          if (item.type === 'endMarkedContent') open.pop();
          else open.push((item as { tag?: string }).tag ?? '');
          continue;
        }
        if (item.str.trim() === '' || open.includes('Artifact')) continue;
        const baseline = height - (item.transform[5] as number);
        const descent = content.styles[item.fontName]?.descent ?? 0;
        placed.push({ text: item.str, baseline, bottom: baseline - descent * item.height });
      }
      pages.push(placed);
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
