import { formatParisDateTime } from '@delib/protocol';
import { EXAMPLE_GRID_NOTICE, formatEntry, formatMark, gridRoundingRule } from '@delib/rules';
import type { Cell, TableColumn } from '../minute/deterministic-pdf.js';
import { drawRow, renderPdf, rowHeight, writeFooters } from '../minute/deterministic-pdf.js';
import { FONT_BOLD, FONT_REGULAR } from '../minute/minute-fonts.js';
import type { PdfStructure } from '../minute/pdf-structure.js';
import type { EvaluatedUnit, EvaluationSheet } from './evaluation-sheet.js';

const MARGIN = 42;
/**
 * Space kept above the bottom margin for the footer, which writeFooters draws 9 pt above the
 * margin in 7 pt type: the body stops 7 pt above the footer's top, as on the minute.
 */
const FOOTER_SPACE = 16;
/** Space kept at the top of a page a unit goes on over, for the line that names it. */
const CONTINUATION_SPACE = 22;
const PAGE_WIDTH = 595.28 - 2 * MARGIN;
const COLUMNS: TableColumn[] = [
  { header: 'Critère', width: 170 },
  { header: 'Barème', width: 44, align: 'right' },
  { header: 'Niveaux de la grille', width: 150 },
  { header: 'Niveau retenu', width: 95 },
  { header: 'Points', width: PAGE_WIDTH - 459, align: 'right' },
];
const ROW = { size: 8.5, padding: 4 };

/**
 * The fiche d'évaluation of one candidate: a page per oral unit with the grid (criteria,
 * weights, levels, the level chosen), the mark the grid proposed, the mark the examiners gave
 * (the one that counts), the jury's adjustment if any, the president's rectifications since
 * the lock (the last one counts), and the examiners. PDF/A-3b and tagged, like the minute;
 * compressed, since nothing re-renders it to compare bytes. A unit that does not fit on its
 * page (a long grid, long rectifications) goes on over the next: on every page the body stays
 * above the footer, a row of the grid or the examiners' signature boxes are never cut, and the
 * grid's header row is repeated on the page it goes on over.
 */
export function renderEvaluationSheetPdf(sheet: EvaluationSheet): Promise<Buffer> {
  const name = `${sheet.candidate.lastName} ${sheet.candidate.firstName}`;
  return renderPdf(
    {
      layout: 'portrait',
      margin: MARGIN,
      date: new Date(sheet.lockedAt),
      compress: true,
      archival: true,
      info: {
        Title: `Fiche d’évaluation — ${name} (n° ${sheet.candidate.number})`,
        Author: sheet.session.centre,
        Subject: `${sheet.session.diploma}, session ${sheet.session.year}`,
        Creator: 'Délib',
        Producer: 'Délib',
      },
    },
    (doc, structure) => {
      // Every page keeps its body above the footer, the pages a unit goes on over as well;
      // these also keep room at their top for the line that names the unit and the candidate
      // (a centre separates the printed pages), drawn once the body is.
      const continued = new Map<number, string>();
      let continuing: string | null = null;
      const keepClear = () => {
        doc.page.margins.bottom = MARGIN + FOOTER_SPACE;
        if (continuing === null) return;
        const range = doc.bufferedPageRange();
        continued.set(range.start + range.count - 1, continuing);
        doc.page.margins.top = MARGIN + CONTINUATION_SPACE;
        doc.y = doc.page.margins.top;
      };
      doc.on('pageAdded', keepClear);
      if (sheet.units.length === 0) {
        doc.addPage();
        header(doc, structure, sheet, null);
        paragraph(doc, structure, 'Aucune unité orale n’a d’entrée pour ce candidat.');
      }
      for (const unit of sheet.units) {
        continuing = null;
        doc.addPage();
        continuing = `Fiche d’évaluation — ${unit.unit} (${unit.epreuve}) · ${name} (suite)`;
        header(doc, structure, sheet, unit);
        unitBody(doc, structure, sheet, unit);
      }
      doc.off('pageAdded', keepClear);
      // The footer is placed from the page's margin, where it always was.
      const range = doc.bufferedPageRange();
      for (let index = range.start; index < range.start + range.count; index++) {
        doc.switchToPage(index);
        doc.page.margins.bottom = MARGIN;
        doc.page.margins.top = MARGIN;
        const heading = continued.get(index);
        if (heading) continuationHeading(doc, structure, heading);
      }
      writeFooters(
        doc,
        (page, pages) => ({
          left: `Délib — fiche d’évaluation · ${sheet.session.centre} · jury ${sheet.jury.name} · candidat n° ${sheet.candidate.number}`,
          right: `page ${page}/${pages}`,
        }),
        structure,
      );
    },
  );
}

