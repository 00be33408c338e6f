import fs from 'node:fs';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { MAX_REASON_LENGTH } from '@delib/protocol';
import type { FilledGrid, RectifiedRecord } from '@delib/protocol';
import { BTS_MCO, findGrid, findUnit, loadRegulation, proposeMark } from '@delib/rules';
import type { EvaluationGrid, Regulation } from '@delib/rules';
import { pdfContentTextPlaced, pdfPageTexts } from '../minute/test-support/pdf-text.js';
import { U41_GRID_PROPOSING_14 } from '../test-support/grid-steps.js';
import type { EvaluationSheet, UnitRectification } from './evaluation-sheet.js';
import { renderEvaluationSheetPdf } from './render-evaluation-sheet-pdf.js';

/**
 * The footer of a fiche d'évaluation sits 9 pt above the bottom margin, but the body ran down
 * to the margin: a unit rectified four times with long reasons printed its last lines over the
 * footer, the examiners' signature boxes were drawn across it (and off the page), and a long
 * grid (a centre's regulation with the circular's grid) drew its rows down over it. The body
 * now stays above the footer on every page, the pages a unit goes on over as well; the footer
 * stays where it was.
 */
describe('a fiche d’évaluation whose body reaches the bottom of its page', () => {
  it('keeps every line of a unit rectified with long reasons above the footer', async () => {
    // Four rectifications of the longest reason a president may write (500 characters): the
    // U41 page ran its fourth one down to the margin, some 9 pt into the footer.
    const pdf = await renderEvaluationSheetPdf(sheet(BTS_MCO, U41_GRID_PROPOSING_14, 4));
    await expectBodyAboveFooters(pdf);
    const texts = (await pdfPageTexts(pdf)).map((text) => text.replace(/\s+/g, ' '));
    // U41 goes on over a second page (its signature boxes with it); U42 keeps its page.
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Fiche d’évaluation — U41 (E41)');
    expect(texts[0]).toContain('Rectification 4 :');
    expect(texts[1]).toContain('Signature de Julie Bernard');
    expect(texts[1]).toContain('page 2/3');
    expect(texts[2]).toContain('Fiche d’évaluation — U42 (E42)');
  });

  it('names the unit and the candidate at the top of a page a unit goes on over', async () => {
    const pdf = await renderEvaluationSheetPdf(sheet(BTS_MCO, U41_GRID_PROPOSING_14, 4));
    const texts = (await pdfPageTexts(pdf)).map((text) => text.replace(/\s+/g, ' '));
    const heading = 'Fiche d’évaluation — U41 (E41) · ARNAUD Léa (suite)';
    expect(texts[1]).toContain(heading);
    expect(texts[0]).not.toContain('(suite)');
    expect(texts[2]).not.toContain('(suite)');
    // The body starts under the heading's rule (14 pt under the top margin of 42 pt).
    const continued = (await pdfContentTextPlaced(pdf))[1] ?? [];
    expect(continued.length).toBeGreaterThan(0);
    for (const line of continued) expect(line.baseline).toBeGreaterThan(42 + 14 + 8);
  });

  it('never draws the examiners’ signature boxes over the footer', async () => {
    // Three long rectifications: the boxes started 27.5 pt above the footer's top, 62 pt tall.
    const pdf = await renderEvaluationSheetPdf(sheet(BTS_MCO, U41_GRID_PROPOSING_14, 3));
    await expectBodyAboveFooters(pdf);
    const texts = await pdfPageTexts(pdf);
    expect(texts[1]).toContain('Signature de Julie Bernard');
  });

  it('goes on over the next page with a long grid, its rows whole, its header repeated', async () => {
    const regulation = loadRegulation({ ...BTS_MCO, grids: [CIRCULAR_U41] });
    const levels = Object.fromEntries(CIRCULAR_U41.criteria.map((c) => [c.id, 's']));
    const pdf = await renderEvaluationSheetPdf(sheet(regulation, levels, 0));
    await expectBodyAboveFooters(pdf);
    const texts = (await pdfPageTexts(pdf)).map((text) => text.replace(/\s+/g, ' '));
    const u41 = texts.filter((text) => !text.includes('Fiche d’évaluation — U42'));
    const withRows = u41.filter((page) =>
      CIRCULAR_U41.criteria.some((c) => page.includes(c.label)),
    );
    expect(withRows.length).toBeGreaterThan(1);
    // The header row on every page of rows: the first one's, then repeated.
    for (const page of withRows) expect(page).toContain('Critère Barème Niveaux de la grille');
    for (const criterion of CIRCULAR_U41.criteria) {
      // Each row whole, on one page.
      expect(u41.filter((page) => page.includes(criterion.label))).toHaveLength(1);
    }
    expect(u41.join(' ')).toContain('Note proposée par la grille : 15 / 20');
  });

  it('leaves a unit that fits on its one page', async () => {
    const pdf = await renderEvaluationSheetPdf(sheet(BTS_MCO, U41_GRID_PROPOSING_14, 1));
    await expectBodyAboveFooters(pdf);
    expect(await pdfPageTexts(pdf)).toHaveLength(2);
  });
});

