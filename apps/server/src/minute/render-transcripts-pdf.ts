import type { TranscriptExtract } from '@delib/protocol';
import { findUnit, formatMark, getRegulation } from '@delib/rules';
import type { Regulation, UnitLine } from '@delib/rules';
import { drawRow, embedFile, renderPdf, rowHeight, writeFooters } from './deterministic-pdf.js';
import type { Cell, RowStyle, TableColumn } from './deterministic-pdf.js';
import { candidateName, decisionLabel, entryText } from './minute-cells.js';
import { FONT_BOLD, FONT_REGULAR } from './minute-fonts.js';
import type { PdfStructure } from './pdf-structure.js';
import { serializeSignature, verificationCode, verificationUrl } from './minute-signature.js';
import { formatParisDate, formatParisDateTime } from '@delib/protocol';
import { drawTranscriptRectifications } from './render-rectified-minute.js';
import type { SignedTranscript } from './transcript-extracts.js';
import { writeVerificationQrCodes } from './verification-qr-code.js';

/**
 * Relevés de notes, one A4 portrait page per candidate, in one PDF: every candidate's (what
 * the centre prints) or one candidate's (what is sent to that candidate). Each page is drawn
 * from its candidate's signed extract (transcript-extracts.ts), which the file carries with
 * its signature (`releve-0001.json`, `releve-0001.signature.json`, …), and carries the QR code
 * of its own verification code. Like the minute, it is a pure function of what the file
 * carries, rendered without compression: `verifySignedPdf` renders it again and compares the
 * bytes. Any change to what this file draws changes those bytes: bump TRANSCRIPTS_LAYOUT and
 * keep the former layout. Only deliberated candidates get one (the record's `candidates`): a
 * candidate listed apart as not deliberated has no decision to print.
 *
 * Layout 1: extracts of format 1 (records of format 1 and 2). Layout 2: extracts of format 2
 * (records of format 3): an archival PDF (PDF/A-3b, tagged, each extract and its signature
 * embedded as associated files), with the date of birth, without the optional units the
 * candidate did not take, with the first group's average and decision beside the final ones
 * after the épreuves de contrôle, the author of each adjustment, and no professional average
 * for an absent candidate.
 */
export const LEGACY_TRANSCRIPTS_LAYOUT = 'delib.transcripts-pdf/1';
export const TRANSCRIPTS_LAYOUT = 'delib.transcripts-pdf/2';

/** The layout relevés are drawn in: their extracts' format's (all share the first one's). */
export function transcriptsLayoutOf(extracts: readonly TranscriptExtract[]): string {
  return extracts[0]?.format === 'delib.transcript-extract/2'
    ? TRANSCRIPTS_LAYOUT
    : LEGACY_TRANSCRIPTS_LAYOUT;
}

const MARGIN = 42;
const HEADER: RowStyle = { size: 8, padding: 3, bold: true };
const BODY: RowStyle = { size: 9, padding: 3 };

/** The names of the n-th relevé's attached extract and signature (n from 1). */
export function transcriptAttachmentNames(n: number): { extract: string; signature: string } {
  const base = `releve-${String(n).padStart(4, '0')}`;
  return { extract: `${base}.json`, signature: `${base}.signature.json` };
}

/** `releve-0012.json` → 12; null for any other name. */
export function transcriptAttachmentIndex(name: string): number | null {
  const match = /^releve-(\d{4,})\.json$/.exec(name);
  return match ? Number(match[1]) : null;
}