/** The line at the top of a page a unit goes on over: page furniture, like the footer. */
function continuationHeading(doc: PDFKit.PDFDocument, structure: PdfStructure, text: string): void {
  structure.artifact(() => {
    doc
      .font(FONT_BOLD)
      .fontSize(8.5)
      .fillColor('#333333')
      .text(text, MARGIN, MARGIN, { width: PAGE_WIDTH, lineBreak: false, ellipsis: true });
    const rule = MARGIN + 14;
    doc
      .moveTo(MARGIN, rule)
      .lineTo(MARGIN + PAGE_WIDTH, rule)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.fillColor('#000000');
  }, 'Pagination');
}

/**
 * Makes room for `height` points above the footer, going on over a new page when the current
 * one has less; true if it did.
 */
function makeRoom(doc: PDFKit.PDFDocument, height: number): boolean {
  if (doc.y + height <= doc.page.maxY()) return false;
  doc.addPage();
  return true;
}

function paragraph(
  doc: PDFKit.PDFDocument,
  structure: PdfStructure,
  text: string,
  options: { bold?: boolean; size?: number; color?: string; gap?: number } = {},
): void {
  structure.leaf('P', structure.root, () => {
    doc
      .font(options.bold ? FONT_BOLD : FONT_REGULAR)
      .fontSize(options.size ?? 9.5)
      .fillColor(options.color ?? '#000000')
      .text(text, MARGIN, doc.y, { width: PAGE_WIDTH });
  });
  doc.fillColor('#000000');
  doc.y += options.gap ?? 3;
}

function header(
  doc: PDFKit.PDFDocument,
  structure: PdfStructure,
  sheet: EvaluationSheet,
  unit: EvaluatedUnit | null,
): void {
  doc.y = MARGIN;
  structure.leaf('H1', structure.root, () => {
    doc
      .font(FONT_BOLD)
      .fontSize(15)
      .text(
        unit ? `Fiche d’évaluation — ${unit.unit} (${unit.epreuve})` : 'Fiche d’évaluation',
        MARGIN,
        doc.y,
        { width: PAGE_WIDTH },
      );
  });
  doc.y += 2;
  if (unit) paragraph(doc, structure, unit.label, { bold: true, size: 11, gap: 6 });
  paragraph(
    doc,
    structure,
    `${sheet.session.diploma} (${sheet.session.specialty}) — session ${sheet.session.year} — ${sheet.session.centre}, académie ${sheet.session.academie}`,
  );
  paragraph(doc, structure, `Jury : ${sheet.jury.name}`);
  paragraph(
    doc,
    structure,
    `Candidat : ${sheet.candidate.lastName} ${sheet.candidate.firstName} — n° ${sheet.candidate.number}`,
    { bold: true, size: 10.5 },
  );
  if (unit) {
    paragraph(
      doc,
      structure,
      `Commission : ${unit.room ?? 'aucune salle n’a entendu cette unité'}`,
    );
    paragraph(
      doc,
      structure,
      `Examinateurs : ${unit.examiners.length > 0 ? unit.examiners.join(', ') : '—'}`,
      { bold: true },
    );
  }
  doc.y += 6;
}

