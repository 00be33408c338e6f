import { describe, expect, it } from 'vitest';
import { candidateName } from './candidate-name';

describe('candidateName', () => {
  it('puts the family name first, in capitals', () => {
    expect(candidateName({ lastName: 'Lefèvre', firstName: 'Inès' })).toBe('LEFÈVRE Inès');
  });
});
