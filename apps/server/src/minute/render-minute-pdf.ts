import type { CurrentRecord, NotDeliberatedCandidate, SignedRecord } from '@delib/protocol';
import {
  DECISIONS,
  ENTRY_CODE_LEGEND,
  formatMark,
  NO_AVERAGE,
  showsProfessionalAverage,
} from '@delib/rules';
import { drawRow, embedFile, renderPdf, rowHeight, writeFooters } from './deterministic-pdf.js';
import type { Cell, RowStyle, RowTags, TableColumn } from './deterministic-pdf.js';
import {
  birthDateText,
  candidateName,
  decisionCell,
  decisionLabel,
  missingUnits,
  placeOf,
  recordUnits,
  totalCell,
  unitCell,
} from './minute-cells.js';
import type { AnyRecordCandidate } from './minute-cells.js';
import { drawHeaderRow } from './minute-canvas.js';
import type { MinuteCanvas, MinuteTextOptions } from './minute-canvas.js';
import { FONT_BOLD, FONT_REGULAR } from './minute-fonts.js';
import { drawAttendanceNote, drawSignatureBlock } from './minute-signature-block.js';
import type { PdfStructure, StructureNode } from './pdf-structure.js';
import { serializeSignature, verificationCode, verificationUrl } from './minute-signature.js';
import type { MinuteSignature, SignedMinute } from './minute-signature.js';
import { formatParisDate, formatParisDateTime } from '@delib/protocol';
import {
  drawOriginalReference,
  drawRectifications,
  minuteKind,
  minuteTitle,
  rectifiedDecisionCell,
  rectifiedOf,
} from './render-rectified-minute.js';
import { QR_FOOTER_SPACE, writeVerificationQrCodes } from './verification-qr-code.js';

/**
 * The signed minute (procès-verbal de délibération) as a PDF: A4 landscape, one row per
 * candidate, the locked record and the signature attached, the verification code on every
 * page. It is a pure function of the record and the signature: `verifyMinutePdf` renders it
 * again from what the file carries and compares the bytes. Any change to what this file draws
 * changes the bytes of every minute: bump MINUTE_LAYOUT and keep the former layout so that
 * minutes already signed can still be checked.
 *
 * The layout follows what was signed, so that a minute is always rendered again as it was
 * signed; two things choose it:
 *
 * - the record's format: format 2 prints decisions as the rules compute them (with the
 *   president's confirmations) and the candidates not deliberated in a section of their own;
 *   format 1 prints the jury's decisions beside the computed ones, as it was signed;
 * - the signature's format: format 2 names the public verification page, which every page
 *   prints as a QR code (with more space kept for the footer); format 1 names none.
 *
 * Layout 1: record 1, signature 1 (minutes signed before either change). Layout 2: record 2,
 * signature 1. Layout 3: record 1, signature 2 (a jury locked before decisions followed the
 * rules, signed since). Layout 4: record 2, signature 2 (a jury locked before record 3, signed
 * since). Layout 5: record 3 without the émargement (locked before it was recorded): an
 * archival PDF (PDF/A-3b, tagged: headings, paragraphs, tables with TH and TD; the record and
 * its signature embedded as associated files), the date of birth under each name, the first
 * group's average and decision beside the final ones for the épreuves de contrôle, the author
 * of each adjustment, and no professional average for an absent candidate. Layout 6: record 3
 * with the émargement recorded with the lock, what every minute locked now gets: layout 5, the
 * émargement and a signature block where the president and each member present sign the
 * printed copy (minute-signature-block.ts). A rectified minute (`delib.rectified-record/1`) is
 * drawn in layout 6 too, with the original's reference and the corrections
 * (render-rectified-minute.ts).
 */
export const LEGACY_MINUTE_LAYOUT = 'delib.minute-pdf/1';
export const MINUTE_LAYOUT_WITHOUT_QR = 'delib.minute-pdf/2';
export const LEGACY_MINUTE_LAYOUT_WITH_QR = 'delib.minute-pdf/3';
export const MINUTE_LAYOUT_4 = 'delib.minute-pdf/4';
export const MINUTE_LAYOUT_5 = 'delib.minute-pdf/5';
export const MINUTE_LAYOUT = 'delib.minute-pdf/6';
export const RECORD_ATTACHMENT = 'proces-verbal.json';
export const SIGNATURE_ATTACHMENT = 'signature.json';

