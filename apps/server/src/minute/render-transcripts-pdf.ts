import type { TranscriptExtract } from '@delib/protocol';
import { findUnit, formatMark, getRegulation } from '@delib/rules';
import type { Regulation, UnitLine } from '@delib/rules';
import { drawRow, embedFile, renderPdf, rowHeight, writeFooters } from './deterministic-pdf.js';
import type { Cell, RowStyle, TableColumn } from './deterministic-pdf.js';
import { birthDateText, candidateName, decisionLabel, entryText } from './minute-cells.js';
import { FONT_BOLD, FONT_REGULAR } from './minute-fonts.js';
import type { PdfStructure, StructureNode } from './pdf-structure.js';
import { serializeSignature, verificationCode, verificationUrl } from './minute-signature.js';
import { formatParisDate, formatParisDateTime } from '@delib/protocol';
import { drawTranscriptRectifications } from './render-rectified-minute.js';
import type { SignedTranscript } from './transcript-extracts.js';
import { QR_FOOTER_SPACE, writeVerificationQrCodes } from './verification-qr-code.js';

/**
 * Relevés de notes, one A4 portrait page per candidate (more for one that does not fit above
 * its verification code, see renderTranscriptsPdf), in one PDF: every candidate's (what
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

/**
 * A relevé is drawn on one page, as it always was: its body may run down to the page's
 * margin. One that does not fit (a candidate rectified many times, with long reasons) goes on
 * over the next page, and one that fits but whose body reaches into the space of its
 * verification code and footer (QR_FOOTER_SPACE above the margin: four long rectifications)
 * would be printed with its last lines under the code; both are then drawn again in a second
 * rendering, their body kept above the verification code and the footer of each of their
 * pages (the second one then takes two pages), and under the heading that names the candidate
 * at the top of each page after its first. The relevés whose body stays clear of the code are
 * drawn the same way in both renderings, byte for byte: a relevé signed before these rules
 * verifies as it did (verification renders it again and compares the bytes).
 */
export async function renderTranscriptsPdf(
  transcripts: readonly SignedTranscript[],
): Promise<Buffer> {
  return (await renderTranscriptsPdfAndFormer(transcripts)).pdf;
}

/** The relevés as they are drawn, and how the former rule drew them when it differs. */
export interface TranscriptsRenderings {
  pdf: Buffer;
  /** Rendered when called (verification needs it only for a file that is not `pdf`). */
  former: (() => Promise<Buffer>) | null;
}

/**
 * The relevés as renderTranscriptsPdf draws them, and, for verification, how they were drawn
 * before a relevé whose body reached into its code's space was drawn long (the former rule:
 * only the relevés of more than a page were). `former` is null when the two renderings are the
 * same file: no relevé of it reaches into its code's space while fitting on its page. Relevés
 * signed and handed out under the former rule carry their body over their code; they are still
 * the rendering of what was signed (verify-transcripts-pdf.ts).
 */
export async function renderTranscriptsPdfAndFormer(
  transcripts: readonly SignedTranscript[],
): Promise<TranscriptsRenderings> {
  const first = await renderTranscripts(transcripts, new Set());
  const { overflowing, overlapping } = first;
  const secondPass = async (longer: ReadonlySet<number>) =>
    longer.size === 0 ? first.pdf : (await renderTranscripts(transcripts, longer)).pdf;
  return {
    pdf: await secondPass(new Set([...overflowing, ...overlapping])),
    former: overlapping.size === 0 ? null : () => secondPass(overflowing),
  };
}

/**
 * Renders the relevés; those of `longer` (their indexes) keep their body above the code and
 * the footer, and under a ContinuationHeading on their pages after the first. Returns the
 * file, the indexes of the relevés that took more than a page, and of those that fit on their
 * page but whose body reaches into the space of its code and footer.
 */