function unitBody(
  doc: PDFKit.PDFDocument,
  structure: PdfStructure,
  sheet: EvaluationSheet,
  unit: EvaluatedUnit,
): void {
  const { grid, levels, proposal, line } = unit;
  if (grid === null) {
    paragraph(
      doc,
      structure,
      'Le règlement de la session ne donne pas de grille pour cette unité.',
    );
  } else {
    structure.leaf('H2', structure.root, () => {
      doc
        .font(FONT_BOLD)
        .fontSize(11)
        .text(grid.example ? 'Grille d’évaluation' : grid.title, MARGIN, doc.y, {
          width: PAGE_WIDTH,
        });
    });
    doc.y += 2;
    if (grid.example) {
      const text = `${EXAMPLE_GRID_NOTICE}. Cette grille montre la structure : elle n’a pas de valeur réglementaire.`;
      doc.font(FONT_BOLD).fontSize(9);
      const height = doc.heightOfString(text, { width: PAGE_WIDTH - 12 }) + 10;
      makeRoom(doc, height);
      const top = doc.y;
      structure.artifact(() => doc.rect(MARGIN, top, PAGE_WIDTH, height).fill('#fff3cd'));
      structure.leaf('P', structure.root, () => {
        doc
          .font(FONT_BOLD)
          .fontSize(9)
          .fillColor('#6b4e00')
          .text(text, MARGIN + 6, top + 5, { width: PAGE_WIDTH - 12 });
      });
      doc.fillColor('#000000');
      doc.y = top + height + 6;
    }
    paragraph(doc, structure, `Source : ${grid.source}`, { size: 8.5, color: '#333333', gap: 6 });

    const table = structure.element('Table');
    const headerCells: Cell[] = COLUMNS.map((c) => c.header);
    const headerStyle = { ...ROW, bold: true };
    const headerHeight = rowHeight(doc, COLUMNS, headerCells, headerStyle);
    const drawHeader = (kind: 'header' | 'repeated-header') => {
      drawRow(doc, MARGIN, doc.y, COLUMNS, headerCells, headerStyle, headerHeight, '#e8ecf3', {
        structure,
        table,
        kind,
      });
      doc.y += headerHeight;
    };
    /** A row of the grid, on the next page under the header row again if it does not fit. */
    const drawBodyRow = (cells: Cell[], height: number, background?: string) => {
      if (makeRoom(doc, height)) drawHeader('repeated-header');
      drawRow(doc, MARGIN, doc.y, COLUMNS, cells, ROW, height, background, {
        structure,
        table,
        kind: 'body',
      });
      doc.y += height;
    };
    const rows: Cell[][] = grid.criteria.map((criterion) => {
      const chosen = levels?.[criterion.id];
      const level = criterion.levels.find((l) => l.id === chosen) ?? null;
      return [
        criterion.label,
        formatMark(criterion.points),
        criterion.levels
          .map((l) => `${l.id === chosen ? '☑' : '☐'} ${l.label} (${formatMark(l.points)})`)
          .join('\n'),
        level ? { text: level.label, bold: true } : '—',
        level ? { text: formatMark(level.points), bold: true } : '—',
      ];
    });
    const total = grid.criteria.reduce((sum, c) => sum + Math.round(c.points * 100), 0) / 100;
    const totalCells: Cell[] = [
      { text: 'Total', bold: true },
      { text: formatMark(total), bold: true },
      '',
      '',
      { text: proposal ? formatMark(proposal.earned) : '—', bold: true },
    ];
    // The header row never ends a page: it goes with the first row under it.
    makeRoom(doc, headerHeight + rowHeight(doc, COLUMNS, rows[0] ?? totalCells, ROW));
    drawHeader('header');
    for (const cells of rows) drawBodyRow(cells, rowHeight(doc, COLUMNS, cells, ROW));
    const totalHeight = rowHeight(doc, COLUMNS, totalCells, ROW);
    drawBodyRow(totalCells, totalHeight, '#f3f5f9');
    table?.end();
    doc.y += 10;

    if (levels === null) {
      paragraph(
        doc,
        structure,
        'Grille non remplie : la note a été saisie directement par la commission.',
      );
    } else if (proposal?.mark === null || proposal === null) {
      paragraph(
        doc,
        structure,
        `Grille remplie en partie (${proposal?.filled ?? 0} critère(s) sur ${grid.criteria.length}) : pas de note proposée.`,
      );
    } else {
      paragraph(
        doc,
        structure,
        `Note proposée par la grille : ${formatMark(proposal.mark)} / 20 — ${formatMark(proposal.earned)} points sur ${formatMark(proposal.total)}${proposal.total === 20 ? '' : ', ramenés sur 20'}, note arrondie ${gridRoundingRule(sheet.markStep)}.`,
      );
    }
  }
  doc.y += 4;
  paragraph(
    doc,
    structure,
    `Note attribuée par la commission : ${formatEntry(line.entry)}${line.entry && 'mark' in line.entry ? ' / 20' : ''}`,
    { bold: true, size: 12, gap: 4 },
  );
  paragraph(
    doc,
    structure,
    'La note attribuée est celle que les examinateurs ont validée : la grille la propose, elle ne la fixe pas.',
    { size: 8.5, color: '#333333' },
  );
  if (line.adjustment) {
    paragraph(
      doc,
      structure,
      `Ajustement du jury : ${formatMark(line.adjustment.from)} → ${formatMark(line.adjustment.to)} (motif : ${line.adjustment.reason}${line.adjustment.by ? ` ; par ${line.adjustment.by}` : ''}).`,
      { bold: true },
    );
  }
  for (const rectification of unit.rectifications) {
    const what = rectification.input === 'entry' ? 'de la note' : 'de l’ajustement';
    paragraph(
      doc,
      structure,
      `Rectification ${what} après le verrouillage, le ${formatParisDateTime(rectification.createdAt)} : ${rectification.beforeText} → ${rectification.afterText} (motif : ${rectification.reason} ; par ${rectification.author}).`,
      { bold: true },
    );
  }
  doc.y += 8;
  const locked = `Délibération verrouillée le ${formatParisDateTime(sheet.lockedAt)}.`;
  if (unit.examiners.length > 0) {
    // The boxes and the line under them go on over a page together, never that line alone.
    doc.font(FONT_REGULAR).fontSize(8.5);
    const lockedHeight = doc.heightOfString(locked, { width: PAGE_WIDTH });
    signatureBoxes(doc, structure, unit.examiners, SIGNATURE_GAP + lockedHeight);
  }
  paragraph(doc, structure, locked, { size: 8.5, color: '#333333' });
}

