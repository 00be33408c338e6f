import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  cellKey,
  marksMap,
  parseCellKey,
  parseFilledGrid,
  parseOralEntry,
  readAllFilledGrids,
  readFilledGrid,
  writeFilledGrid,
  readAllOralEntries,
  readOralEntry,
  writeOralEntry,
} from './commission-document.js';

describe('commission document layout', () => {
  it('addresses a cell by candidate and unit', () => {
    expect(cellKey(42, 'U41')).toBe('42:U41');
    expect(parseCellKey('42:U41')).toEqual({ candidateId: 42, unit: 'U41' });
    for (const key of ['42', '0:U41', '42:u41', '42:U41:x', 'a:U41'])
      expect(parseCellKey(key)).toBeNull();
  });

  it('accepts only the two shapes an examiner enters', () => {
    expect(parseOralEntry({ mark: 12.5 })).toEqual({ mark: 12.5 });
    expect(parseOralEntry({ absent: 'justified' })).toEqual({ absent: 'justified' });
    for (const value of [
      { mark: '12' },
      { mark: Number.NaN },
      { mark: 12, extra: 1 },
      { absent: 'maybe' },
      { exempt: true },
      [12],
      null,
      12,
    ]) {
      expect(parseOralEntry(value)).toBeNull();
    }
  });

  it('writes, reads and clears cells, and skips malformed ones when reading all', () => {
    const doc = new Y.Doc();
    writeOralEntry(doc, 1, 'U41', { mark: 14 });
    writeOralEntry(doc, 1, 'U42', { absent: 'unjustified' });
    marksMap(doc).set('garbage', { mark: 3 });
    marksMap(doc).set('2:U41', { mark: 'x' });
    expect(readOralEntry(doc, 1, 'U41')).toEqual({ mark: 14 });
    expect([...readAllOralEntries(doc).keys()]).toEqual(['1:U41', '1:U42']);
    writeOralEntry(doc, 1, 'U41', null);
    expect(readOralEntry(doc, 1, 'U41')).toBeNull();
  });
});

describe('filled grids', () => {
  it('round-trips a grid beside the mark, and clears it when emptied', () => {
    const doc = new Y.Doc();
    writeOralEntry(doc, 7, 'U41', { mark: 12 });
    writeFilledGrid(doc, 7, 'U41', { vendre: 's', cibler: 'ts' });
    expect(readFilledGrid(doc, 7, 'U41')).toEqual({ vendre: 's', cibler: 'ts' });
    expect(readOralEntry(doc, 7, 'U41')).toEqual({ mark: 12 });
    expect([...readAllFilledGrids(doc).keys()]).toEqual(['7:U41']);
    writeFilledGrid(doc, 7, 'U41', {});
    expect(readFilledGrid(doc, 7, 'U41')).toBeNull();
  });

  it.each<[string, unknown]>([
    ['a list', ['s']],
    ['a level that is not text', { vendre: 3 }],
    ['a criterion id with capitals', { Vendre: 's' }],
    ['a nested object', { vendre: { level: 's' } }],
    ['too many criteria', Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`c${i}`, 's']))],
    ['an overlong level', { vendre: 'x'.repeat(40) }],
  ])('refuses %s', (_name, value) => {
    expect(parseFilledGrid(value)).toBeNull();
  });
});