async function renderTranscripts(
  transcripts: readonly SignedTranscript[],
  longer: ReadonlySet<number>,
): Promise<{ pdf: Buffer; overflowing: Set<number>; overlapping: Set<number> }> {
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
  const overflowing = new Set<number>();
  const overlapping = new Set<number>();
  const pdf = await renderPdf(
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
      // The relevé each page of the file belongs to: one page each, unless a relevé does not
      // fit (a candidate rectified many times, with long reasons) and goes on over the next.
      const pageOwners: number[] = [];
      // The relevés drawn long, each with the heading of its pages after the first.
      const headings = new Map<number, ContinuationHeading>();
      pages.forEach((page, index) => {
        const firstPage = pageOwners.length;
        const long = longer.has(index);
        let heading: ContinuationHeading | null = null;
        // Each page of a relevé drawn long keeps its body clear of the page's furniture: the
        // code and the footer at the bottom, and, after its first page, the heading at the top.
        const keepClear = () => {
          doc.page.margins.bottom = MARGIN + QR_FOOTER_SPACE;
          if (heading && doc.bufferedPageRange().count - 1 > firstPage) heading.reserve();
        };
        if (long) doc.on('pageAdded', keepClear);
        doc.addPage();
        // Measured on its first page (the page's width), before anything of it is drawn.
        if (long) {
          heading = new ContinuationHeading(
            doc,
            page.extract.candidate,
            transcriptMarker(index, pages.length, true),
          );
          headings.set(index, heading);
        }
        const regulation = regulationOf(page.extract.session.regulationId);
        if (archival) drawArchivalTranscript(doc, page.extract, regulation, structure);
        else drawTranscript(doc, page.extract, regulation, structure);
        const pageCount = doc.bufferedPageRange().count;
        // On one page, its body ends where the cursor is (its last text flows down the page):
        // lower than the space a relevé drawn long keeps free, it runs under its code or footer.
        if (pageCount - firstPage > 1) {
          overflowing.add(index);
        } else if (doc.y > doc.page.height - MARGIN - QR_FOOTER_SPACE) {
          overlapping.add(index);
        }
        for (let number = firstPage; number < pageCount; number++) pageOwners.push(index);
        if (!long) return;
        doc.off('pageAdded', keepClear);
        // Its footer, code and heading are placed from the page's own margins, as on every
        // relevé.
        for (let number = firstPage; number < pageCount; number++) {
          doc.switchToPage(number);
          doc.page.margins.bottom = MARGIN;
          doc.page.margins.top = MARGIN;
        }
      });
      const ownerOf = (pageNumber: number) => {
        const index = pageOwners[pageNumber - 1] as number;
        return { index, page: pages[index] as (typeof pages)[number] };
      };
      // A page after the first of its relevé (pages from 1).
      const continues = (pageNumber: number) =>
        pageNumber > 1 && pageOwners[pageNumber - 2] === pageOwners[pageNumber - 1];
      pageOwners.forEach((index, number) => {
        const heading = headings.get(index);
        if (!heading || !continues(number + 1)) return;
        doc.switchToPage(number);
        heading.draw(structure);
      });
      writeFooters(
        doc,
        (number) => {
          const { index, page } = ownerOf(number);
          return {
            left: `Relevé signé le ${formatParisDateTime(page.signature.signedAt)} par ${page.signature.signer}, code de vérification ${page.code}`,
            right: transcriptMarker(index, pages.length, continues(number)),
          };
        },
        structure,
      );
      writeVerificationQrCodes(
        doc,
        (number) => verificationUrl(ownerOf(number).page.signature),
        structure,
      );
    },
  );
  return { pdf, overflowing, overlapping };
}

/** The candidate a relevé is drawn for. */
type TranscriptCandidate = TranscriptExtract['candidate'];

/** `Relevé 2 / 12`, and on its pages after the first `Relevé 2 / 12 (suite)`. */
function transcriptMarker(index: number, count: number, continued: boolean): string {
  return `Relevé ${index + 1} / ${count}${continued ? ' (suite)' : ''}`;
}

/** The size of a continuation page's heading: the identity box's. */
const CONTINUATION_SIZE = 9.5;
/** From the heading's text to its rule, and from the rule to the body. */
const CONTINUATION_RULE_GAP = 4;
const CONTINUATION_BODY_GAP = 10;

/**
 * The top of each page after the first of a relevé drawn long: whose relevé it is, named as
 * its first page names the candidate (name and number), beside the marker its footer also
 * carries (« Relevé 2 / 12 (suite) »). A centre separates the printed pages: without it, a
 * page of rectifications would name nobody. Page furniture, like the footer (an artifact of
 * a tagged file). Measured before the relevé is drawn, so that its body starts under it; a
 * relevé that fits has none, and keeps its bytes.
 */
