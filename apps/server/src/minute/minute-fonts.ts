import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Fonts of the minute and the transcripts: DejaVu Sans Condensed (regular and bold), the
 * TrueType files of the `dejavu-fonts-ttf` package, embedded as subsets.
 *
 * Why not pdfkit's built-in Helvetica: it only encodes WinAnsi, so '→' (adjustments before →
 * after), '·' of the inclusive French of the interface, '’' and every character of a name
 * outside Latin-1 (Traoré is fine, Đặng or Łukasz are not) would be lost or replaced. DejaVu
 * covers all of them. The condensed cut fits 11 unit columns across A4 landscape at a size that
 * stays readable.
 *
 * Determinism: the font file is read from the pinned package version and pdfkit (fontkit)
 * subsets it deterministically (glyphs numbered in order of first use, subset tag derived from
 * the font's name in the document), so the same text always gives the same bytes.
 */
export const FONT_REGULAR = 'DejaVuSansCondensed';
export const FONT_BOLD = 'DejaVuSansCondensed-Bold';

let loaded: { regular: Buffer; bold: Buffer } | null = null;

export function minuteFonts(): { regular: Buffer; bold: Buffer } {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const directory = path.join(
      path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
      'ttf',
    );
    loaded = {
      regular: fs.readFileSync(path.join(directory, `${FONT_REGULAR}.ttf`)),
      bold: fs.readFileSync(path.join(directory, `${FONT_BOLD}.ttf`)),
    };
  }
  return loaded;
}
