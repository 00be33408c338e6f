import type { Fraction } from './fraction.js';
import type { MarkStatistics } from './mark-statistics.js';
import { exceedsGap, markStatistics, meanDifference } from './mark-statistics.js';

/**
 * Harmonisation of the oral marks: for each oral unit, the statistics of the cohort (every
 * mark of that unit), of each commission (room) that hears it, and of each examiner; an alert
 * when a commission's mean is further from the cohort's than the session's gap and it holds
 * enough marks. It only describes: nothing here changes a mark, the jury decides through
 * adjustments.
 */

/** A commission needs at least this many marks of a unit before its mean raises an alert. */
export const HARMONISATION_MINIMUM_MARKS = 8;
/** Default gap between a commission's mean and the cohort's, in hundredths of a point. */
export const DEFAULT_ALERT_GAP_HUNDREDTHS = 200;
/** Accepted gaps: 0,01 to 20 points. */
export const MAX_ALERT_GAP_HUNDREDTHS = 2000;

/** One examiner's mark, as the statistics see it. */
export interface HarmonisationMark {
  unit: string;
  commissionId: number;
  /** Who wrote the mark in force (the audit trail's last writer), or null when unknown. */
  writerId: string | null;
  /** The mark in hundredths of a point. */
  hundredths: number;
}

export interface GroupHarmonisation<Id> {
  id: Id;
  statistics: MarkStatistics;
  /** Mean minus the cohort's mean, in points (null without marks). */
  difference: Fraction | null;
  /** The gap is exceeded and the group holds at least `HARMONISATION_MINIMUM_MARKS` marks. */
  alert: boolean;
}

export interface UnitHarmonisation {
  unit: string;
  cohort: MarkStatistics;
  commissions: GroupHarmonisation<number>[];
  /** Examiners by user id; marks whose writer is unknown are left out of this list only. */
  examiners: GroupHarmonisation<string>[];
}

export interface HarmonisationOptions {
  alertGapHundredths: number;
  /** Units in display order; units not listed come after, in code order. */
  unitOrder?: readonly string[];
}

function groupBy<Id>(marks: readonly HarmonisationMark[], key: (mark: HarmonisationMark) => Id) {
  const groups = new Map<Id, number[]>();
  for (const mark of marks) {
    const id = key(mark);
    const list = groups.get(id) ?? [];
    list.push(mark.hundredths);
    groups.set(id, list);
  }
  return groups;
}

function compare<Id>(
  groups: Map<Id, number[]>,
  cohort: MarkStatistics,
  gapHundredths: number,
  alerts: boolean,
): GroupHarmonisation<Id>[] {
  return [...groups].map(([id, marks]) => {
    const statistics = markStatistics(marks);
    const difference = meanDifference(statistics, cohort);
    return {
      id,
      statistics,
      difference,
      alert:
        alerts &&
        difference !== null &&
        statistics.count >= HARMONISATION_MINIMUM_MARKS &&
        exceedsGap(difference, gapHundredths),
    };
  });
}

/** Per unit, the cohort, each commission (with its alert) and each examiner. */
export function harmonise(
  marks: readonly HarmonisationMark[],
  options: HarmonisationOptions,
): UnitHarmonisation[] {
  const order = options.unitOrder ?? [];
  const units = [...new Set(marks.map((mark) => mark.unit))].sort((a, b) => {
    const rankA = order.includes(a) ? order.indexOf(a) : order.length;
    const rankB = order.includes(b) ? order.indexOf(b) : order.length;
    return rankA - rankB || a.localeCompare(b);
  });
  return units.map((unit) => {
    const ofUnit = marks.filter((mark) => mark.unit === unit);
    const cohort = markStatistics(ofUnit.map((mark) => mark.hundredths));
    const commissions = compare(
      groupBy(ofUnit, (mark) => mark.commissionId),
      cohort,
      options.alertGapHundredths,
      true,
    ).sort((a, b) => a.id - b.id);
    const examiners = compare(
      groupBy(
        ofUnit.filter((mark) => mark.writerId !== null),
        (mark) => mark.writerId as string,
      ),
      cohort,
      options.alertGapHundredths,
      false,
    );
    return { unit, cohort, commissions, examiners };
  });
}

const GAP_TEXT = /^(\d{1,2})(?:[.,](\d{1,2}))?$/;

/**
 * The alert gap an admin typed (`2`, `1,5`, `0.75`) or sent as a JSON number, in hundredths
 * of a point; null when it is not a number of points from 0,01 to 20 with at most two decimals.
 */
export function parseAlertGap(value: unknown): number | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  const match = GAP_TEXT.exec(text);
  if (!match) return null;
  const hundredths = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return hundredths >= 1 && hundredths <= MAX_ALERT_GAP_HUNDREDTHS ? hundredths : null;
}
