import type { FilledGrid } from '@delib/protocol';
import { formatMark, gridRoundingRule, proposeMark } from '@delib/rules';
import type { EvaluationGrid } from '@delib/rules';

/** The grid with one criterion's level chosen (a new object: the stored one is never edited). */
export function chooseLevel(
  filled: FilledGrid | null,
  criterion: string,
  level: string,
): FilledGrid {
  return { ...filled, [criterion]: level };
}

/** What the room's page says of a grid: the proposal, or what is left to fill. */
export interface GridSummary {
  /** The proposed mark, null until every criterion has a level. */
  mark: number | null;
  /** `Note proposée : 14 / 20`, or `2 critères sur 4 remplis`. */
  headline: string;
  /** How the proposal was computed, or what it waits for. */
  detail: string;
  /** For the toggle: `Grille 2/4` or `Grille · 14 proposée`. */
  short: string;
}

export function gridSummary(
  grid: EvaluationGrid,
  filled: FilledGrid | null,
  markStep: number,
): GridSummary {
  const proposal = proposeMark(grid, filled ?? {}, markStep);
  if (proposal.mark === null) {
    const left = proposal.criteria - proposal.filled;
    return {
      mark: null,
      headline: `${proposal.filled} critère${proposal.filled > 1 ? 's' : ''} sur ${proposal.criteria} rempli${proposal.filled > 1 ? 's' : ''}`,
      detail: `Encore ${left} critère${left > 1 ? 's' : ''} à évaluer pour que la grille propose une note.`,
      short: `Grille ${proposal.filled}/${proposal.criteria}`,
    };
  }
  const scaled = proposal.total === 20 ? '' : `, ramenés sur 20`;
  return {
    mark: proposal.mark,
    headline: `Note proposée : ${formatMark(proposal.mark)} / 20`,
    detail: `${formatMark(proposal.earned)} points sur ${formatMark(proposal.total)}${scaled}, arrondie ${gridRoundingRule(markStep)}. La note validée dans le champ est celle qui compte.`,
    short: `Grille · ${formatMark(proposal.mark)} proposée`,
  };
}
