import { describe, expect, it } from 'vitest';
import { hasLoneSurrogate, isPrintableText } from './printable-text.js';

describe('isPrintableText', () => {
  it('keeps French text, line breaks, tabs and any script', () => {
    for (const text of [
      'Certificat médical remis le 4 juin.',
      'Ligne 1\nLigne 2\tfin',
      'Nguyễn Thị Hồng — « 12,5 »',
      'محمد',
      'emoji 👩‍🏫 compris',
    ])
      expect(isPrintableText(text)).toBe(true);
  });

  it('refuses control characters, bidirectional overrides and lone surrogates', () => {
    for (const text of [
      'nul\u0000',
      'bip\u0007',
      'esc\u001b[31m',
      'del\u007f',
      'c1\u0085',
      'admis\u202e simifer',
      'isolé\u2066x\u2069',
      'seul \ud800',
      '\udc00 seul',
    ])
      expect(isPrintableText(text), JSON.stringify(text)).toBe(false);
    expect(hasLoneSurrogate('👩')).toBe(false);
    expect(hasLoneSurrogate('👩'.slice(0, 1))).toBe(true);
  });
});
