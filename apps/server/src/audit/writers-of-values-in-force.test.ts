import { describe, expect, it } from 'vitest';
import { writersOfValuesInForce } from './writers-of-values-in-force.js';
import type { ValueWrite } from './writers-of-values-in-force.js';

const write = (key: string, after: unknown, writer: string | null): ValueWrite => ({
  key,
  after: after === null ? null : JSON.stringify(after),
  writer,
});

describe('writersOfValuesInForce', () => {
  it('names the writer of the last row when rows follow one another', () => {
    const writers = writersOfValuesInForce(
      [write('1:U41', { mark: 10 }, 'ana'), write('1:U41', { mark: 12 }, 'bob')],
      () => ({ mark: 12 }),
    );
    expect(writers).toEqual(new Map([['1:U41', 'bob']]));
  });

  it('names the writer of the value kept when the last row is the value that lost', () => {
    const writers = writersOfValuesInForce(
      [write('1:U41', { mark: 15 }, 'ana'), write('1:U41', { mark: 9 }, 'bob')],
      () => ({ mark: 15 }),
    );
    expect(writers.get('1:U41')).toBe('ana');
  });

  it('names the last writer of a value written again', () => {
    const writers = writersOfValuesInForce(
      [
        write('1:U41', { mark: 15 }, 'ana'),
        write('1:U41', { mark: 9 }, 'bob'),
        write('1:U41', { mark: 15 }, 'carl'),
      ],
      () => ({ mark: 15 }),
    );
    expect(writers.get('1:U41')).toBe('carl');
  });

  it('compares values whatever the order of their keys', () => {
    const writers = writersOfValuesInForce(
      [{ key: 'a', after: '{"reason":"oral","mark":14}', writer: 'ana' }],
      () => ({ mark: 14, reason: 'oral' }),
    );
    expect(writers.get('a')).toBe('ana');
  });

  it('names nobody for an empty key, a value no row wrote, or a row without a writer', () => {
    const values: Record<string, unknown> = { empty: null, other: { mark: 3 }, anonymous: 7 };
    const writers = writersOfValuesInForce(
      [
        write('empty', { mark: 1 }, 'ana'),
        write('empty', null, 'ana'),
        write('other', { mark: 2 }, 'bob'),
        write('anonymous', 7, null),
        write('missing', 4, 'carl'),
      ],
      (key) => values[key],
    );
    expect(writers.size).toBe(0);
  });
});
