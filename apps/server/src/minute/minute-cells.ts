import type {
  LegacyRecordCandidate,
  NotDeliberatedCandidate,
  RecordCandidate,
} from '@delib/protocol';
import { DECISION_LABELS, formatMark } from '@delib/rules';
import type { Decision, UnitLine } from '@delib/rules';

/**
 * How the record's figures read on the minute, the transcripts and the results file. Only
 * the record's own content is used (and the labels of `@delib/rules`), so a minute renders
 * the same from the file alone.
 */

export function decisionLabel(decision: string): string {
  return DECISION_LABELS[decision as Decision] ?? decision;
}

/** The examiner's entry with its origin: `12,5`, `14 B2022`, `D`, `ABS`, `ABJ`, `—`. */
export function entryText(line: UnitLine): string {
  const entry = line.entry;
  if (!entry) return line.optional ? '' : '—';
  if ('mark' in entry) return formatMark(entry.mark);
  if ('kept' in entry) return `${formatMark(entry.kept.mark)} ${line.code ?? ''}`.trim();
  return line.code ?? '—';
}

/**
 * One unit of one candidate on the minute: the entry, the jury's adjustment as before → after
 * and the contrôle mark (`C 12` retained, `(C 7)` not retained) on a second line.
 */
export function unitCell(line: UnitLine): string {
  let text = entryText(line);
  if (line.adjustment) text = `${text} → ${formatMark(line.adjustment.to)}`;
  if (line.control) {
    const mark = `C ${formatMark(line.control.mark)}`;
    text += `\n${line.control.retained ? mark : `(${mark})`}`;
  }
  return text;
}

/** A deliberated candidate of a record of either format. */
export type AnyRecordCandidate = RecordCandidate | LegacyRecordCandidate;

/** `251,25 / 21`, then the optional points when there are some. */
export function totalCell(candidate: AnyRecordCandidate): string {
  if (candidate.total === null || candidate.divisor === null) return '—';
  const total = `${formatMark(candidate.total)} / ${formatMark(candidate.divisor)}`;
  return candidate.bonus > 0 ? `${total}\n+${formatMark(candidate.bonus)} fac.` : total;
}

/**
 * The decision, then what the jury did about it: its confirmation (format 2), or the computed
 * decision when the jury's differed (records of format 1), and the livret before a refusal.
 */
export function decisionCell(candidate: AnyRecordCandidate): string {
  let text = decisionLabel(candidate.decision);
  if ('proposedDecision' in candidate) {
    if (candidate.decision !== candidate.proposedDecision) {
      text += `\n(calculée : ${decisionLabel(candidate.proposedDecision)})`;
    }
  } else if (candidate.confirmation) {
    text += '\nconfirmée';
  }
  if (candidate.decision === 'refuse' && candidate.livretConsulted) text += '\nlivret consulté';
  return text;
}

export function candidateName(candidate: { lastName: string; firstName: string }): string {
  return `${candidate.lastName} ${candidate.firstName}`;
}

/** `2006-03-14` → `14/03/2006`; any other text as it is. */
export function birthDateText(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** `U22, U41, U42`: the mandatory units without an entry of a candidate not deliberated. */
export function missingUnits(candidate: NotDeliberatedCandidate): string {
  return candidate.missing.join(', ');
}

/** The units of the record, in the regulation's order (every candidate has every unit). */
export function recordUnits(
  candidates: readonly { lines: readonly UnitLine[] }[],
): { unit: string; coefficient: number | null; optional: boolean }[] {
  const units = new Map<string, { unit: string; coefficient: number | null; optional: boolean }>();
  for (const candidate of candidates) {
    for (const line of candidate.lines) {
      if (!units.has(line.unit)) {
        units.set(line.unit, {
          unit: line.unit,
          coefficient: line.coefficient,
          optional: line.optional,
        });
      }
    }
  }
  return [...units.values()];
}

/** The place printed under the minute: the town after the centre's last comma, else the académie. */
export function placeOf(centre: string, academie: string): string {
  const comma = centre.lastIndexOf(',');
  const town = comma >= 0 ? centre.slice(comma + 1).trim() : '';
  return town !== '' ? town : academie;
}
