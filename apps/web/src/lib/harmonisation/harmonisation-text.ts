import {
  MARK_BANDS,
  findUnit,
  formatAverage,
  formatMark,
  type Fraction,
  type GroupHarmonisation,
  type MarkStatistics,
  type Regulation,
  type UnitHarmonisation,
} from '@delib/rules';

/**
 * The words and figures of the harmonisation panels (the board's and the centre's). Figures
 * are truncated to the hundredth with a French comma, like the jury's averages: a mean of
 * 9,996 shows as 9,99. Nothing here decides: the alert is computed by `@delib/rules`.
 */

/** Said on every harmonisation panel. */
export const NO_AUTOMATIC_CHANGE =
  'Délib ne modifie aucune note : le jury décide, par des ajustements motivés.';

/** How marks are attributed, said beside the statistics. */
export const ATTRIBUTION_TEXT =
  'Une commission répond de toutes les notes de sa salle, ses examinateurs ensemble. ' +
  'La ligne d’un examinateur compte les notes qu’il ou elle a enregistrées en dernier ' +
  '(journal d’audit) : dans une commission à deux, la note reste commune. Les absences ne ' +
  'sont pas des notes et ne comptent pas ; les ajustements du jury non plus.';

export function formatPoints(value: Fraction | null): string {
  return formatAverage(value);
}

/** A signed difference in points: `+1,94`, `−2,40`, `0,00`; `—` without marks. */
export function formatDifference(value: Fraction | null): string {
  if (value === null) return '—';
  const text = formatAverage(value);
  if (text.startsWith('-')) return `−${text.slice(1)}`;
  return text === '0,00' ? text : `+${text}`;
}

export function formatHundredths(value: number | null): string {
  return value === null ? '—' : formatAverage({ numerator: value, denominator: 100 });
}

/** A gap in points as an admin types it: `2`, `1,5`, `0,75`. */
export function formatGap(hundredths: number): string {
  return formatMark(hundredths / 100);
}

export function pointsWord(hundredths: number): string {
  return hundredths > 100 ? 'points' : 'point';
}

export function marksWord(count: number): string {
  return count > 1 ? `${count} notes` : `${count} note`;
}

/** `E41 – Développement de la relation client et vente conseil (U41)`. */
export function unitTitle(regulation: Regulation, code: string): string {
  const unit = findUnit(regulation, code);
  return unit ? `${unit.epreuve} – ${unit.label} (${code})` : code;
}

/** The distribution in words, for screen readers: every band that holds marks. */
export function distributionText(statistics: MarkStatistics): string {
  if (statistics.count === 0) return 'Aucune note.';
  const bands = MARK_BANDS.flatMap((band, index) => {
    const count = statistics.bands[index] ?? 0;
    return count === 0 ? [] : [`${marksWord(count)} de ${band.label.replace('–', ' à ')}`];
  });
  return (
    `${marksWord(statistics.count)}, moyenne ${formatPoints(statistics.mean)}, ` +
    `de ${formatHundredths(statistics.minHundredths)} à ${formatHundredths(statistics.maxHundredths)} : ` +
    `${bands.join(', ')}.`
  );
}

/** The alert's sentence for a commission: which side, by how much, on how many marks. */
export function alertSentence(
  commission: GroupHarmonisation<number>,
  cohort: MarkStatistics,
  name: string,
  unitCode: string,
  gapHundredths: number,
): string {
  const difference = commission.difference as Fraction;
  const side = difference.numerator < 0 ? 'sous' : 'au-dessus de';
  const size = formatAverage({
    numerator: Math.abs(difference.numerator),
    denominator: difference.denominator,
  });
  return (
    `${name} (${unitCode}) : moyenne ${formatPoints(commission.statistics.mean)} sur ` +
    `${marksWord(commission.statistics.count)}, ${size} points ${side} la cohorte ` +
    `(${formatPoints(cohort.mean)}) ; l’écart dépasse ${formatGap(gapHundredths)} ${pointsWord(gapHundredths)}.`
  );
}

/** Every alert of a report, in unit order. */
export function alertsOf(
  units: readonly UnitHarmonisation[],
): { unit: UnitHarmonisation; commission: GroupHarmonisation<number> }[] {
  return units.flatMap((unit) =>
    unit.commissions.filter((c) => c.alert).map((commission) => ({ unit, commission })),
  );
}
