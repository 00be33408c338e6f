import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalRow } from './audit-trail.js';

/** Strings that JSON escapes in every way it can: quotes, controls, non-ASCII, astral. */
const STRINGS = [
  '',
  'saisie',
  'Saisie simultanée : une autre valeur « retenue »',
  '{"mark":"14.5","absent":false}',
  'a"b\\c\n\t\r\u0000\u001f\u007f\u2028\u2029',
  '😀 É é ß 中文',
  '\uD83D\uDE00',
];
const NUMBERS = [0, -0, 1, 42, -7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('canonicalRow', () => {
  it('writes the text canonicalize writes, for 2,000 generated audit rows', () => {
    const random = seeded(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    for (let index = 0; index < 2_000; index++) {
      const row: Record<string, string | number | null> = {};
      for (const key of [
        'id',
        'at',
        'user_id',
        'document',
        'before',
        'after',
        'prev_hash',
        'é',
        'Z',
      ]) {
        const kind = random();
        row[key] = kind < 0.2 ? null : kind < 0.5 ? pick(NUMBERS) : pick(STRINGS);
      }
      expect(canonicalRow(row)).toBe(canonicalize(row));
    }
  });

  it('leaves to canonicalize what it refuses or writes otherwise', () => {
    expect(() => canonicalRow({ reason: 'seul \uD800 demi' })).toThrow(/surrogate/i);
    expect(canonicalRow({ a: 1.5, b: 1e21, c: 2 ** 60 })).toBe(
      canonicalize({ a: 1.5, b: 1e21, c: 2 ** 60 }),
    );
    const withUndefined = { a: undefined, b: 'x' } as unknown as Record<string, string>;
    expect(canonicalRow(withUndefined)).toBe('{"b":"x"}');
  });
});
