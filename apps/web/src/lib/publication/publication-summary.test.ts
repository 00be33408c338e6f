import { describe, expect, it } from 'vitest';
import type { AdmittedList } from '@delib/protocol';
import { admittedSummary, juryState, scopeLabel } from './publication-summary';

const candidate = (number: string, named: boolean) => ({
  number,
  lastName: named ? 'DUPONT' : null,
  firstName: named ? 'Marie' : null,
  juryId: 1,
  byAmendment: false,
});

function list(overrides: Partial<AdmittedList> = {}): AdmittedList {
  return {
    scope: 'session',
    session: {
      id: 1,
      year: 2027,
      diploma: 'BTS MCO',
      specialty: 'MCO',
      centre: 'Lycée',
      academie: 'Lyon',
    },
    juries: [
      { id: 1, name: 'Jury 1', locked: true, lockedAt: '2027-06-04T12:03:00Z', admitted: 2 },
      { id: 2, name: 'Jury 2', locked: false, lockedAt: null, admitted: 0 },
    ],
    candidates: [candidate('02700001', true), candidate('02700002', false)],
    withoutName: 1,
    readAt: '2027-06-04T13:00:00Z',
    ...overrides,
  };
}

describe('the words of the admitted list', () => {
  it('says when a jury locked and how many it admitted, or that it has not deliberated', () => {
    const [locked, open] = list().juries;
    expect(juryState(locked!)).toBe('délibération verrouillée le 4 juin 2027 à 14 h 03 : 2 admis');
    expect(juryState(open!)).toBe('non encore délibéré : aucun candidat publié');
  });

  it('names what the list covers', () => {
    expect(scopeLabel(list())).toBe('1 jury sur 2 a délibéré');
    const all = list({ juries: list().juries.map((jury) => ({ ...jury, locked: true })) });
    expect(scopeLabel(all)).toBe('Tous les jurys de la session');
    const none = list({ juries: list().juries.map((jury) => ({ ...jury, locked: false })) });
    expect(scopeLabel(none)).toBe('Aucun jury de la session n’a encore délibéré');
    expect(scopeLabel(list({ scope: 'jury', juries: [list().juries[1]!] }))).toBe('Jury 2');
  });

  it('counts the candidates published by number only', () => {
    expect(admittedSummary(list())).toBe(
      '2 candidats admis, dont 1 sans consentement à la publication de son nom, publié par son seul numéro.',
    );
    expect(admittedSummary(list({ withoutName: 0 }))).toBe('2 candidats admis.');
    expect(admittedSummary(list({ candidates: [candidate('1', false)], withoutName: 1 }))).toMatch(
      /^1 candidat admis, dont 1 sans/,
    );
  });
});