const frozen = JSON.parse(
  fs.readFileSync(
    new URL('../minute/test-support/minute-layout-6-rectified-fixture.json', import.meta.url),
    'utf8',
  ),
) as RectifiedRecord;

/**
 * The fiche of the frozen minute's first candidate (ARNAUD Léa, n° 02700001) for U41 and U42,
 * heard by the demo's examiners, U41's grid filled with `levels`, rectified `rectifications`
 * times with reasons of the longest length.
 */
function sheet(
  regulation: Regulation,
  levels: FilledGrid,
  rectifications: number,
): EvaluationSheet {
  const candidate = frozen.candidates[0];
  if (!candidate) throw new Error('fixture sans candidat');
  const units = candidate.lines
    .filter((line) => line.unit === 'U41' || line.unit === 'U42')
    .map((line) => {
      const definition = findUnit(regulation, line.unit);
      if (!definition) throw new Error(`unité ${line.unit} inconnue`);
      const grid = findGrid(regulation.grids, line.unit);
      const filled = line.unit === 'U41' ? levels : null;
      const rectified: UnitRectification[] =
        line.unit === 'U41'
          ? Array.from({ length: rectifications }, (_, index) => ({
              input: 'entry',
              beforeText: '13,5',
              afterText: '14',
              reason: longReason(index + 1),
              author: 'Claire Fontaine',
              createdAt: `2027-06-05T09:${String(index + 1).padStart(2, '0')}:00.000Z`,
            }))
          : [];
      return {
        unit: line.unit,
        epreuve: definition.epreuve,
        label: definition.label,
        room: `Commission ${definition.epreuve} – Salle 12`,
        examiners: ['Julie Bernard', 'Marc Dubois'],
        grid,
        levels: filled,
        proposal: grid && filled ? proposeMark(grid, filled, regulation.settings.markStep) : null,
        line,
        rectifications: rectified,
      };
    });
  return {
    session: frozen.session,
    jury: frozen.jury,
    lockedAt: frozen.lockedAt,
    candidate: {
      id: candidate.id,
      number: candidate.number,
      lastName: candidate.lastName,
      firstName: candidate.firstName,
    },
    markStep: regulation.settings.markStep,
    units,
  };
}

function longReason(n: number): string {
  return `Rectification ${n} : ${'la grille d’évaluation a été reportée avec une erreur de calcul, vérifiée avec les deux examinateurs et le responsable du centre. '.repeat(5)}`.slice(
    0,
    MAX_REASON_LENGTH,
  );
}

/** Four levels described as a circular's grid describes them. */
const DESCRIBED_LEVELS = [
  [
    'ti',
    'Maîtrise insuffisante : les attendus ne sont pas atteints, les réponses restent vagues',
    0,
  ],
  ['i', 'Maîtrise fragile : les attendus sont en partie atteints, avec des approximations', 1],
  ['s', 'Maîtrise satisfaisante : les attendus sont atteints, les choix sont justifiés', 3],
  [
    'ts',
    'Très bonne maîtrise : les attendus sont dépassés, l’analyse est précise et argumentée',
    4,
  ],
] as const;

/**
 * A U41 grid as a centre uploads the circular's (within what the regulation checker accepts):
 * eight criteria of four described levels, 4 points each; « satisfaisant » everywhere proposes
 * 3 × 8 / 32 × 20 = 15.
 */
