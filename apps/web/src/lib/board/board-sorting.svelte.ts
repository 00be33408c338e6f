import { DECISION_LABELS } from '@delib/rules';
import {
  filterRows,
  sortRows,
  type BoardRow,
  type DecisionFilter,
  type SortDirection,
  type SortKey,
} from './board-row';

/** The direction an order starts in: the best averages first, everything else from A to Z. */
export function naturalDirection(key: SortKey): SortDirection {
  return key === 'average' ? 'descending' : 'ascending';
}

/**
 * The board's order and filter, shared by its toolbar (the « Ordre » and « Décision » lists)
 * and its sortable column headers.
 */
export class BoardSorting {
  key = $state<SortKey>('number');
  direction = $state<SortDirection>('ascending');
  filter = $state<DecisionFilter>('all');

  /** A column header: the same column again reverses the order, another starts naturally. */
  sortBy(key: SortKey): void {
    if (this.key === key) {
      this.direction = this.direction === 'ascending' ? 'descending' : 'ascending';
    } else {
      this.choose(key);
    }
  }

  /** The « Ordre » list: that order, in its natural direction. */
  choose(key: SortKey): void {
    this.key = key;
    this.direction = naturalDirection(key);
  }

  /** `aria-sort` of a column header. */
  ariaSort(key: SortKey): 'ascending' | 'descending' | 'none' {
    return this.key === key ? this.direction : 'none';
  }

  /** The arrow beside a column header's name. */
  mark(key: SortKey): '▲' | '▼' | '↕' {
    if (this.key !== key) return '↕';
    return this.direction === 'ascending' ? '▲' : '▼';
  }

  /** The rows the board shows, in order. */
  apply(rows: readonly BoardRow[]): BoardRow[] {
    return sortRows(filterRows(rows, this.filter), this.key, this.direction);
  }
}

export const SORT_OPTIONS: readonly { key: SortKey; label: string }[] = [
  { key: 'number', label: 'Numéro' },
  { key: 'name', label: 'Nom' },
  { key: 'average', label: 'Moyenne' },
  { key: 'decision', label: 'Décision' },
  {
    key: 'borderline',
    label: 'Cas limites d’abord (9,50 à 9,99, contrôle, incomplets, absents)',
  },
];

export const FILTER_OPTIONS: readonly { value: DecisionFilter; label: string }[] = [
  { value: 'all', label: 'Toutes les décisions' },
  { value: 'admis', label: DECISION_LABELS.admis },
  { value: 'controle', label: DECISION_LABELS.controle },
  { value: 'refuse', label: DECISION_LABELS.refuse },
  { value: 'absent', label: DECISION_LABELS.absent },
  { value: 'incomplet', label: DECISION_LABELS.incomplet },
  { value: 'error', label: 'En erreur' },
];
