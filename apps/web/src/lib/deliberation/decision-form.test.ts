import { describe, expect, it } from 'vitest';
import { checkDecisionForm, decisionChoices } from './decision-form';

describe('checkDecisionForm', () => {
  it('stores nothing when the jury follows the proposal', () => {
    expect(checkDecisionForm('refuse', 'refuse', '')).toEqual({ ok: true, value: null });
  });

  it('requires a reason for another decision', () => {
    expect(checkDecisionForm('refuse', 'admis', ' ')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/motif/) as unknown,
    });
    expect(checkDecisionForm('refuse', 'admis', ' Livret très favorable ')).toEqual({
      ok: true,
      value: { decision: 'admis', reason: 'Livret très favorable' },
    });
  });

  it('refuses a reason longer than the document accepts', () => {
    expect(checkDecisionForm('refuse', 'admis', 'x'.repeat(501)).ok).toBe(false);
  });
});

describe('decisionChoices', () => {
  it('offers the proposal and the sovereign decisions', () => {
    expect(decisionChoices('refuse')).toEqual(['admis', 'refuse', 'absent']);
    expect(decisionChoices('controle')).toEqual(['controle', 'admis', 'refuse', 'absent']);
    expect(decisionChoices('incomplet')).toEqual(['incomplet', 'admis', 'refuse', 'absent']);
  });
});