class ContinuationHeading {
  private readonly identity: readonly [label: string, value: string][];
  private readonly markerWidth: number;
  private readonly textWidth: number;
  private readonly textHeight: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    candidate: TranscriptCandidate,
    private readonly marker: string,
  ) {
    this.identity = [
      ['Candidat·e', candidateName(candidate)],
      ['Numéro', candidate.number],
    ];
    const width = doc.page.width - 2 * MARGIN;
    // Measured all in bold, the wider face: drawn with its values in regular, the line wraps
    // no more than the one measured.
    doc.font(FONT_BOLD).fontSize(CONTINUATION_SIZE);
    this.markerWidth = doc.widthOfString(marker);
    this.textWidth = width - this.markerWidth - 12;
    const text = this.identity.map(([label, value]) => `${label} : ${value}`).join(' · ');
    this.textHeight = Math.max(
      doc.heightOfString(text, { width: this.textWidth }),
      doc.currentLineHeight(true),
    );
  }

  /** The height from the page's top margin to where the body may start. */
  get height(): number {
    return this.textHeight + CONTINUATION_RULE_GAP + CONTINUATION_BODY_GAP;
  }

  /** On a page just added: its body starts under the heading. */
  reserve(): void {
    const { doc } = this;
    doc.page.margins.top = MARGIN + this.height;
    doc.y = doc.page.margins.top;
  }

  /** Draws it at the top of the current page, its margins put back. */
  draw(structure: PdfStructure): void {
    const { doc, identity } = this;
    const left = doc.page.margins.left;
    const top = doc.page.margins.top;
    const width = doc.page.width - left - doc.page.margins.right;
    const rule = top + this.textHeight + CONTINUATION_RULE_GAP;
    structure.artifact(() => {
      doc.font(FONT_BOLD).fontSize(CONTINUATION_SIZE).fillColor('#000000');
      doc.text(this.marker, left + width - this.markerWidth, top, {
        width: this.markerWidth,
        lineBreak: false,
      });
      identity.forEach(([label, value], index) => {
        const last = index === identity.length - 1;
        if (index === 0) {
          doc.text(`${label} : `, left, top, { continued: true, width: this.textWidth });
        } else {
          doc.font(FONT_BOLD).text(`${label} : `, { continued: true });
        }
        doc.font(FONT_REGULAR).text(last ? value : `${value} · `, { continued: !last });
      });
      doc
        .moveTo(left, rule)
        .lineTo(left + width, rule)
        .lineWidth(0.6)
        .strokeColor('#000000')
        .stroke();
    }, 'Pagination');
  }
}

/** Writes one of the relevé's figures: its label, and its value on the right. */
type DrawFigure = (label: string, value: string, size?: number, bold?: boolean) => void;

const CODES_NOTE =
  'Codes : B + année, bénéfice (note conservée d’une session antérieure) ; D, dispensé (l’unité ne compte ni dans le total ni dans le diviseur) ; ' +
  'ABS, absent non justifié ; ABJ, absent justifié (l’unité compte pour 0) ; a → b, note ajustée par le jury ; — , aucune note.';

/**
 * One relevé's page as it is drawn: the text column, the cursor, and its section of the
 * tagged structure (layout 2). What both layouts draw alike is drawn here; layout 1's
 * structure is untagged, and draws exactly what it did before (pdf-structure.ts).
 */
