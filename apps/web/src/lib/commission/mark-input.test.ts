import { BTS_MCO } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import { interpretMarkInput, markFieldHint, markFieldText, toggleAbsence } from './mark-input';

describe('interpretMarkInput', () => {
  it('reads a French decimal mark', () => {
    expect(interpretMarkInput('12,5', BTS_MCO, 'U41', null)).toEqual({
      kind: 'write',
      entry: { mark: 12.5 },
    });
    expect(interpretMarkInput(' 8 ', BTS_MCO, 'U41', { absent: 'justified' })).toEqual({
      kind: 'write',
      entry: { mark: 8 },
    });
  });

  it.each(['21', '12,3', 'abc', '-1', '12,,5'])('refuses %s with a French message', (text) => {
    const outcome = interpretMarkInput(text, BTS_MCO, 'U41', null);
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind === 'invalid') expect(outcome.message).toMatch(/[Nn]ote/);
  });

  it('says a number beyond the scale is out of range, not unreadable', () => {
    const outcome = interpretMarkInput('25', BTS_MCO, 'U41', null);
    expect(outcome).toEqual({
      kind: 'invalid',
      message: 'Note hors barème (0 à 20) : « 25 ». Saisir une note de 0 à 20, par exemple 12,5.',
    });
  });

  it('keeps « Note illisible » for text that is no number', () => {
    const outcome = interpretMarkInput('12/20', BTS_MCO, 'U41', null);
    expect(outcome.kind === 'invalid' && outcome.message).toMatch(/^Note illisible : /);
  });

  it('clears the entry when the field is emptied', () => {
    expect(interpretMarkInput('', BTS_MCO, 'U41', { mark: 12 })).toEqual({ kind: 'clear' });
    expect(interpretMarkInput('  ', BTS_MCO, 'U41', { absent: 'unjustified' })).toEqual({
      kind: 'clear',
    });
    expect(interpretMarkInput('', BTS_MCO, 'U41', null)).toEqual({ kind: 'unchanged' });
  });

  it('reads abj and abs as absences, in any case', () => {
    expect(interpretMarkInput('abj', BTS_MCO, 'U41', { mark: 12 })).toEqual({
      kind: 'write',
      entry: { absent: 'justified' },
    });
    expect(interpretMarkInput(' ABS ', BTS_MCO, 'U41', null)).toEqual({
      kind: 'write',
      entry: { absent: 'unjustified' },
    });
    expect(interpretMarkInput('Abj', BTS_MCO, 'U41', { absent: 'justified' })).toEqual({
      kind: 'unchanged',
    });
  });

  it('names the absence codes when the text is not a mark', () => {
    const outcome = interpretMarkInput('absent', BTS_MCO, 'U41', null);
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind === 'invalid') expect(outcome.message).toMatch(/abj.*abs/);
  });

  it('does not rewrite the same mark', () => {
    expect(interpretMarkInput('12.5', BTS_MCO, 'U41', { mark: 12.5 })).toEqual({
      kind: 'unchanged',
    });
  });
});

describe('markFieldText', () => {
  it('shows marks with a decimal comma and absences by their code', () => {
    expect(markFieldText({ mark: 12.5 })).toBe('12,5');
    expect(markFieldText({ absent: 'justified' })).toBe('ABJ');
    expect(markFieldText({ absent: 'unjustified' })).toBe('ABS');
    expect(markFieldText(null)).toBe('');
  });
});

describe('markFieldHint', () => {
  it('tells the step and the absence codes', () => {
    expect(markFieldHint(BTS_MCO)).toMatch(/0,5.*abj.*abs/);
  });
});

describe('toggleAbsence', () => {
  it('sets an absence, and clears it when pressed again', () => {
    expect(toggleAbsence(BTS_MCO, 'U41', { mark: 3 }, 'justified')).toEqual({
      absent: 'justified',
    });
    expect(toggleAbsence(BTS_MCO, 'U41', { absent: 'justified' }, 'justified')).toBeNull();
    expect(toggleAbsence(BTS_MCO, 'U41', { absent: 'justified' }, 'unjustified')).toEqual({
      absent: 'unjustified',
    });
  });
});
