import type { CurrentRecord, RecordMember } from '@delib/protocol';
import { drawRow, rowHeight } from './deterministic-pdf.js';
import type { Cell, RowStyle, TableColumn } from './deterministic-pdf.js';
import { drawHeaderRow } from './minute-canvas.js';
import type { MinuteCanvas } from './minute-canvas.js';
import { formatParisDateTime } from '@delib/protocol';

/**
 * The signature block of a minute of layout 5 (records of format 3 and rectified minutes):
 * the émargement recorded with the lock, then one line per person who signs the printed copy
 * by hand: the president and each member present, with name and category, and a box to sign.
 * Members absent are named below it; they do not sign.
 */
const HEADER: RowStyle = { size: 7.5, padding: 3, bold: true };
const BODY: RowStyle = { size: 8.5, padding: 4 };
/** Room for a handwritten signature. */
const SIGNING_HEIGHT = 34;
/** A block up to this height (points) is kept on one page: under a landscape A4 page's body. */
const KEEP_TOGETHER_UP_TO = 420;

/** `Émargement relevé au verrouillage, le … à … par …` under the jury's composition. */
export function drawAttendanceNote(canvas: MinuteCanvas, record: CurrentRecord): void {
  const attendance = record.attendance;
  if (!attendance) return;
  canvas.y -= 6;
  canvas.text(
    `Émargement relevé au verrouillage, le ${formatParisDateTime(attendance.recordedAt)}, par ${attendance.recordedBy}${
      attendance.confirmedAtLock ? ', qui l’a confirmé' : ''
    } : les membres présents signent ci-dessous l’exemplaire imprimé.`,
    { size: 7.5 },
  );
  canvas.y += 8;
}

function signers(members: readonly RecordMember[]): RecordMember[] {
  return [
    ...members.filter((m) => m.president && m.present),
    ...members.filter((m) => !m.president && m.present),
  ];
}

export function drawSignatureBlock(canvas: MinuteCanvas, record: CurrentRecord): void {
  const doc = canvas.doc;
  const people = signers(record.members);
  const absent = record.members.filter((m) => !m.present);
  const fixed: TableColumn[] = [
    { header: 'Qualité', width: 90 },
    { header: 'Nom', width: 170 },
    { header: 'Catégorie', width: 150 },
  ];
  const columns = canvas.withRest(fixed, 'Signature');
  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, columns, headers, HEADER);
  const rows: Cell[][] = people.map((m) => [
    m.president ? 'Président·e' : 'Membre',
    { text: m.name, bold: true },
    m.categoryLabel,
    '',
  ]);
  const heights = rows.map((row) => Math.max(SIGNING_HEIGHT, rowHeight(doc, columns, row, BODY)));
  // The whole block stays on one page when it can (a jury is a handful of people: it always
  // can on a fresh page); a very large one keeps at least its title, header and two lines.
  const whole = 16 + headerHeight + heights.reduce((sum, h) => sum + h, 0) + 14;
  canvas.ensure(
    whole <= KEEP_TOGETHER_UP_TO
      ? whole
      : 16 + headerHeight + (heights[0] ?? 0) + (heights[1] ?? 0),
  );
  canvas.text('Émargement et signatures des membres présents', {
    size: 9,
    bold: true,
    tag: 'H2',
  });
  canvas.y += 2;
  const table = canvas.table();
  drawHeaderRow(canvas, columns, HEADER, headerHeight, table.row('header'));
  rows.forEach((row, index) => {
    const height = heights[index] ?? SIGNING_HEIGHT;
    if (canvas.ensure(height)) {
      drawHeaderRow(canvas, columns, HEADER, headerHeight, table.row('repeated-header'));
    }
    drawRow(doc, canvas.left, canvas.y, columns, row, BODY, height, undefined, table.row('body'));
    // The box to sign in: framed, so that the printed copy shows where; only drawing.
    const box = columns.slice(0, -1).reduce((sum, c) => sum + c.width, 0);
    canvas.structure.artifact(() => {
      doc
        .rect(canvas.left + box + 4, canvas.y + 3, (columns.at(-1)?.width ?? 0) - 8, height - 6)
        .lineWidth(0.5)
        .strokeColor('#777777')
        .stroke();
    });
    canvas.y += height;
  });
  table.node?.end();
  canvas.y += 4;
  if (people.length === 0) {
    canvas.text('Aucun membre présent relevé.', { size: 8 });
  }
  if (absent.length > 0) {
    canvas.text(
      `Absent·e·s (ne signent pas) : ${absent.map((m) => `${m.name} – ${m.categoryLabel}`).join(' ; ')}`,
      { size: 8 },
    );
  }
  canvas.y += 6;
}