const CIRCULAR_U41: EvaluationGrid = {
  unit: 'U41',
  title: 'Grille d’évaluation de l’épreuve E41 (circulaire nationale)',
  example: false,
  source: 'Circulaire nationale, session 2027',
  criteria: [
    'Cibler et prospecter la clientèle à partir d’une analyse du marché',
    'Accueillir le client et découvrir ses besoins',
    'Conseiller et argumenter de manière adaptée',
    'Conclure la vente et traiter les objections',
    'Assurer la vente omnicanale et le suivi de la commande',
    'Développer la fidélisation et entretenir la relation client',
    'Évaluer la performance commerciale et proposer des actions correctives',
    'Communication et posture professionnelle tout au long de l’entretien',
  ].map((label, index) => ({
    id: `c${index + 1}`,
    label,
    points: 4,
    levels: DESCRIBED_LEVELS.map(([id, text, points]) => ({ id, label: text, points })),
  })),
};

/** In points from the page's top, as pdfkit draws and pdf.js places text. */
interface Reach {
  what: string;
  bottom: number;
}

/**
 * Asserts that on every page, nothing of the body (its text as pdf.js reads it, its
 * rectangles and rules: row backgrounds and rules, signature boxes) reaches the footer's top.
 */
async function expectBodyAboveFooters(pdf: Uint8Array): Promise<void> {
  const footers = await footerTops(pdf);
  const lines = await pdfContentTextPlaced(pdf);
  const drawings = await drawingsOfPages(pdf);
  expect(lines).toHaveLength(footers.length);
  footers.forEach((footer, index) => {
    const body: Reach[] = [
      ...(lines[index] ?? []).map((line) => ({ what: `« ${line.text} »`, bottom: line.bottom })),
      ...(drawings[index] ?? []),
    ];
    const under = body
      .filter((reach) => reach.bottom > footer)
      .map((reach) => `page ${index + 1} : ${reach.what} jusqu’à ${reach.bottom.toFixed(2)}`);
    expect(under, `le pied de page commence à ${footer.toFixed(2)}`).toEqual([]);
  });
}

/** The top of each page's footer: the highest text of its page furniture in the lower half. */
async function footerTops(bytes: Uint8Array): Promise<number[]> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const tops: number[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const height = page.view[3] as number;
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: string[] = [];
      let top = Infinity;
      for (const item of content.items) {
        if (!('str' in item)) {
          if (item.type === 'endMarkedContent') open.pop();
          else open.push((item as { tag?: string }).tag ?? '');
          continue;
        }
        if (item.str.trim() === '' || !open.includes('Artifact')) continue;
        const baseline = height - (item.transform[5] as number);
        if (baseline < height / 2) continue;
        const ascent = content.styles[item.fontName]?.ascent ?? 1;
        top = Math.min(top, baseline - ascent * item.height);
      }
      if (top === Infinity) throw new Error(`page ${number} sans pied de page`);
      tops.push(top);
    }
    return tops;
  } finally {
    await document.destroy();
  }
}

const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
const RECTANGLE = new RegExp(`${NUMBER} ${NUMBER} ${NUMBER} ${NUMBER} re\\b`, 'g');
const LINE_TO = new RegExp(`${NUMBER} ${NUMBER} [ml]\\b`, 'g');

/**
 * The rectangles and rules each page's content draws, with how low they reach. pdfkit draws
 * from the page's top (its first operator flips the page), without any other transformation
 * on these pages but inside the text objects, which are left out.
 */
async function drawingsOfPages(bytes: Uint8Array): Promise<Reach[][]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => pdf.context.lookup(ref))
        : [contents];
    const content = streams
      .map((stream) =>
        stream instanceof PDFRawStream
          ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
          : '',
      )
      .join('\n')
      .replace(/\bBT\b[\s\S]*?\bET\b/g, '');
    return [
      ...[...content.matchAll(RECTANGLE)].map((match) => ({
        what: `un rectangle en ${match[2]}`,
        bottom: Number(match[2]) + Number(match[4]),
      })),
      ...[...content.matchAll(LINE_TO)].map((match) => ({
        what: `un trait en ${match[2]}`,
        bottom: Number(match[2]),
      })),
    ];
  });
}
