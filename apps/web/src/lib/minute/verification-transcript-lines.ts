import { amendedInputLabel, formatParisDateTime } from '@delib/protocol';
import type { Rectification } from '@delib/protocol';
import { DECISION_LABELS, ENTRY_CODE_LEGEND, entryCode, formatMark } from '@delib/rules';
import type { UnitLine } from '@delib/rules';

/**
 * A relevé's units as the verification page shows them: the same two columns as the signed
 * relevé prints (apps/server minute/render-transcripts-pdf.ts, `lineCells`), so that someone
 * holding only the paper can match it line by line. « Note (origine) » is the entry with its
 * origin code, the one the record signed (`line.code`: `B2024`, `D`, `ABS`, `ABJ`), then the
 * jury's adjusted mark (`12 → 13`); « Note retenue » is the mark that counted, `—` for none.
 */
export interface TranscriptLineCells {
  unit: string;
  /** `12,5`, `14 B2024`, `D`, `ABS`, `ABJ`, `12 → 13`, `—`, `non présentée`. */
  origin: string;
  /** `12,5`, `0` (an absence at a mandatory unit), `—` (dispensé, optional unit not counted). */
  retained: string;
}

/** The entry and its origin: `12,5`, `14 B2024`, `D`, `ABS`, `ABJ`; `—` or `''` for none. */
function originOf(line: UnitLine): string {
  const { entry } = line;
  if (!entry) return line.optional ? '' : '—';
  if ('mark' in entry) return formatMark(entry.mark);
  // The record's own code (signed with it), else the rules' code for that entry.
  const code = line.code ?? entryCode(entry) ?? '';
  return 'kept' in entry ? `${formatMark(entry.kept.mark)} ${code}`.trim() : code || '—';
}

export function transcriptLineCells(line: UnitLine): TranscriptLineCells {
  const origin = originOf(line);
  const adjusted = line.adjustment ? `${origin} → ${formatMark(line.adjustment.to)}` : origin;
  return {
    unit: line.unit,
    origin: adjusted === '' ? 'non présentée' : adjusted,
    retained: line.mark === null ? '—' : formatMark(line.mark),
  };
}

/** The codes under the table, as the relevé's legend explains them. */
export const TRANSCRIPT_CODES: readonly { code: string; meaning: string }[] = [
  ...Object.entries(ENTRY_CODE_LEGEND).map(([code, meaning]) => ({
    code: code === 'B' ? 'B + année' : code,
    meaning,
  })),
  { code: 'a → b', meaning: 'note ajustée par le jury : note de l’examinateur → note retenue' },
  {
    code: '—',
    meaning:
      'aucune note ; en note retenue, l’unité ne compte pas (dispensé, épreuve facultative non comptée)',
  },
  { code: 'non présentée', meaning: 'épreuve facultative non présentée' },
];

/**
 * A correction printed under the decision of a rectified minute's relevé, in the words of the
 * relevé: `U41 : ABS → ABJ, décision Absent → Admis. Motif : … Rectifié le … par …`.
 */
export function rectificationText(r: Rectification): string {
  return (
    `${amendedInputLabel(r.unit, r.input, true)} : ${r.beforeText} → ${r.afterText}, décision ${DECISION_LABELS[r.decision.before]} → ${DECISION_LABELS[r.decision.after]}. ` +
    `Motif : ${r.reason}. Rectifié le ${formatParisDateTime(r.createdAt)} par ${r.author}.`
  );
}
