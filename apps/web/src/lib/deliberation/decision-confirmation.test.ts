import { describe, expect, it } from 'vitest';
import { checkConfirmationForm, confirmationState } from './decision-confirmation';

describe('checkConfirmationForm', () => {
  it('confirms the computed decision, with or without a note', () => {
    expect(checkConfirmationForm('refuse', '  ')).toEqual({
      ok: true,
      value: { decision: 'refuse', reason: '' },
    });
    expect(checkConfirmationForm('refuse', ' Livret consulté ')).toEqual({
      ok: true,
      value: { decision: 'refuse', reason: 'Livret consulté' },
    });
  });

  it('has nothing to confirm while units have no entry', () => {
    expect(checkConfirmationForm('incomplet', 'Admis par le jury')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/sans note/) as unknown,
    });
  });

  it('refuses a note longer than the document accepts', () => {
    expect(checkConfirmationForm('admis', 'x'.repeat(501)).ok).toBe(false);
  });
});

describe('confirmationState', () => {
  it('tells a confirmation of the computed decision from one the marks no longer give', () => {
    expect(confirmationState('admis', null)).toEqual({ kind: 'none' });
    expect(confirmationState('refuse', { decision: 'refuse', reason: 'Livret' })).toEqual({
      kind: 'confirmed',
      note: 'Livret',
    });
    expect(confirmationState('admis', { decision: 'refuse', reason: '' })).toEqual({
      kind: 'stale',
      confirmed: 'refuse',
      note: '',
    });
    expect(confirmationState('incomplet', { decision: 'absent', reason: '' }).kind).toBe('stale');
  });
});
