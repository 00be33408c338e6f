import type { BoardCandidate, BoardMember } from '@delib/protocol';
import type { Decision } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import type { BoardRow } from './board-row';
import {
  boardRole,
  hasPendingWrites,
  livretMissing,
  noteCounts,
  shownLabel,
} from './board-summary';

const members: BoardMember[] = [
  { userId: 'p', name: 'Claire Fontaine', category: 'enseignant', president: true },
  { userId: 'm', name: 'Paul Martin', category: 'enseignant', president: false },
];

function row(
  lastName: string,
  decision: Decision | null,
  options: { livret?: boolean; status?: BoardCandidate['status'] } = {},
): BoardRow {
  const candidate = {
    id: 1,
    number: '0001',
    lastName,
    firstName: 'Camille',
    status: options.status ?? 'scolaire',
  } as BoardCandidate;
  return {
    candidate,
    entries: {},
    adjustments: {},
    result: null,
    error: null,
    confirmation: null,
    decision,
    livretConsulted: options.livret ?? false,
  };
}

describe('boardRole', () => {
  it('tells the president, a member and anyone else watching', () => {
    expect(boardRole(members, 'p')).toBe('president');
    expect(boardRole(members, 'm')).toBe('member');
    expect(boardRole(members, 'admin')).toBe('observer');
  });
});

describe('noteCounts', () => {
  it('counts the members’ notes of each candidate', () => {
    expect(noteCounts(['12:p', '12:m', '7:m'])).toEqual({ 12: 2, 7: 1 });
    expect(noteCounts([])).toEqual({});
  });
});

describe('livretMissing', () => {
  it('names the refused candidates whose livret was not consulted, except individual ones', () => {
    const rows = [
      row('Durand', 'refuse'),
      row('Martin', 'refuse', { livret: true }),
      row('Petit', 'refuse', { status: 'individuel' }),
      row('Roux', 'admis'),
      row('Blanc', null),
    ];
    expect(livretMissing(rows)).toEqual(['DURAND Camille']);
  });
});

describe('hasPendingWrites', () => {
  it('waits for writes being saved or kept offline', () => {
    expect(hasPendingWrites({ kind: 'saving', pending: 1 })).toBe(true);
    expect(hasPendingWrites({ kind: 'offline', pending: 2 })).toBe(true);
    expect(hasPendingWrites({ kind: 'offline', pending: 0 })).toBe(false);
    expect(hasPendingWrites({ kind: 'saved' })).toBe(false);
    expect(hasPendingWrites({ kind: 'read-only' })).toBe(false);
  });
});

describe('shownLabel', () => {
  it('says how many candidates the filter leaves, in French', () => {
    expect(shownLabel(3, 24)).toBe('3 candidats affichés sur 24');
    expect(shownLabel(1, 24)).toBe('1 candidat affiché sur 24');
    expect(shownLabel(0, 0)).toBe('0 candidat affiché sur 0');
  });
});