class TranscriptPage {
  readonly left: number;
  readonly width: number;
  y: number;
  /** The page's `Sect` element; null when untagged (layout 1). */
  readonly node: StructureNode | null;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly structure: PdfStructure,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - this.left - doc.page.margins.right;
    this.y = doc.page.margins.top;
    this.node = structure.element('Sect');
  }

  /** A line of text across the column, `gap` points above the next. */
  write(text: string, size: number, bold = false, gap = 2, tag = 'P'): void {
    const doc = this.doc;
    this.structure.leaf(tag, this.node, () => {
      doc
        .font(bold ? FONT_BOLD : FONT_REGULAR)
        .fontSize(size)
        .fillColor('#000000');
      doc.text(text, this.left, this.y, { width: this.width });
    });
    this.y = doc.y + gap;
  }

  /** The académie and the centre, the title, the diploma and the session. */
  drawHeading(session: TranscriptExtract['session']): void {
    this.write(`Académie de ${session.academie} · ${session.centre}`, 9, false, 10);
    this.write('Relevé de notes', 18, true, 2, 'H1');
    this.write(`${session.diploma} (${session.specialty}) · session ${session.year}`, 11, true, 12);
  }

  /** The table of units: a line per unit, every other one shaded; then a gap. */
  drawUnits(lines: readonly UnitLine[], regulation: Regulation | null): void {
    const { doc, left, width, structure } = this;
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
    const table = structure.element('Table', this.node);
    const tags = (kind: 'header' | 'body') => ({ structure, table, kind });
    drawRow(doc, left, this.y, columns, headers, HEADER, headerHeight, '#dddddd', tags('header'));
    this.y += headerHeight;
    lines.forEach((line, index) => {
      const cells = lineCells(line, regulation);
      const height = rowHeight(doc, columns, cells, BODY);
      drawRow(
        doc,
        left,
        this.y,
        columns,
        cells,
        BODY,
        height,
        index % 2 === 1 ? '#f3f3f3' : undefined,
        tags('body'),
      );
      this.y += height;
    });
    table?.end();
    this.y += 12;
  }

  /** The jury's decision, on a grey band. */
  drawDecision(decision: string): void {
    const { doc, left, width } = this;
    this.y += 6;
    this.structure.artifact(() => doc.rect(left, this.y, width, 30).fill('#eeeeee'));
    this.structure.leaf('H2', this.node, () => {
      doc
        .fillColor('#000000')
        .font(FONT_BOLD)
        .fontSize(13)
        .text(`Décision du jury : ${decisionLabel(decision)}`, left + 10, this.y + 8, {
          width: width - 20,
        });
    });
    this.y += 44;
  }

  /** The codes' legend and how to verify the relevé, in small print. */
  drawNotes(extract: TranscriptExtract): void {
    const { doc, width } = this;
    this.structure.leaf('P', this.node, () => {
      doc.font(FONT_REGULAR).fontSize(7.5).fillColor('#333333');
      doc.text(CODES_NOTE, this.left, this.y, { width });
    });
    doc.moveDown(0.5);
    this.structure.leaf('P', this.node, () => {
      doc.text(
        `Délibération du ${formatParisDate(extract.lockedAt)}. Ce relevé est un extrait signé du procès-verbal de délibération, joint au fichier avec sa signature ; ` +
          'pour le vérifier, scanner le code QR, déposer le fichier sur la page de vérification de Délib, ou saisir le code de vérification figurant en bas de page.',
        { width },
      );
    });
  }
}

/** `12,5 / 20`; `—` stays `—`. */
function over20(display: string): string {
  return display === '—' ? '—' : `${display} / 20`;
}

/** The total of points, the optional units' share of it, and the sum of coefficients. */
function drawPointsFigures(figure: DrawFigure, candidate: TranscriptCandidate): void {
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
}

/** Each épreuve de contrôle taken: its mark, the first group's, and whether it was retained. */
function drawControlFigures(figure: DrawFigure, candidate: TranscriptCandidate): void {
  for (const choice of candidate.control ?? []) {
    figure(
      `Épreuve de contrôle ${choice.choice} (${choice.units.join(', ')}) : ${formatMark(choice.mark)}, 1er groupe ${formatMark(choice.firstGroupMark)}`,
      choice.retained ? 'retenue' : 'non retenue',
      9,
    );
  }
}

