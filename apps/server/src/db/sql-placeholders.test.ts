import { describe, expect, it } from 'vitest';
import { bindArguments, toPositional } from './sql-placeholders.js';

describe('toPositional', () => {
  it('numbers the question marks in order', () => {
    expect(toPositional('SELECT a FROM t WHERE b = ? AND c > ?')).toEqual({
      text: 'SELECT a FROM t WHERE b = $1 AND c > $2',
      slots: [0, 1],
    });
  });

  it('gives a name used twice one number', () => {
    const { text, slots } = toPositional('UPDATE t SET a = @a, b = @b WHERE a <> @a');
    expect(text).toBe('UPDATE t SET a = $1, b = $2 WHERE a <> $1');
    expect(slots).toEqual(['a', 'b']);
  });

  it('leaves quoted text, quoted names, comments and casts alone', () => {
    const sql = `SELECT 'why?', 'it''s @here', "odd?name", x::text -- really?
      /* @not ? */ FROM t WHERE y = ?`;
    const { text, slots } = toPositional(sql);
    expect(text).toBe(sql.replace('y = ?', 'y = $1'));
    expect(slots).toEqual([0]);
  });
});

describe('bindArguments', () => {
  it('takes the arguments as better-sqlite3 does: spread, in an array, or by name', () => {
    expect(bindArguments([0, 1], [1, 'a'])).toEqual([1, 'a']);
    expect(bindArguments([0, 1], [[1, 'a']])).toEqual([1, 'a']);
    expect(bindArguments(['b', 'a'], [{ a: 1, b: null }])).toEqual([null, 1]);
  });

  it('keeps bytes as they are and writes big integers as text', () => {
    const bytes = Buffer.from([1, 2]);
    expect(bindArguments([0, 1], [bytes, 5n])).toEqual([bytes, '5']);
  });

  it('refuses what better-sqlite3 refuses: a missing or undefined value, a boolean', () => {
    expect(() => bindArguments([0, 1], [1])).toThrow(RangeError);
    expect(() => bindArguments(['a'], [{ b: 1 }])).toThrow(RangeError);
    expect(() => bindArguments([0], [undefined])).toThrow(TypeError);
    expect(() => bindArguments([0], [true])).toThrow(TypeError);
  });
});
