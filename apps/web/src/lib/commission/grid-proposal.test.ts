import { describe, expect, it } from 'vitest';
import { BTS_MCO, findGrid } from '@delib/rules';
import type { EvaluationGrid } from '@delib/rules';
import { chooseLevel, gridSummary } from './grid-proposal';

const U41 = findGrid(BTS_MCO.grids, 'U41') as EvaluationGrid;

describe('the grid in the room', () => {
  it('chooses a level without touching the stored grid', () => {
    const stored = { vendre: 's' };
    expect(chooseLevel(stored, 'cibler', 'ts')).toEqual({ vendre: 's', cibler: 'ts' });
    expect(chooseLevel(stored, 'vendre', 'i')).toEqual({ vendre: 'i' });
    expect(stored).toEqual({ vendre: 's' });
    expect(chooseLevel(null, 'vendre', 'i')).toEqual({ vendre: 'i' });
  });

  it('says what is left before a proposal', () => {
    expect(gridSummary(U41, null, 0.5)).toEqual({
      mark: null,
      headline: '0 critère sur 4 rempli',
      detail: 'Encore 4 critères à évaluer pour que la grille propose une note.',
      short: 'Grille 0/4',
    });
    expect(gridSummary(U41, { vendre: 's', cibler: 'i', fideliser: 'ts' }, 0.5)).toMatchObject({
      headline: '3 critères sur 4 remplis',
      detail: 'Encore 1 critère à évaluer pour que la grille propose une note.',
    });
  });

  it('proposes the mark with its rounding rule', () => {
    const filled = { cibler: 's', vendre: 's', fideliser: 'i', communication: 'ts' };
    expect(gridSummary(U41, filled, 0.5)).toEqual({
      mark: 14,
      headline: 'Note proposée : 14 / 20',
      detail:
        '14 points sur 20, arrondie au demi-point le plus proche (un demi-pas exact vers le haut). La note validée dans le champ est celle qui compte.',
      short: 'Grille · 14 proposée',
    });
  });
});