const MARGIN = 28;
/** Space kept above the bottom margin for the footer. */
const FOOTER_SPACE = 16;
const BODY: RowStyle = { size: 7.5, padding: 2.5 };
const HEADER: RowStyle = { size: 7, padding: 2.5, bold: true };
const SECTION_BODY: RowStyle = { size: 7.5, padding: 2 };
/**
 * The first columns of every table after the results but the rectifications' (its own
 * widths): the candidate of the row, by number and name.
 */
const CANDIDATE_COLUMNS: readonly TableColumn[] = [
  { header: 'N°', width: 50 },
  { header: 'Candidat·e', width: 150 },
];

/** The layout a signed record is drawn in: its format's and its signature's. */
export function minuteLayoutOf(record: SignedRecord, signature: MinuteSignature): string {
  // Record 3 and rectified minutes are only ever signed naming a verification page (signature 2).
  if (hasSignatureBlock(record)) return MINUTE_LAYOUT;
  if (record.format === 'delib.final-record/3') return MINUTE_LAYOUT_5;
  const legacy = record.format === 'delib.final-record/1';
  if (verificationUrl(signature) === null) {
    return legacy ? LEGACY_MINUTE_LAYOUT : MINUTE_LAYOUT_WITHOUT_QR;
  }
  return legacy ? LEGACY_MINUTE_LAYOUT_WITH_QR : MINUTE_LAYOUT_4;
}

/**
 * Layout 6: the records of format 3 that carry the émargement taken with the lock, and the
 * rectified minutes, print it with a signature block; records of format 3 locked before
 * (layout 5) do not.
 */
function hasSignatureBlock(record: SignedRecord): boolean {
  return (
    record.format === 'delib.rectified-record/1' ||
    (record.format === 'delib.final-record/3' && record.attendance !== undefined)
  );
}

export function renderMinutePdf(signed: SignedMinute): Promise<Buffer> {
  const record = JSON.parse(signed.canonical) as SignedRecord;
  const signature = signed.signature;
  const layout = minuteLayoutOf(record, signature);
  const signedAt = new Date(signature.signedAt);
  const code = verificationCode(signature.recordSha256);
  const { session, jury } = record;
  const url = verificationUrl(signature);
  const archival = layout === MINUTE_LAYOUT || layout === MINUTE_LAYOUT_5;
  return renderPdf(
    {
      layout: 'landscape',
      margin: MARGIN,
      date: signedAt,
      archival,
      info: {
        Title: `${rectifiedOf(record) ? minuteKind(record) : 'Procès-verbal de délibération'} – ${session.diploma} – session ${session.year} – ${jury.name}`,
        Author: signature.signer,
        Subject: `Procès-verbal signé, code de vérification ${code}`,
        Keywords: 'procès-verbal, délibération, BTS, signature Ed25519',
        Creator: 'Délib',
        Producer: `Délib (${layout}) avec PDFKit`,
        DelibLayout: layout,
        DelibRecordSha256: signature.recordSha256,
        DelibKeyId: signature.keyId,
        DelibPublicKey: signature.publicKey,
        DelibSignature: signature.signature,
        DelibSignedAt: signature.signedAt,
        DelibSigner: signature.signer,
        DelibVerificationCode: code,
      },
    },
    (doc, structure) => {
      // Archival layouts: the record is the data the pages are drawn from (`/Data`, as the
      // invoice's XML of a Factur-X), its signature a supplement to it; both in the
      // catalog's /AF. The former layouts keep pdfkit's `/Unspecified`.
      embedFile(doc, Buffer.from(signed.canonical, 'utf8'), {
        name: RECORD_ATTACHMENT,
        type: 'application/json',
        description: 'Procès-verbal verrouillé (JSON canonique RFC 8785), couvert par la signature',
        creationDate: signedAt,
        modifiedDate: signedAt,
        ...(archival ? { relationship: 'Data' as const } : {}),
      });
      embedFile(doc, Buffer.from(serializeSignature(signature), 'utf8'), {
        name: SIGNATURE_ATTACHMENT,
        type: 'application/json',
        description: 'Signature Ed25519 du procès-verbal, clé publique du centre',
        creationDate: signedAt,
        modifiedDate: signedAt,
        ...(archival ? { relationship: 'Supplement' as const } : {}),
      });
      new MinuteLayout(
        doc,
        record,
        signature,
        url === null ? FOOTER_SPACE : QR_FOOTER_SPACE,
        structure,
      ).draw();
      writeFooters(
        doc,
        (page, pages) => ({
          left: `${minuteKind(record)} signé le ${formatParisDate(signedAt)} par ${signature.signer} · code de vérification ${code} · ${jury.name}, session ${session.year}`,
          right: `Page ${page} / ${pages}`,
        }),
        structure,
      );
      if (url !== null) writeVerificationQrCodes(doc, url, structure);
    },
  );
}

