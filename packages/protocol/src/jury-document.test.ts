import { describe, expect, it } from 'vitest';
import { parseJuryValue } from './jury-document.js';

describe('jury document values', () => {
  it('needs a reason with an adjustment', () => {
    expect(parseJuryValue.adjustments({ mark: 11, reason: 'Harmonisation' })).toEqual({
      mark: 11,
      reason: 'Harmonisation',
    });
    expect(parseJuryValue.adjustments({ mark: 11, reason: '   ' })).toBeNull();
    expect(parseJuryValue.adjustments({ mark: 11 })).toBeNull();
  });

  it('refuses reasons and notes holding control characters or overrides', () => {
    expect(parseJuryValue.adjustments({ mark: 11, reason: 'Harmo\u0000nisation' })).toBeNull();
    expect(parseJuryValue.decisions({ decision: 'admis', reason: 'vu\u202e' })).toBeNull();
    expect(parseJuryValue.notes({ text: 'note \ud800' })).toBeNull();
    expect(parseJuryValue.notes({ text: 'Ligne 1\nLigne 2' })).toEqual({
      text: 'Ligne 1\nLigne 2',
    });
  });

  it('knows the decisions and the member categories', () => {
    expect(
      parseJuryValue.decisions({ decision: 'admis', reason: 'Livret excellent' }),
    ).not.toBeNull();
    expect(parseJuryValue.decisions({ decision: 'mention', reason: 'x' })).toBeNull();
    // An incomplete file has no decision to confirm; a confirmation's note may be empty.
    expect(parseJuryValue.decisions({ decision: 'incomplet', reason: 'x' })).toBeNull();
    expect(parseJuryValue.decisions({ decision: 'refuse', reason: '' })).toEqual({
      decision: 'refuse',
      reason: '',
    });
    expect(
      parseJuryValue.attendance({ present: true, category: 'professionnel_salarie' }),
    ).not.toBeNull();
    expect(parseJuryValue.attendance({ present: true, category: 'parent' })).toBeNull();
  });

  it('takes contrôle marks by choice code, numbers only', () => {
    expect(parseJuryValue.control({ marks: { U1: 12, LV1: 9.5 } })).toEqual({
      marks: { U1: 12, LV1: 9.5 },
    });
    expect(parseJuryValue.control({ marks: { U1: '12' } })).toBeNull();
    expect(parseJuryValue.control({ marks: { 'u1;drop': 12 } })).toBeNull();
  });

  it('bounds notes and livret values', () => {
    expect(parseJuryValue.notes({ text: 'x'.repeat(2001) })).toBeNull();
    expect(parseJuryValue.livret({ consulted: true })).toEqual({ consulted: true });
    expect(parseJuryValue.livret({ consulted: 'yes' })).toBeNull();
  });
});
