import { describe, expect, it } from 'vitest';
import { entryOrigin } from './entry-origin';

describe('entryOrigin', () => {
  it('names the origin of every kind of entry', () => {
    expect(entryOrigin({ mark: 12 }, 2027)).toBe('Session 2027');
    expect(entryOrigin({ mark: 12 }, 2027, 'Commission E41/E42')).toBe(
      'Session 2027 · Commission E41/E42',
    );
    expect(entryOrigin({ kept: { mark: 12.5, session: 2024 } }, 2027)).toBe(
      'Bénéfice (session 2024)',
    );
    expect(entryOrigin({ exempt: true }, 2027)).toBe('Dispensé');
    expect(entryOrigin({ absent: 'justified' }, 2027)).toBe('Absent justifié');
    expect(entryOrigin({ absent: 'unjustified' }, 2027)).toBe('Absent non justifié');
    expect(entryOrigin(null, 2027)).toBe('Non saisie');
  });
});
