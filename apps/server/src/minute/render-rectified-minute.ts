import type { Rectification, RectifiedRecord, SignedRecord } from '@delib/protocol';
import { decisionLabel } from './minute-cells.js';
import { FONT_BOLD, FONT_REGULAR } from './minute-fonts.js';
import type { PdfStructure, StructureNode } from './pdf-structure.js';
import type { MinuteCanvas } from './minute-canvas.js';
import { amendedInputLabel, formatParisDateTime } from '@delib/protocol';

/**
 * What a rectified minute (`delib.rectified-record/1`) prints besides what every minute does:
 * its title and number, the reference of the original minute it rectifies (with that minute's
 * verification code, which stays valid), and the table of the corrections, each with the
 * candidate, the value before → after, the decision before → after, the reason, who and when.
 */
export function rectifiedOf(record: SignedRecord): RectifiedRecord | null {
  return record.format === 'delib.rectified-record/1' ? record : null;
}

/** The minute's title: `Procès-verbal rectificatif n° 2 …` for a rectified one. */
export function minuteTitle(record: SignedRecord): string {
  const rectified = rectifiedOf(record);
  return rectified
    ? `Procès-verbal rectificatif n° ${rectified.sequence} de la délibération du jury`
    : 'Procès-verbal de délibération du jury';
}

/** How the footer and the document's title name it. */
export function minuteKind(record: SignedRecord): string {
  const rectified = rectifiedOf(record);
  return rectified ? `Procès-verbal rectificatif n° ${rectified.sequence}` : 'Procès-verbal';
}

/** A rectified minute's decision cell says when the candidate was rectified. */
export function rectifiedDecisionCell(
  record: SignedRecord,
  candidate: { id: number },
  cell: string,
): string {
  const rectified = rectifiedOf(record);
  if (!rectified?.rectifications.some((r) => r.candidateId === candidate.id)) return cell;
  return `${cell}\nrectifié·e`;
}

/** Under the title: which minute this one rectifies, and that it stays valid. */
export function drawOriginalReference(canvas: MinuteCanvas, record: RectifiedRecord): void {
  const { original } = record;
  canvas.text(
    `Rectifie le procès-verbal signé le ${formatParisDateTime(original.signedAt)} par ${original.signer}, code de vérification ${original.verificationCode}.`,
    { size: 9, bold: true },
  );
  canvas.text(
    `Le procès-verbal d’origine reste valable et vérifiable ; le présent procès-verbal en reprend les résultats avec ${
      record.rectifications.length === 1
        ? 'la rectification listée'
        : `les ${record.rectifications.length} rectifications listées`
    } ci-dessous, décisions recalculées par le règlement.`,
    { size: 8 },
  );
  canvas.y += 6;
}

export function drawRectifications(canvas: MinuteCanvas, record: RectifiedRecord): void {
  canvas.section(
    'Rectifications après verrouillage (valeur avant → après, décision recalculée)',
    canvas.withRest(
      [
        { header: 'N°', width: 50 },
        { header: 'Candidat·e', width: 120 },
        { header: 'Unité', width: 70 },
        { header: 'Avant → après', width: 70 },
        { header: 'Décision avant → après', width: 120 },
        { header: 'Par, le', width: 130 },
      ],
      'Motif',
    ),
    record.rectifications.map((r) => [
      r.number,
      r.name,
      amendedInputLabel(r.unit, r.input),
      `${r.beforeText} → ${r.afterText}`,
      `${decisionLabel(r.decision.before)} → ${decisionLabel(r.decision.after)}`,
      `${r.author}, le ${formatParisDateTime(r.createdAt)}`,
      r.reason,
    ]),
  );
}

/**
 * On the relevé of a rectified minute, under the decision: the candidate's corrections since
 * the lock, each dated, with its reason, tagged as a heading and paragraphs. Relevés without
 * corrections draw nothing more.
 */
export function drawTranscriptRectifications(
  doc: PDFKit.PDFDocument,
  rectifications: readonly Rectification[],
  left: number,
  width: number,
  structure: PdfStructure,
  page: StructureNode | null,
): void {
  if (rectifications.length === 0) return;
  doc.moveDown(0.8);
  structure.leaf('H2', page, () => {
    doc.font(FONT_BOLD).fontSize(9).fillColor('#000000');
    doc.text('Rectifié après la délibération', left, doc.y, { width });
  });
  for (const r of rectifications) {
    structure.leaf('P', page, () => {
      doc.font(FONT_REGULAR).fontSize(8.5).fillColor('#000000');
      doc.text(
        `${amendedInputLabel(r.unit, r.input, true)} : ${r.beforeText} → ${r.afterText}, décision ${decisionLabel(r.decision.before)} → ${decisionLabel(r.decision.after)}. Motif : ${r.reason}. Rectifié le ${formatParisDateTime(r.createdAt)} par ${r.author}.`,
        left,
        doc.y + 2,
        { width },
      );
    });
  }
}
