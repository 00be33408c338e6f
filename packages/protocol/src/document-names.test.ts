import { describe, expect, it } from 'vitest';
import { commissionDocumentName, juryDocumentName, parseDocumentName } from './document-names.js';

describe('document names', () => {
  it('carry kind, id and generation, and parse back', () => {
    expect(commissionDocumentName(3, 1)).toBe('commission/3/g1');
    expect(juryDocumentName(12, 4)).toBe('jury/12/g4');
    expect(parseDocumentName('commission/3/g1')).toEqual({
      kind: 'commission',
      id: 3,
      generation: 1,
    });
  });

  it.each([
    'commission/3',
    'commission/0/g1',
    'jury/1/g0',
    'salle/1/g1',
    'jury/1/g1/extra',
    '../jury/1/g1',
    'jury/01/g1',
  ])('refuses %s', (name) => {
    expect(parseDocumentName(name)).toBeNull();
  });
});
