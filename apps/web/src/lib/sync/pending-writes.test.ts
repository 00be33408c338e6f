import { describe, expect, it } from 'vitest';
import { decodePendingWrites, encodePendingWrites, keepPendingOnly } from './pending-writes';

describe('pending writes in the browser', () => {
  it('round-trips cells with their values, a cleared cell included', () => {
    const writes = new Map<string, unknown>([
      ['12:U41', { mark: 14.5 }],
      ['12:U42', null],
      ['13:U41', undefined],
    ]);
    expect([...decodePendingWrites(encodePendingWrites(writes))]).toEqual([...writes]);
  });

  it('reads the list of cells of earlier versions', () => {
    expect([...decodePendingWrites('["12:U41","13:U41"]')]).toEqual([
      ['12:U41', undefined],
      ['13:U41', undefined],
    ]);
  });

  it('stores nothing when nothing is pending, and survives garbage', () => {
    expect(encodePendingWrites(new Map())).toBeNull();
    expect(decodePendingWrites(null).size).toBe(0);
    expect(decodePendingWrites('{').size).toBe(0);
    expect(decodePendingWrites('{"a":1}').size).toBe(0);
    expect([...decodePendingWrites('[1,["x"],["12:U41",{"mark":3}]]')]).toEqual([
      ['12:U41', { mark: 3 }],
    ]);
  });
});

describe('keepPendingOnly', () => {
  it('forgets acknowledged cells and adds pending ones whose value is unknown', () => {
    const writes = new Map<string, unknown>([
      ['12:U41', { mark: 14.5 }],
      ['12:U42', { mark: 3 }],
    ]);
    keepPendingOnly(writes, ['12:U41', '13:U41']);
    expect([...writes]).toEqual([
      ['12:U41', { mark: 14.5 }],
      ['13:U41', undefined],
    ]);
  });
});
