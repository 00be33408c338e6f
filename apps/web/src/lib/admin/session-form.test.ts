import { describe, expect, it } from 'vitest';
import { checkSessionForm, regulationChoiceLabel, sessionTitle } from './session-form';

const filled = {
  regulationId: 'bts-mco-2018',
  year: '2028',
  centre: ' Lycée Jean-Moulin, Lyon ',
  academie: 'Lyon',
  startsOn: '2028-05-15',
  endsOn: '2028-06-02',
};

describe('checkSessionForm', () => {
  it('builds the body the server expects', () => {
    expect(checkSessionForm(filled)).toEqual({
      ok: true,
      value: {
        regulationId: 'bts-mco-2018',
        year: 2028,
        centre: 'Lycée Jean-Moulin, Lyon',
        academie: 'Lyon',
        startsOn: '2028-05-15',
        endsOn: '2028-06-02',
      },
    });
    const noDates = checkSessionForm({ ...filled, startsOn: '', endsOn: '' });
    expect(noDates).toMatchObject({ ok: true, value: { startsOn: null, endsOn: null } });
  });

  it('says in French what is missing or wrong', () => {
    const outcome = checkSessionForm({
      regulationId: '',
      year: '28',
      centre: 'L',
      academie: '',
      startsOn: '2028-06-02',
      endsOn: '2028-05-15',
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(Object.keys(outcome.errors).sort()).toEqual([
      'academie',
      'centre',
      'endsOn',
      'regulationId',
      'year',
    ]);
    expect(outcome.errors.endsOn).toMatch(/précède/);
  });
});

describe('labels', () => {
  it('tells the two numberings apart and titles a session', () => {
    expect(regulationChoiceLabel({ id: 'bts-mco-2018', label: 'BTS MCO' })).toBe(
      'BTS MCO – Arrêté du 15 octobre 2018',
    );
    expect(regulationChoiceLabel({ id: 'bts-mco-2024', label: 'BTS MCO' })).toMatch(/2024/);
    expect(regulationChoiceLabel({ id: 'inconnu', label: 'BTS X' })).toBe('BTS X – inconnu');
    expect(
      regulationChoiceLabel({
        id: 'bts-essai-2027',
        label: 'BTS Essai',
        reference: 'Arrêté fictif ; autre texte',
        uploaded: { sha256: 'ab', uploadedAt: '2026-12-02T10:00:00Z', uploadedBy: 'u1' },
      }),
    ).toBe('BTS Essai – Arrêté fictif (déposé)');
    expect(sessionTitle({ regulationId: 'bts-essai-2027', year: 2027 }, 'ESSAI')).toBe(
      'BTS ESSAI – session 2027',
    );
    expect(
      sessionTitle({
        regulationId: 'bts-essai-2027',
        year: 2027,
        regulation: { specialty: 'ESSAI' },
      }),
    ).toBe('BTS ESSAI – session 2027');
    expect(sessionTitle({ regulationId: 'bts-mco-2018', year: 2027 })).toBe(
      'BTS MCO – session 2027',
    );
  });
});
