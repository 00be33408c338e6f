import type { BoardCandidate } from '@delib/protocol';
import type { Decision } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import type { BoardRow } from './board-row';
import { BoardSorting, naturalDirection } from './board-sorting.svelte';

function row(number: string, lastName: string, decision: Decision | null): BoardRow {
  return {
    candidate: { id: Number(number), number, lastName, firstName: 'Camille' } as BoardCandidate,
    entries: {},
    adjustments: {},
    result: null,
    error: null,
    confirmation: null,
    decision,
    livretConsulted: false,
  };
}

const rows = [row('3', 'Blanc', 'admis'), row('1', 'Roux', 'refuse'), row('2', 'Albert', null)];
const numbers = (list: readonly BoardRow[]) => list.map((item) => item.candidate.number);

describe('BoardSorting', () => {
  it('starts by number, ascending, every decision shown', () => {
    const sorting = new BoardSorting();
    expect(numbers(sorting.apply(rows))).toEqual(['1', '2', '3']);
    expect(sorting.ariaSort('number')).toBe('ascending');
    expect(sorting.ariaSort('name')).toBe('none');
    expect(sorting.mark('number')).toBe('▲');
    expect(sorting.mark('name')).toBe('↕');
  });

  it('reverses the order when the same column header is pressed again', () => {
    const sorting = new BoardSorting();
    sorting.sortBy('number');
    expect(sorting.direction).toBe('descending');
    expect(sorting.mark('number')).toBe('▼');
    expect(numbers(sorting.apply(rows))).toEqual(['3', '2', '1']);
  });

  it('starts another column in its natural direction: the best averages first', () => {
    const sorting = new BoardSorting();
    sorting.sortBy('number');
    sorting.sortBy('name');
    expect(sorting.key).toBe('name');
    expect(sorting.direction).toBe('ascending');
    expect(numbers(sorting.apply(rows))).toEqual(['2', '3', '1']);
    sorting.sortBy('average');
    expect(sorting.direction).toBe('descending');
  });

  it('chooses an order from the list in its natural direction, even the current one', () => {
    const sorting = new BoardSorting();
    sorting.sortBy('number');
    sorting.choose('number');
    expect(sorting.direction).toBe('ascending');
    sorting.choose('average');
    expect(sorting.ariaSort('average')).toBe('descending');
  });

  it('shows the rows of one decision, or those in error', () => {
    const sorting = new BoardSorting();
    sorting.filter = 'refuse';
    expect(numbers(sorting.apply(rows))).toEqual(['1']);
    sorting.filter = 'error';
    expect(numbers(sorting.apply(rows))).toEqual(['2']);
  });
});

describe('naturalDirection', () => {
  it('puts the best averages first and everything else from A to Z', () => {
    expect(naturalDirection('average')).toBe('descending');
    expect(naturalDirection('name')).toBe('ascending');
    expect(naturalDirection('borderline')).toBe('ascending');
  });
});