/** Layout 1, as relevés of records of format 1 and 2 were signed (untagged). */
function drawTranscript(
  doc: PDFKit.PDFDocument,
  extract: TranscriptExtract,
  regulation: Regulation | null,
  structure: PdfStructure,
): void {
  const { session, jury, candidate } = extract;
  const page = new TranscriptPage(doc, structure);
  const { left, width } = page;
  page.drawHeading(session);

  doc.rect(left, page.y, width, 48).lineWidth(0.6).strokeColor('#000000').stroke();
  const boxTop = page.y;
  page.y += 7;
  const identity = (label: string, value: string) => {
    doc
      .font(FONT_BOLD)
      .fontSize(9.5)
      .text(`${label} : `, left + 8, page.y, {
        continued: true,
        width: width - 16,
      });
    doc.font(FONT_REGULAR).text(value);
    page.y = doc.y + 2;
  };
  identity('Candidat·e', candidateName(candidate));
  identity(
    'Numéro',
    `${candidate.number}${candidate.status ? ` · statut : ${candidate.status}` : ''}`,
  );
  identity('Jury', jury.name);
  page.y = boxTop + 48 + 14;

  page.drawUnits(candidate.lines, regulation);

  const figure: DrawFigure = (label, value, size = 10, bold = false) => {
    doc
      .font(FONT_REGULAR)
      .fontSize(size)
      .fillColor('#000000')
      .text(label, left, page.y, { width: width - 160 });
    doc.font(bold ? FONT_BOLD : FONT_REGULAR).text(value, left + width - 160, page.y, {
      width: 160,
      align: 'right',
    });
    page.y += size + 6;
  };
  drawPointsFigures(figure, candidate);
  figure('Moyenne générale (tronquée au centième)', over20(candidate.averageDisplay), 11, true);
  figure('Moyenne des unités professionnelles', over20(candidate.professionalAverageDisplay));
  drawControlFigures(figure, candidate);
  page.drawDecision(candidate.decision);
  page.drawNotes(extract);
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
  const page = new TranscriptPage(doc, structure);
  const { left, width } = page;
  page.drawHeading(session);

  const identities: [string, string][] = [
    ['Candidat·e', candidateName(candidate)],
    ['Né·e le', candidate.birthDate ? birthDateText(candidate.birthDate) : 'non renseigné'],
    ['Numéro', `${candidate.number}${candidate.status ? ` · statut : ${candidate.status}` : ''}`],
    ['Jury', jury.name],
  ];
  const boxHeight = 14 + identities.length * 13.5;
  structure.artifact(() =>
    doc.rect(left, page.y, width, boxHeight).lineWidth(0.6).strokeColor('#000000').stroke(),
  );
  const boxTop = page.y;
  page.y += 7;
  for (const [label, value] of identities) {
    structure.leaf('P', page.node, () => {
      doc
        .font(FONT_BOLD)
        .fontSize(9.5)
        .fillColor('#000000')
        .text(`${label} : `, left + 8, page.y, { continued: true, width: width - 16 });
      doc.font(FONT_REGULAR).text(value);
    });
    page.y = doc.y + 2;
  }
  page.y = boxTop + boxHeight + 14;

  // An optional unit the candidate never took is no line of the relevé.
  page.drawUnits(
    candidate.lines.filter((line) => !(line.optional && line.entry === null)),
    regulation,
  );

  const figures = structure.element('Table', page.node);
  // A label too long for its column wraps: the next figure goes under it.
  const figure: DrawFigure = (label, value, size = 10, bold = false) => {
    const row = structure.element('TR', figures);
    structure.leaf(
      'TH',
      row,
      () => {
        doc
          .font(FONT_REGULAR)
          .fontSize(size)
          .fillColor('#000000')
          .text(label, left, page.y, { width: width - 160 });
      },
      { scope: 'Row' },
    );
    structure.leaf('TD', row, () => {
      doc.font(bold ? FONT_BOLD : FONT_REGULAR).text(value, left + width - 160, page.y, {
        width: 160,
        align: 'right',
      });
    });
    row?.end();
    page.y += Math.max(size + 6, doc.heightOfString(label, { width: width - 160 }) + 4);
  };
  drawPointsFigures(figure, candidate);
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
  drawControlFigures(figure, candidate);
  for (const line of candidate.lines) {
    if (!line.adjustment) continue;
    figure(
      `Note de ${line.unit} ajustée par le jury : ${formatMark(line.adjustment.from)} → ${formatMark(line.adjustment.to)}`,
      line.adjustment.by ? `fixée par ${line.adjustment.by}` : '',
      9,
    );
  }
  figures?.end();
  page.drawDecision(candidate.decision);
  page.drawNotes(extract);
  // The relevé of a rectified minute: the candidate's corrections since the lock.
  if (extract.rectifications) {
    drawTranscriptRectifications(doc, extract.rectifications, left, width, structure, page.node);
  }
  page.node?.end();
}
