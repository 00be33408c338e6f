import { describe, expect, it } from 'vitest';
import type { Entry } from './entry.js';
import { ENTRY_CODE_LEGEND, entryCode, formatEntry } from './entry-code.js';

describe('entryCode and formatEntry', () => {
  const rows: [Entry | null, string | null, string][] = [
    [{ mark: 12.5 }, null, '12,5'],
    [{ kept: { mark: 14, session: 2022 } }, 'B2022', '14 (B2022)'],
    [{ exempt: true }, 'D', 'D'],
    [{ absent: 'unjustified' }, 'ABS', 'ABS'],
    [{ absent: 'justified' }, 'ABJ', 'ABJ'],
    [null, null, '—'],
  ];

  it.each(rows)('%o → code %s, cell %s', (entry, code, cell) => {
    expect(entryCode(entry)).toBe(code);
    expect(formatEntry(entry)).toBe(cell);
  });

  it('the legend explains every code in French', () => {
    expect(Object.keys(ENTRY_CODE_LEGEND).sort()).toEqual(['ABJ', 'ABS', 'B', 'D']);
    expect(ENTRY_CODE_LEGEND.D).toMatch(/^Dispensé/);
  });
});
