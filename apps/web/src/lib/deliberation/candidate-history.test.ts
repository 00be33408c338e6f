import { describe, expect, it } from 'vitest';
import {
  describeHistoryChange,
  describeHistoryValue,
  historyActionLabel,
  historyTime,
} from './candidate-history';

describe('describeHistoryValue', () => {
  it('writes entries as on the minute', () => {
    expect(describeHistoryValue({ mark: 12.5 })).toBe('12,5');
    expect(describeHistoryValue({ absent: 'justified' })).toBe('ABJ');
    expect(describeHistoryValue({ kept: { mark: 14, session: 2022 } })).toBe('14 (B2022)');
    expect(describeHistoryValue({ exempt: true })).toBe('D');
    expect(describeHistoryValue(null)).toBe('—');
  });

  it('writes the jury’s values in French', () => {
    expect(describeHistoryValue({ mark: 15, reason: 'Erreur de report' })).toBe('15');
    expect(describeHistoryValue({ decision: 'admis', reason: 'Livret' })).toBe('Admis');
    expect(describeHistoryValue({ consulted: true })).toBe('consulté');
    expect(describeHistoryValue({ marks: { U1: 12, LV1: 9.5 } })).toBe('U1 : 12 · LV1 : 9,5');
    expect(describeHistoryValue({ present: false, category: 'enseignant' })).toBe(
      'absent·e (Enseignant·e)',
    );
    expect(describeHistoryValue({ text: 'Très bon oral' })).toBe('« Très bon oral »');
  });

  it('writes a rectificatif as the input corrected and the decision the rules recompute', () => {
    expect(describeHistoryValue({ entry: { mark: 12 }, decision: 'admis' })).toBe(
      '12 · décision calculée : Admis',
    );
    expect(describeHistoryValue({ entry: null, decision: 'incomplet' })).toBe(
      '— · décision calculée : Incomplet',
    );
    expect(describeHistoryValue({ adjustment: { mark: 9.5 }, decision: 'refuse' })).toBe(
      'ajustée à 9,5 · décision calculée : Refusé',
    );
    expect(describeHistoryValue({ adjustment: null, decision: 'controle' })).toBe(
      'sans ajustement · décision calculée : Épreuves de contrôle',
    );
    expect(describeHistoryValue({ control: { mark: 14 }, decision: 'admis' })).toBe(
      'note de contrôle 14 · décision calculée : Admis',
    );
    expect(describeHistoryValue({ control: null, decision: 'controle' })).toBe(
      'sans note de contrôle · décision calculée : Épreuves de contrôle',
    );
  });
});

describe('historyActionLabel', () => {
  it('names the actions of the audit trail', () => {
    expect(historyActionLabel('ajustement')).toBe('Ajustement du jury');
    expect(historyActionLabel('saisie écartée')).toBe('Saisie simultanée écartée');
    expect(historyActionLabel('inconnue')).toBe('inconnue');
  });
});

describe('historyTime', () => {
  it('writes the time in Paris', () => {
    expect(historyTime('2027-06-12T12:03:12.000Z')).toBe('12 juin 2027 à 14 h 03 min 12 s');
    expect(historyTime('hier')).toBe('hier');
  });
});

describe('describeHistoryChange', () => {
  it('tells a filled grid by the number of criteria evaluated', () => {
    expect(describeHistoryChange('grille', { vendre: 's' })).toBe('1 critère évalué');
    expect(describeHistoryChange('grille', { vendre: 's', cibler: 'ts' })).toBe(
      '2 critères évalués',
    );
    expect(describeHistoryChange('grille', null)).toBe('—');
    expect(describeHistoryChange('saisie', { mark: 12 })).toBe('12');
    expect(historyActionLabel('grille')).toBe('Grille d’évaluation');
  });

  it('tells a grid that a concurrent grid overruled in words too, under its own label', () => {
    expect(describeHistoryChange('grille écartée', { vendre: 's', cibler: 'ts' })).toBe(
      '2 critères évalués',
    );
    expect(historyActionLabel('grille écartée')).toBe('Grille simultanée écartée');
    expect(historyActionLabel('saisie écartée')).toBe('Saisie simultanée écartée');
  });
});