/** The height of an examiner's signature box. */
const SIGNATURE_HEIGHT = 62;

/** The space under the signature boxes. */
const SIGNATURE_GAP = 10;

/**
 * A box per examiner, named, for the signature on the printed fiche; on the next page if the
 * boxes and `below` points under them do not fit on this one.
 */
function signatureBoxes(
  doc: PDFKit.PDFDocument,
  structure: PdfStructure,
  names: string[],
  below: number,
): void {
  const gap = 12;
  const width = (PAGE_WIDTH - gap * (names.length - 1)) / names.length;
  makeRoom(doc, SIGNATURE_HEIGHT + below);
  const top = doc.y;
  names.forEach((name, index) => {
    const left = MARGIN + index * (width + gap);
    structure.artifact(() =>
      doc.rect(left, top, width, SIGNATURE_HEIGHT).lineWidth(0.6).strokeColor('#999999').stroke(),
    );
    structure.leaf('P', structure.root, () => {
      doc
        .font(FONT_REGULAR)
        .fontSize(8.5)
        .fillColor('#333333')
        .text(`Signature de ${name}`, left + 6, top + 5, { width: width - 12 });
    });
  });
  doc.fillColor('#000000');
  doc.y = top + SIGNATURE_HEIGHT + SIGNATURE_GAP;
}