class MinuteLayout implements MinuteCanvas {
  y = 0;
  readonly left = MARGIN;
  width = 0;
  private bottom = 0;

  /** The deliberated candidates. */
  private readonly candidates: readonly AnyRecordCandidate[];
  /** Format 2 only: the candidates listed apart, without a decision. */
  private readonly notDeliberated: readonly NotDeliberatedCandidate[];
  /** Format 2 or 3, or rectified (layouts 2, 4, 5); null for format 1 (layouts 1 and 3). */
  private readonly current: CurrentRecord | null;
  /**
   * Format 3 and rectified minutes (layout 5): dates of birth, first group, adjustments'
   * authors, PDF/A, the émargement and the signature block.
   */
  private readonly archival: boolean;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly record: SignedRecord,
    private readonly signature: MinuteSignature,
    /** Space kept above the bottom margin for the footer (and the QR code, signature 2). */
    private readonly footerSpace: number,
    /** Tagged in layout 5; draws without tags (same bytes as ever) in the former layouts. */
    readonly structure: PdfStructure,
  ) {
    this.candidates = record.candidates;
    this.current = record.format === 'delib.final-record/1' ? null : record;
    this.notDeliberated = this.current?.notDeliberated ?? [];
    this.archival =
      record.format === 'delib.final-record/3' || record.format === 'delib.rectified-record/1';
  }

  draw(): void {
    const rectified = rectifiedOf(this.record);
    const signedByHand = this.current && hasSignatureBlock(this.record) ? this.current : null;
    this.newPage(false);
    this.drawTitle();
    if (rectified) drawOriginalReference(this, rectified);
    this.drawMembers();
    if (signedByHand) drawAttendanceNote(this, signedByHand);
    this.drawCandidates();
    if (this.current) {
      this.drawNotDeliberated();
      if (rectified) drawRectifications(this, rectified);
      this.drawAdjustments();
      this.drawConfirmations(this.current);
    } else {
      this.drawAdjustments();
      this.drawDecisionChanges();
    }
    this.drawControls();
    this.drawSummary();
    this.drawLegend();
    this.drawSignature();
    if (signedByHand) drawSignatureBlock(this, signedByHand);
  }

  private newPage(continued: boolean): void {
    this.doc.addPage();
    const page = this.doc.page;
    this.width = page.width - page.margins.left - page.margins.right;
    this.bottom = page.height - page.margins.bottom - this.footerSpace;
    this.y = page.margins.top;
    if (continued) {
      const { session, jury } = this.record;
      const kind = rectifiedOf(this.record)
        ? minuteKind(this.record)
        : 'Procès-verbal de délibération';
      this.text(`${kind} · ${session.diploma} · session ${session.year} · ${jury.name} (suite)`, {
        size: 8,
        bold: true,
        tag: 'Artifact',
      });
      this.y += 4;
    }
  }

  /** Makes room for `height` points, opening a new page when needed; true if it did. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage(true);
    return true;
  }

  text(value: string, options: MinuteTextOptions): void {
    const doc = this.doc;
    doc
      .font(options.bold ? FONT_BOLD : FONT_REGULAR)
      .fontSize(options.size)
      .fillColor(options.color ?? '#000000');
    const width = options.width ?? this.width;
    const height = doc.heightOfString(value, { width });
    this.ensure(height);
    const draw = () => doc.text(value, options.x ?? this.left, this.y, { width });
    if (options.tag === 'Artifact') this.structure.artifact(draw, 'Pagination');
    else this.structure.leaf(options.tag ?? 'P', this.structure.root, draw);
    this.y += height;
  }

  /** A table of the tagged structure (null when untagged) and the tags of its rows. */
  table(): { node: StructureNode | null; row: (kind: RowTags['kind']) => RowTags } {
    const node = this.structure.element('Table');
    return { node, row: (kind) => ({ structure: this.structure, table: node, kind }) };
  }

  private drawTitle(): void {
    const { session, jury, lockedAt, lockedBy } = this.record;
    this.text(minuteTitle(this.record), { size: 15, bold: true, tag: 'H1' });
    this.y += 2;
    this.text(`${session.diploma} (${session.specialty}) · session ${session.year}`, {
      size: 10.5,
      bold: true,
    });
    this.y += 6;
    const top = this.y;
    const half = this.width / 2 - 10;
    const line = (label: string, value: string, x: number) => {
      this.structure.leaf('P', this.structure.root, () => {
        this.doc.font(FONT_BOLD).fontSize(8.5).fillColor('#000000');
        this.doc.text(`${label} : `, x, this.y, { continued: true, width: half });
        this.doc.font(FONT_REGULAR).text(value);
      });
      this.y = this.doc.y + 1;
    };
    line("Centre d'examen", session.centre, this.left);
    line('Académie', session.academie, this.left);
    line('Réglementation', session.reference, this.left);
    const leftBottom = this.y;
    this.y = top;
    const right = this.left + this.width / 2 + 10;
    line('Jury', jury.name, right);
    line('Arrêté de nomination', jury.appointmentRef ?? 'non renseigné', right);
    line('Délibération verrouillée', `le ${formatParisDateTime(lockedAt)} par ${lockedBy}`, right);
    this.y = Math.max(leftBottom, this.y) + 6;
  }

  private drawMembers(): void {
    const members = this.record.members;
    const president = members.filter((m) => m.president);
    const present = members.filter((m) => !m.president && m.present);
    const absent = members.filter((m) => !m.present);
    const describe = (m: { name: string; categoryLabel: string }) =>
      `${m.name} – ${m.categoryLabel}`;
    this.text('Composition du jury', { size: 9, bold: true, tag: 'H2' });
    this.y += 1;
    this.text(
      `Présidence : ${president.map(describe).join(' ; ') || 'non renseignée'}${
        president.some((m) => !m.present) ? ' (absent·e)' : ''
      }`,
      { size: 8 },
    );
    this.text(`Membres présents : ${present.map(describe).join(' ; ') || 'aucun'}`, { size: 8 });
    if (absent.length > 0) {
      this.text(`Membres absents : ${absent.map(describe).join(' ; ')}`, { size: 8 });
    }
    const teachers = present.filter((m) => m.category === 'enseignant').length;
    const professionals = present.length - teachers;
    this.text(
      `Membres présents hors présidence : ${teachers} enseignant·e(s), ${professionals} professionnel·le(s)${
        teachers === professionals
          ? ', en nombre égal.'
          : ' : les enseignants et les professionnels ne sont pas en nombre égal.'
      }`,
      { size: 8 },
    );
    this.y += 8;
  }

  /** Every unit column: of the deliberated candidates, and of those apart (format 2). */
  private units(): ReturnType<typeof recordUnits> {
    return recordUnits(
      this.current ? [...this.candidates, ...this.notDeliberated] : this.candidates,
    );
  }

  private candidateColumns(): TableColumn[] {
    const units = this.units();
    const fixed: TableColumn[] = [
      { header: 'N°', width: 42 },
      { header: 'Candidat·e', width: 112 },
    ];
    const tail: TableColumn[] = [
      { header: 'Total /\ncoef.', width: 56, align: 'right' },
      // Layout 5: room for the first group's average (`1er gr. 9,67`) and decision.
      { header: 'Moy.', width: this.archival ? 54 : 32, align: 'right' },
      { header: 'Moy.\npro', width: 32, align: 'right' },
      { header: 'Décision', width: this.archival ? 100 : 86 },
    ];
    const used = [...fixed, ...tail].reduce((sum, column) => sum + column.width, 0);
    const unitWidth = units.length > 0 ? (this.width - used) / units.length : 0;
    return [
      ...fixed,
      ...units.map((u) => ({
        header: `${u.unit}\n${u.optional ? 'facult.' : `coef. ${formatMark(u.coefficient)}`}`,
        width: unitWidth,
        align: 'center' as const,
      })),
      ...tail,
    ];
  }

  private drawCandidates(): void {
    const columns = this.candidateColumns();
    const headers = columns.map((c) => c.header);
    const headerHeight = rowHeight(this.doc, columns, headers, HEADER);
    this.text(`Résultats (${this.candidates.length} candidat·e·s)`, {
      size: 9,
      bold: true,
      tag: 'H2',
    });
    const table = this.table();
    this.y += 2;
    this.ensure(headerHeight + 20);
    this.drawTable(
      table,
      columns,
      headerHeight,
      this.candidates.map((candidate) => this.candidateCells(candidate)),
      BODY,
      (index) => (index % 2 === 1 ? '#f1f1f1' : undefined),
    );
    this.y += 8;
  }

  /**
   * A table from its header row on, at the cursor: the header, then the rows, the header
   * again atop every page the table continues on; `shade` is a row's background, if any.
   */
  private drawTable(
    table: ReturnType<MinuteLayout['table']>,
    columns: readonly TableColumn[],
    headerHeight: number,
    rows: readonly Cell[][],
    style: RowStyle,
    shade: (index: number) => string | undefined = () => undefined,
  ): void {
    drawHeaderRow(this, columns, HEADER, headerHeight, table.row('header'));
    rows.forEach((cells, index) => {
      const height = rowHeight(this.doc, columns, cells, style);
      if (this.ensure(height)) {
        drawHeaderRow(this, columns, HEADER, headerHeight, table.row('repeated-header'));
      }
      drawRow(
        this.doc,
        this.left,
        this.y,
        columns,
        cells,
        style,
        height,
        shade(index),
        table.row('body'),
      );
      this.y += height;
    });
    table.node?.end();
  }

  private candidateCells(candidate: AnyRecordCandidate): Cell[] {
    if (this.archival) return this.archivalCandidateCells(candidate);
    return [
      candidate.number,
      candidateName(candidate),
      // Records of format 1 take each candidate’s own units (every candidate has every unit).
      ...(this.current ? this.units() : recordUnits([candidate])).map((u) => {
        const line = candidate.lines.find((l) => l.unit === u.unit);
        return line ? unitCell(line) : '';
      }),
      totalCell(candidate),
      { text: candidate.averageDisplay, bold: true },
      candidate.professionalAverageDisplay,
      { text: decisionCell(candidate), bold: true },
    ];
  }

  /**
   * Layout 5: the date of birth under the name; the first group's average and decision under
   * the final ones for a candidate of the épreuves de contrôle; no professional average for an
   * absent candidate (it would only serve the épreuves de contrôle, closed to them).
   */
  private archivalCandidateCells(candidate: AnyRecordCandidate): Cell[] {
    const first = candidate.firstGroup ?? null;
    return [
      candidate.number,
      candidate.birthDate
        ? `${candidateName(candidate)}\nné·e le ${birthDateText(candidate.birthDate)}`
        : candidateName(candidate),
      ...this.units().map((u) => {
        const line = candidate.lines.find((l) => l.unit === u.unit);
        return line ? unitCell(line) : '';
      }),
      totalCell(candidate),
      {
        text: first
          ? `${candidate.averageDisplay}\n1er gr. ${first.averageDisplay}`
          : candidate.averageDisplay,
        bold: true,
      },
      showsProfessionalAverage(candidate.decision)
        ? candidate.professionalAverageDisplay
        : NO_AVERAGE,
      {
        text: rectifiedDecisionCell(
          this.record,
          candidate,
          first
            ? `${decisionCell(candidate)}\n1er gr. : ${decisionLabel(first.decision)}`
            : decisionCell(candidate),
        ),
        bold: true,
      },
    ];
  }

  /** A titled table after the results; nothing when it has no row. */
  section(title: string, columns: TableColumn[], rows: Cell[][]): void {
    if (rows.length === 0) return;
    const headers = columns.map((c) => c.header);
    const headerHeight = rowHeight(this.doc, columns, headers, HEADER);
    this.ensure(14 + headerHeight + 14);
    this.text(title, { size: 9, bold: true, tag: 'H2' });
    const table = this.table();
    this.y += 2;
    this.drawTable(table, columns, headerHeight, rows, SECTION_BODY);
    this.y += 8;
  }

  withRest(columns: readonly TableColumn[], last: string): TableColumn[] {
    const used = columns.reduce((sum, column) => sum + column.width, 0);
    return [...columns, { header: last, width: this.width - used }];
  }

  /**
   * Format 2: the candidates whose file was incomplete at the lock, without a decision, with
   * the units that have no entry.
   */
  private drawNotDeliberated(): void {
    this.section(
      'Candidats non délibérés : dossier incomplet au verrouillage, aucune décision',
      this.withRest(CANDIDATE_COLUMNS, 'Unités sans note'),
      this.notDeliberated.map((c) => [c.number, candidateName(c), missingUnits(c)]),
    );
  }

  private drawAdjustments(): void {
    const rows: Cell[][] = [];
    const candidates = this.current
      ? [...this.candidates, ...this.notDeliberated]
      : this.candidates;
    for (const candidate of candidates) {
      for (const line of candidate.lines) {
        if (!line.adjustment) continue;
        rows.push([
          candidate.number,
          candidateName(candidate),
          line.unit,
          `${formatMark(line.adjustment.from)} → ${formatMark(line.adjustment.to)}`,
          ...(this.archival ? [line.adjustment.by ?? 'non enregistré'] : []),
          line.adjustment.reason,
        ]);
      }
    }
    this.section(
      this.archival
        ? 'Notes ajustées par le jury (note de l’examinateur → note retenue, membre du jury qui l’a fixée)'
        : 'Notes ajustées par le jury (note de l’examinateur → note retenue)',
      this.withRest(
        [
          ...CANDIDATE_COLUMNS,
          { header: 'Unité', width: 40 },
          { header: 'Avant → après', width: 70 },
          // Layouts 5 and 6 name who set the adjustment; the pinned former layouts do not.
          ...(this.archival ? [{ header: 'Fixée par', width: 120 }] : []),
        ],
        'Motif',
      ),
      rows,
    );
  }

  /** Format 2: the president's confirmations that carry a note. */
  private drawConfirmations(record: CurrentRecord): void {
    const rows: Cell[][] = [];
    for (const c of record.candidates) {
      if (c.confirmation?.note == null) continue;
      rows.push([c.number, candidateName(c), decisionLabel(c.decision), c.confirmation.note]);
    }
    this.section(
      'Décisions confirmées par la présidence, avec sa note',
      this.withRest([...CANDIDATE_COLUMNS, { header: 'Décision', width: 85 }], 'Note'),
      rows,
    );
  }

  /** Format 1: the jury could then record a decision of its own. */
  private drawDecisionChanges(): void {
    const record = this.record;
    if (record.format !== 'delib.final-record/1') return;
    const rows: Cell[][] = record.candidates
      .filter((c) => c.decision !== c.proposedDecision)
      .map((c) => [
        c.number,
        candidateName(c),
        decisionLabel(c.proposedDecision),
        decisionLabel(c.decision),
        c.decisionReason ?? '',
      ]);
    this.section(
      'Décisions du jury différentes de la décision calculée',
      this.withRest(
        [...CANDIDATE_COLUMNS, { header: 'Calculée', width: 85 }, { header: 'Retenue', width: 85 }],
        'Motif',
      ),
      rows,
    );
  }

  private drawControls(): void {
    const rows: Cell[][] = [];
    for (const candidate of this.candidates) {
      for (const choice of candidate.control ?? []) {
        rows.push([
          candidate.number,
          candidateName(candidate),
          `${choice.choice} (${choice.units.join(', ')})`,
          formatMark(choice.mark),
          formatMark(choice.firstGroupMark),
          choice.retained ? 'retenue (supérieure)' : 'non retenue',
        ]);
      }
    }
    this.section(
      'Épreuves de contrôle (second groupe)',
      this.withRest(
        [
          ...CANDIDATE_COLUMNS,
          { header: 'Épreuve (unités remplacées)', width: 130 },
          { header: 'Note de contrôle', width: 80, align: 'right' },
          { header: 'Note du 1er groupe', width: 80, align: 'right' },
        ],
        'Prise en compte',
      ),
      rows,
    );
  }

  private drawSummary(): void {
    const counts = DECISIONS.map((decision) => ({
      decision,
      count: this.candidates.filter((c) => c.decision === decision).length,
    })).filter((c) => c.count > 0);
    const decided = counts.map((c) => `${decisionLabel(c.decision)} ${c.count}`).join(' ; ');
    if (!this.current) {
      this.text(
        `Bilan : ${this.candidates.length} candidat·e·s${
          counts.length > 0 ? ' : ' : '.'
        }${decided}${counts.length > 0 ? '.' : ''}`,
        { size: 8.5, bold: true },
      );
    } else {
      const apart = this.notDeliberated.length;
      this.text(
        `Bilan : ${this.candidates.length} candidat·e·s délibéré·e·s${
          counts.length > 0 ? ` : ${decided}` : ''
        }${apart > 0 ? ` ; ${apart} non délibéré·e·s` : ''}.`,
        { size: 8.5, bold: true },
      );
    }
    this.y += 8;
  }

  private drawLegend(): void {
    const entries: [string, string][] = [
      ...Object.entries(ENTRY_CODE_LEGEND).map(([code, text]): [string, string] => [
        code === 'B' ? 'B + année' : code,
        text,
      ]),
      [
        '12 → 13',
        'note ajustée par le jury : note de l’examinateur → note retenue (motifs ci-dessus)',
      ],
      ['C 12 / (C 7)', 'note de l’épreuve de contrôle, retenue car supérieure / non retenue'],
      ['—', 'aucune note saisie ; case vide : épreuve facultative non présentée'],
      [
        'Total / coef.',
        'total des points / somme des coefficients comptés ; +4,5 fac. : points des épreuves facultatives (au-dessus de 10) compris dans le total',
      ],
      [
        'Moy. / Moy. pro',
        'moyenne générale sur 20 / moyenne des unités professionnelles, tronquées au centième',
      ],
      ...(this.current
        ? [
            [
              'Décision',
              'calculée par le règlement à partir des notes retenues ; « confirmée » : confirmée par la présidence',
            ] as [string, string],
          ]
        : []),
      ...(this.archival
        ? [
            [
              '1er gr.',
              'moyenne et décision du premier groupe, avant les épreuves de contrôle ; Moy. pro « — » pour un·e absent·e',
            ] as [string, string],
          ]
        : []),
    ];
    // Two columns of (code, meaning): the legend stays short enough to share the last page
    // with the signature.
    const half = (this.width - 20) / 2;
    const columns: TableColumn[] = [
      { header: 'Code', width: 62 },
      { header: 'Signification', width: half - 62 },
    ];
    const rows = Math.ceil(entries.length / 2);
    const pairs = Array.from({ length: rows }, (_, row) => [entries[row], entries[row + rows]]);
    const heights = pairs.map((pair) =>
      Math.max(
        ...pair.map((entry) =>
          entry ? rowHeight(this.doc, columns, [entry[0], entry[1]], SECTION_BODY) : 0,
        ),
      ),
    );
    this.ensure(16 + heights.reduce((sum, h) => sum + h, 0));
    this.text('Légende', { size: 9, bold: true, tag: 'H2' });
    const table = this.table();
    this.y += 2;
    pairs.forEach((pair, row) => {
      const height = heights[row] ?? 0;
      pair.forEach((entry, side) => {
        if (!entry) return;
        const cells: Cell[] = [{ text: entry[0], bold: true }, entry[1]];
        drawRow(
          this.doc,
          this.left + side * (half + 20),
          this.y,
          columns,
          cells,
          SECTION_BODY,
          height,
          undefined,
          table.row('body'),
        );
      });
      this.y += height;
    });
    table.node?.end();
    this.y += 10;
  }

  private drawSignature(): void {
    const { session, audit } = this.record;
    const signature = this.signature;
    const doc = this.doc;
    const half = this.width / 2;
    const inner = this.left + half + 8;
    const innerWidth = half - 16;
    const lines: { text: string; size: number; bold: boolean; gap?: number }[] = [
      { text: 'Le ou la président·e du jury', size: 8.5, bold: true },
      { text: signature.signer, size: 11, bold: true, gap: 3 },
      {
        text: `Signé électroniquement (Ed25519) le ${formatParisDateTime(signature.signedAt)}, heure de Paris.`,
        size: 7.5,
        bold: false,
      },
      { text: `Clé du centre : ${signature.keyId} (${signature.centre})`, size: 7.5, bold: false },
      { text: 'Empreinte SHA-256 du procès-verbal signé :', size: 7.5, bold: false },
      { text: signature.recordSha256, size: 7, bold: false, gap: 2 },
      {
        text: `Code de vérification : ${verificationCode(signature.recordSha256)}`,
        size: 9,
        bold: true,
      },
    ];
    const measure = (line: (typeof lines)[number]) =>
      doc
        .font(line.bold ? FONT_BOLD : FONT_REGULAR)
        .fontSize(line.size)
        .heightOfString(line.text, { width: innerWidth }) + (line.gap ?? 0);
    const boxHeight = 14 + lines.reduce((sum, line) => sum + measure(line), 0);
    this.ensure(boxHeight + 4);
    const top = this.y;

    const note = (text: string, size: number, gap: number) => {
      this.structure.leaf('P', this.structure.root, () => {
        doc.font(FONT_REGULAR).fontSize(size).fillColor('#000000');
        doc.text(text, this.left, this.y, { width: half - 20 });
      });
      this.y = doc.y + gap;
    };
    note(
      `Fait à ${placeOf(session.centre, session.academie)}, le ${formatParisDate(signature.signedAt)}.`,
      9,
      6,
    );
    note(
      `Ce procès-verbal et sa signature sont joints au fichier (${RECORD_ATTACHMENT}, ${SIGNATURE_ATTACHMENT}). ` +
        (signature.verifierUrl === undefined
          ? 'Pour le vérifier : «\u00a0delib\u00a0verify\u00a0fichier.pdf\u00a0», ou déposer le fichier sur la page de vérification de Délib. ' +
            'Toute modification du fichier, même d’un seul octet, est détectée.'
          : 'Pour le vérifier : scanner le code QR de chaque page, déposer le fichier sur la page de vérification, ou «\u00a0delib\u00a0verify\u00a0fichier.pdf\u00a0». ' +
            'Toute modification du fichier, même d’un seul octet, est détectée ; il n’est authentique que signé par une clé publiée par le centre.'),
      7.5,
      3,
    );
    note(
      `Journal d’audit au verrouillage : ${audit.rows} opération(s), empreinte ${audit.head.slice(0, 16)}…`,
      7.5,
      0,
    );

    this.structure.artifact(() =>
      doc
        .rect(this.left + half, top, half, boxHeight)
        .lineWidth(0.8)
        .strokeColor('#000000')
        .stroke(),
    );
    let y = top + 7;
    for (const line of lines) {
      this.structure.leaf('P', this.structure.root, () =>
        doc
          .font(line.bold ? FONT_BOLD : FONT_REGULAR)
          .fontSize(line.size)
          .fillColor('#000000')
          .text(line.text, inner, y, { width: innerWidth }),
      );
      y += measure(line);
    }
    this.y = Math.max(this.y, top + boxHeight) + 4;
  }
}