export function renderTranscriptsPdf(transcripts: readonly SignedTranscript[]): Promise<Buffer> {
  const first = transcripts[0];
  if (!first) throw new Error('aucun relevé à produire');
  const pages = transcripts.map((t) => ({
    extract: JSON.parse(t.canonical) as TranscriptExtract,
    signature: t.signature,
    code: verificationCode(t.signature.recordSha256),
  }));
  const { session, jury } = (pages[0] as (typeof pages)[number]).extract;
  const layout = transcriptsLayoutOf(pages.map((page) => page.extract));
  const archival = layout === TRANSCRIPTS_LAYOUT;
  const signedAt = new Date(first.signature.signedAt);
  const regulations = new Map<string, Regulation | null>();
  const regulationOf = (id: string): Regulation | null => {
    if (!regulations.has(id)) {
      try {
        regulations.set(id, getRegulation(id));
      } catch {
        regulations.set(id, null);
      }
    }
    return regulations.get(id) ?? null;
  };
  return renderPdf(
    {
      layout: 'portrait',
      margin: MARGIN,
      date: signedAt,
      archival,
      info: {
        Title: `Relevés de notes – ${session.diploma} – session ${session.year} – ${jury.name}`,
        Author: session.centre,
        Subject:
          pages.length === 1
            ? `Relevé de notes signé, code de vérification ${pages[0]?.code ?? ''}`
            : `Relevés de notes signés (${pages.length})`,
        Creator: 'Délib',
        Producer: `Délib (${layout}) avec PDFKit`,
        DelibLayout: layout,
      },
    },
    (doc, structure) => {
      transcripts.forEach((transcript, index) => {
        const names = transcriptAttachmentNames(index + 1);
        const { candidate } = (pages[index] as (typeof pages)[number]).extract;
        const fileDate = new Date(transcript.signature.signedAt);
        // As on the minute: the extract is the data of its page, its signature a supplement.
        embedFile(doc, Buffer.from(transcript.canonical, 'utf8'), {
          name: names.extract,
          type: 'application/json',
          description: `Relevé de ${candidateName(candidate)} : extrait du procès-verbal (JSON canonique RFC 8785), couvert par la signature`,
          creationDate: fileDate,
          modifiedDate: fileDate,
          ...(archival ? { relationship: 'Data' as const } : {}),
        });
        embedFile(doc, Buffer.from(serializeSignature(transcript.signature), 'utf8'), {
          name: names.signature,
          type: 'application/json',
          description: `Signature Ed25519 du relevé de ${candidateName(candidate)}, clé publique du centre`,
          creationDate: fileDate,
          modifiedDate: fileDate,
          ...(archival ? { relationship: 'Supplement' as const } : {}),
        });
      });
      for (const page of pages) {
        doc.addPage();
        const regulation = regulationOf(page.extract.session.regulationId);
        if (archival) drawArchivalTranscript(doc, page.extract, regulation, structure);
        else drawTranscript(doc, page.extract, regulation);
      }
      writeFooters(
        doc,
        (number, count) => {
          const page = pages[number - 1] as (typeof pages)[number];
          return {
            left: `Relevé signé le ${formatParisDateTime(page.signature.signedAt)} par ${page.signature.signer}, code de vérification ${page.code}`,
            right: `Relevé ${number} / ${count}`,
          };
        },
        structure,
      );
      writeVerificationQrCodes(
        doc,
        (number) => {
          const page = pages[number - 1];
          return page ? verificationUrl(page.signature) : null;
        },
        structure,
      );
    },
  );
}

