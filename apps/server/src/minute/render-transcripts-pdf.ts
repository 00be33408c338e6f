import type { SignedRecord } from '@delib/protocol';
import { findUnit, formatMark, getRegulation } from '@delib/rules';
import type { Regulation, UnitLine } from '@delib/rules';
import { drawRow, renderPdf, rowHeight, writeFooters } from './deterministic-pdf.js';
import type { Cell, RowStyle, TableColumn } from './deterministic-pdf.js';
import { candidateName, decisionLabel, entryText } from './minute-cells.js';
import type { AnyRecordCandidate } from './minute-cells.js';
import { FONT_BOLD, FONT_REGULAR } from './minute-fonts.js';
import { verificationCode } from './minute-signature.js';
import type { MinuteSignature } from './minute-signature.js';
import { formatParisDate, formatParisDateTime } from './paris-time.js';

/**
 * Every candidate's relevé de notes, one A4 portrait page each, in one PDF (what the centre
 * prints and hands out). Each page names the signed minute it comes from (date, signer,
 * verification code). The record is not attached: a transcript handed to one candidate must
 * not carry the marks of the others. Dates are pinned as in the minute; the streams are
 * compressed (200 pages weigh 3.5 MB otherwise), since nothing verifies a transcript by
 * rendering it again on another machine. Only deliberated candidates get one: a candidate
 * listed apart as not deliberated has no decision to print.
 */
const MARGIN = 42;
const HEADER: RowStyle = { size: 8, padding: 3, bold: true };
const BODY: RowStyle = { size: 9, padding: 3 };

export function renderTranscriptsPdf(
  record: SignedRecord,
  signature: MinuteSignature,
): Promise<Buffer> {
  const signedAt = new Date(signature.signedAt);
  const code = verificationCode(signature.recordSha256);
  let regulation: Regulation | null = null;
  try {
    regulation = getRegulation(record.session.regulationId);
  } catch {
    regulation = null;
  }
  return renderPdf(
    {
      layout: 'portrait',
      margin: MARGIN,
      compress: true,
      date: signedAt,
      info: {
        Title: `Relevés de notes – ${record.session.diploma} – session ${record.session.year} – ${record.jury.name}`,
        Author: record.session.centre,
        Subject: `Relevés de notes issus du procès-verbal signé, code de vérification ${code}`,
        Creator: 'Délib',
        Producer: 'Délib avec PDFKit',
      },
    },
    (doc) => {
      for (const candidate of record.candidates) {
        doc.addPage();
        drawTranscript(doc, record, candidate, regulation);
      }
      if (record.candidates.length === 0) {
        doc.addPage();
        doc
          .font(FONT_REGULAR)
          .fontSize(11)
          .text('Aucun candidat délibéré : aucun relevé de notes à établir.');
      }
      writeFooters(doc, (page, pages) => ({
        left: `Procès-verbal de délibération signé le ${formatParisDateTime(signedAt)} par ${signature.signer}, code de vérification ${code}`,
        right: `Relevé ${page} / ${pages}`,
      }));
    },
  );
}

