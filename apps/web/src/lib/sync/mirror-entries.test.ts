import type { OralEntry } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import { changedCells, mirrorEntries } from './mirror-entries';

describe('mirrorEntries', () => {
  it('sets the changed cells and deletes the removed ones only', () => {
    const target = new Map<string, OralEntry>([
      ['1:U41', { mark: 12 }],
      ['1:U42', { mark: 8 }],
      ['2:U41', { absent: 'justified' }],
    ]);
    const source = new Map<string, OralEntry>([
      ['1:U41', { mark: 12 }],
      ['1:U42', { mark: 9.5 }],
    ]);
    expect(mirrorEntries(target, source).sort()).toEqual(['1:U42', '2:U41']);
    expect([...target]).toEqual([...source]);
  });

  it('keeps other prefixes untouched', () => {
    const target = new Map<string, OralEntry>([
      ['3/1:U41', { mark: 12 }],
      ['4/1:U41', { mark: 15 }],
    ]);
    expect(mirrorEntries(target, new Map(), '3/')).toEqual(['1:U41']);
    expect([...target.keys()]).toEqual(['4/1:U41']);
  });
});

describe('changedCells', () => {
  it('lists added, changed and removed cells', () => {
    const before = new Map<string, OralEntry>([
      ['1:U41', { mark: 12 }],
      ['1:U42', { mark: 8 }],
    ]);
    const after = new Map<string, OralEntry>([
      ['1:U41', { mark: 12 }],
      ['2:U41', { absent: 'unjustified' }],
    ]);
    expect(changedCells(before, after)).toEqual(['2:U41', '1:U42']);
  });
});
