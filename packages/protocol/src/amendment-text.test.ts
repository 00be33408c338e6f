import { describe, expect, it } from 'vitest';
import { amendedInputLabel, amendedValueText } from './amendment-text.js';

describe('a rectification in words', () => {
  it('names what was corrected, short or as the relevé words it', () => {
    expect(amendedInputLabel('U41', 'entry')).toBe('U41');
    expect(amendedInputLabel('U41', 'adjustment')).toBe('U41 (ajustement)');
    expect(amendedInputLabel('U41', 'adjustment', true)).toBe('U41 (ajustement du jury)');
    expect(amendedInputLabel('LV1', 'control')).toBe('LV1 (contrôle)');
    expect(amendedInputLabel('LV1', 'control', true)).toBe('LV1 (épreuve de contrôle)');
    // The amendments of a decision, written before `input` existed.
    expect(amendedInputLabel(null, null)).toBe('');
  });

  it('gives the value as the documents print it', () => {
    expect(amendedValueText('entry', { kept: { mark: 14, session: 2022 } })).toBe('14 (B2022)');
    expect(amendedValueText('adjustment', null)).toBe('aucun');
    expect(amendedValueText('control', { mark: 12 })).toBe('12');
  });
});