function drawTranscript(
  doc: PDFKit.PDFDocument,
  record: SignedRecord,
  candidate: AnyRecordCandidate,
  regulation: Regulation | null,
): void {
  const { session, jury } = record;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  let y = doc.page.margins.top;
  const write = (text: string, size: number, bold = false, gap = 2) => {
    doc
      .font(bold ? FONT_BOLD : FONT_REGULAR)
      .fontSize(size)
      .fillColor('#000000');
    doc.text(text, left, y, { width });
    y = doc.y + gap;
  };

  write(`Académie de ${session.academie} · ${session.centre}`, 9, false, 10);
  write('Relevé de notes', 18, true, 2);
  write(`${session.diploma} (${session.specialty}) · session ${session.year}`, 11, true, 12);

  doc.rect(left, y, width, 48).lineWidth(0.6).strokeColor('#000000').stroke();
  const boxTop = y;
  y += 7;
  const identity = (label: string, value: string) => {
    doc
      .font(FONT_BOLD)
      .fontSize(9.5)
      .text(`${label} : `, left + 8, y, {
        continued: true,
        width: width - 16,
      });
    doc.font(FONT_REGULAR).text(value);
    y = doc.y + 2;
  };
  identity('Candidat·e', candidateName(candidate));
  identity(
    'Numéro',
    `${candidate.number}${candidate.status ? ` · statut : ${candidate.status}` : ''}`,
  );
  identity('Jury', jury.name);
  y = boxTop + 48 + 14;

  const columns: TableColumn[] = [
    { header: 'Unité', width: 42 },
    { header: 'Épreuve', width: width - 42 - 44 - 70 - 60 - 56 },
    { header: 'Coef.', width: 44, align: 'right' },
    { header: 'Note (origine)', width: 70, align: 'right' },
    { header: 'Note retenue', width: 60, align: 'right' },
    { header: 'Points', width: 56, align: 'right' },
  ];
  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, columns, headers, HEADER);
  drawRow(doc, left, y, columns, headers, HEADER, headerHeight, '#dddddd');
  y += headerHeight;
  candidate.lines.forEach((line, index) => {
    const cells = lineCells(line, regulation);
    const height = rowHeight(doc, columns, cells, BODY);
    drawRow(doc, left, y, columns, cells, BODY, height, index % 2 === 1 ? '#f3f3f3' : undefined);
    y += height;
  });
  y += 12;

  const figure = (label: string, value: string, size = 10, bold = false) => {
    doc
      .font(FONT_REGULAR)
      .fontSize(size)
      .fillColor('#000000')
      .text(label, left, y, { width: width - 160 });
    doc.font(bold ? FONT_BOLD : FONT_REGULAR).text(value, left + width - 160, y, {
      width: 160,
      align: 'right',
    });
    y += size + 6;
  };
  figure(
    'Total des points',
    candidate.total === null ? '—' : `${formatMark(candidate.total)} points`,
  );
  if (candidate.bonus > 0) {
    figure(
      'dont points des épreuves facultatives (au-dessus de 10)',
      `${formatMark(candidate.bonus)} points`,
      9,
    );
  }
  figure(
    'Somme des coefficients',
    candidate.divisor === null ? '—' : formatMark(candidate.divisor),
  );
  figure(
    'Moyenne générale (tronquée au centième)',
    candidate.averageDisplay === '—' ? '—' : `${candidate.averageDisplay} / 20`,
    11,
    true,
  );
  figure(
    'Moyenne des unités professionnelles',
    candidate.professionalAverageDisplay === '—'
      ? '—'
      : `${candidate.professionalAverageDisplay} / 20`,
  );
  for (const choice of candidate.control ?? []) {
    figure(
      `Épreuve de contrôle ${choice.choice} (${choice.units.join(', ')}) : ${formatMark(choice.mark)}, 1er groupe ${formatMark(choice.firstGroupMark)}`,
      choice.retained ? 'retenue' : 'non retenue',
      9,
    );
  }
  y += 6;
  doc.rect(left, y, width, 30).fill('#eeeeee');
  doc
    .fillColor('#000000')
    .font(FONT_BOLD)
    .fontSize(13)
    .text(`Décision du jury : ${decisionLabel(candidate.decision)}`, left + 10, y + 8, {
      width: width - 20,
    });
  y += 44;

  doc.font(FONT_REGULAR).fontSize(7.5).fillColor('#333333');
  doc.text(
    'Codes : B + année, bénéfice (note conservée d’une session antérieure) ; D, dispensé (l’unité ne compte ni dans le total ni dans le diviseur) ; ' +
      'ABS, absent non justifié ; ABJ, absent justifié (l’unité compte pour 0) ; a → b, note ajustée par le jury ; — , aucune note.',
    left,
    y,
    { width },
  );
  doc.moveDown(0.5);
  doc.text(
    `Délibération du ${formatParisDate(record.lockedAt)}. Ce relevé reproduit le procès-verbal signé dont le code de vérification figure en bas de page.`,
    { width },
  );
}

function lineCells(line: UnitLine, regulation: Regulation | null): Cell[] {
  const definition = regulation ? findUnit(regulation, line.unit) : undefined;
  const entry = entryText(line);
  const adjusted = line.adjustment ? `${entry} → ${formatMark(line.adjustment.to)}` : entry;
  return [
    { text: line.unit, bold: true },
    definition ? `${definition.epreuve} · ${definition.label}` : '',
    line.optional ? 'facult.' : formatMark(line.coefficient),
    adjusted === '' ? 'non présentée' : adjusted,
    line.mark === null ? '—' : formatMark(line.mark),
    line.counted || (line.optional && line.points > 0) ? formatMark(line.points) : '—',
  ];
}