/** Layout 1, as relevés of records of format 1 and 2 were signed. */
function drawTranscript(
  doc: PDFKit.PDFDocument,
  extract: TranscriptExtract,
  regulation: Regulation | null,
): void {
  const { session, jury, candidate } = extract;
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
    `Délibération du ${formatParisDate(extract.lockedAt)}. Ce relevé est un extrait signé du procès-verbal de délibération, joint au fichier avec sa signature ; ` +
      'pour le vérifier, scanner le code QR, déposer le fichier sur la page de vérification de Délib, ou saisir le code de vérification figurant en bas de page.',
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

/** `2006-03-14` → `14/03/2006`; any other text as it is. */
function birthDateText(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/**
 * Layout 2: the relevé of an extract of format 2, tagged (headings, the identity as
 * paragraphs, the table of units with TH and TD, the figures as a table of two columns).
 */
function drawArchivalTranscript(
  doc: PDFKit.PDFDocument,
  extract: TranscriptExtract,
  regulation: Regulation | null,
  structure: PdfStructure,
): void {
  const { session, jury, candidate } = extract;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  let y = doc.page.margins.top;
  const page = structure.element('Sect');
  const write = (text: string, size: number, bold = false, gap = 2, tag = 'P') => {
    structure.leaf(tag, page, () => {
      doc
        .font(bold ? FONT_BOLD : FONT_REGULAR)
        .fontSize(size)
        .fillColor('#000000');
      doc.text(text, left, y, { width });
    });
    y = doc.y + gap;
  };

  write(`Académie de ${session.academie} · ${session.centre}`, 9, false, 10);
  write('Relevé de notes', 18, true, 2, 'H1');
  write(`${session.diploma} (${session.specialty}) · session ${session.year}`, 11, true, 12);

  const identities: [string, string][] = [
    ['Candidat·e', candidateName(candidate)],
    ['Né·e le', candidate.birthDate ? birthDateText(candidate.birthDate) : 'non renseigné'],
    ['Numéro', `${candidate.number}${candidate.status ? ` · statut : ${candidate.status}` : ''}`],
    ['Jury', jury.name],
  ];
  const boxHeight = 14 + identities.length * 13.5;
  structure.artifact(() =>
    doc.rect(left, y, width, boxHeight).lineWidth(0.6).strokeColor('#000000').stroke(),
  );
  const boxTop = y;
  y += 7;
  for (const [label, value] of identities) {
    structure.leaf('P', page, () => {
      doc
        .font(FONT_BOLD)
        .fontSize(9.5)
        .fillColor('#000000')
        .text(`${label} : `, left + 8, y, { continued: true, width: width - 16 });
      doc.font(FONT_REGULAR).text(value);
    });
    y = doc.y + 2;
  }
  y = boxTop + boxHeight + 14;

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
  const table = structure.element('Table', page);
  const tags = (kind: 'header' | 'body') => ({ structure, table, kind });
  drawRow(doc, left, y, columns, headers, HEADER, headerHeight, '#dddddd', tags('header'));
  y += headerHeight;
  // An optional unit the candidate never took is no line of the relevé.
  const lines = candidate.lines.filter((line) => !(line.optional && line.entry === null));
  lines.forEach((line, index) => {
    const cells = lineCells(line, regulation);
    const height = rowHeight(doc, columns, cells, BODY);
    drawRow(
      doc,
      left,
      y,
      columns,
      cells,
      BODY,
      height,
      index % 2 === 1 ? '#f3f3f3' : undefined,
      tags('body'),
    );
    y += height;
  });
  table?.end();
  y += 12;

  const figures = structure.element('Table', page);
  const figure = (label: string, value: string, size = 10, bold = false) => {
    const row = structure.element('TR', figures);
    structure.leaf(
      'TH',
      row,
      () => {
        doc
          .font(FONT_REGULAR)
          .fontSize(size)
          .fillColor('#000000')
          .text(label, left, y, { width: width - 160 });
      },
      { scope: 'Row' },
    );
    structure.leaf('TD', row, () => {
      doc.font(bold ? FONT_BOLD : FONT_REGULAR).text(value, left + width - 160, y, {
        width: 160,
        align: 'right',
      });
    });
    row?.end();
    y += Math.max(size + 6, doc.heightOfString(label, { width: width - 160 }) + 4);
  };
  const over20 = (display: string) => (display === '—' ? '—' : `${display} / 20`);
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
  const first = candidate.firstGroup ?? null;
  if (first) {
    figure(
      'Moyenne du premier groupe (avant les épreuves de contrôle)',
      over20(first.averageDisplay),
      10,
    );
    figure('Décision du premier groupe', decisionLabel(first.decision), 10);
  }
  figure(
    first
      ? 'Moyenne générale après les épreuves de contrôle (tronquée au centième)'
      : 'Moyenne générale (tronquée au centième)',
    over20(candidate.averageDisplay),
    11,
    true,
  );
  // An absent candidate cannot go to the épreuves de contrôle, the one use of this average.
  if (candidate.decision !== 'absent') {
    figure('Moyenne des unités professionnelles', over20(candidate.professionalAverageDisplay));
  }
  for (const choice of candidate.control ?? []) {
    figure(
      `Épreuve de contrôle ${choice.choice} (${choice.units.join(', ')}) : ${formatMark(choice.mark)}, 1er groupe ${formatMark(choice.firstGroupMark)}`,
      choice.retained ? 'retenue' : 'non retenue',
      9,
    );
  }
  for (const line of candidate.lines) {
    if (!line.adjustment) continue;
    figure(
      `Note de ${line.unit} ajustée par le jury : ${formatMark(line.adjustment.from)} → ${formatMark(line.adjustment.to)}`,
      line.adjustment.by ? `fixée par ${line.adjustment.by}` : '',
      9,
    );
  }
  figures?.end();
  y += 6;
  structure.artifact(() => doc.rect(left, y, width, 30).fill('#eeeeee'));
  structure.leaf('H2', page, () => {
    doc
      .fillColor('#000000')
      .font(FONT_BOLD)
      .fontSize(13)
      .text(`Décision du jury : ${decisionLabel(candidate.decision)}`, left + 10, y + 8, {
        width: width - 20,
      });
  });
  y += 44;

  structure.leaf('P', page, () => {
    doc.font(FONT_REGULAR).fontSize(7.5).fillColor('#333333');
    doc.text(
      'Codes : B + année, bénéfice (note conservée d’une session antérieure) ; D, dispensé (l’unité ne compte ni dans le total ni dans le diviseur) ; ' +
        'ABS, absent non justifié ; ABJ, absent justifié (l’unité compte pour 0) ; a → b, note ajustée par le jury ; — , aucune note.',
      left,
      y,
      { width },
    );
  });
  doc.moveDown(0.5);
  structure.leaf('P', page, () => {
    doc.text(
      `Délibération du ${formatParisDate(extract.lockedAt)}. Ce relevé est un extrait signé du procès-verbal de délibération, joint au fichier avec sa signature ; ` +
        'pour le vérifier, scanner le code QR, déposer le fichier sur la page de vérification de Délib, ou saisir le code de vérification figurant en bas de page.',
      { width },
    );
  });
  // The relevé of a rectified minute: the candidate's corrections since the lock.
  if (extract.rectifications) {
    drawTranscriptRectifications(doc, extract.rectifications, left, width, structure, page);
  }
  page?.end();
}
