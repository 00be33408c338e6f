import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { BoardCandidate } from './api-types.js';
import { candidateInput } from './candidate-input.js';
import { writeOralEntry } from './commission-document.js';
import { adjustmentKey, candidateKey, writeJuryValue } from './jury-document.js';

const candidate: BoardCandidate = {
  id: 7,
  number: '0001',
  lastName: 'X',
  firstName: 'Y',
  status: 'scolaire',
  lv1: 'anglais',
  lv2: null,
  options: [],
  stored: { U1: { mark: 12 }, U3: { exempt: true } },
  commissionByUnit: { U41: 1, U22: 2 },
};

describe('candidateInput', () => {
  it('merges stored entries, each oral unit from its own room, and the jury’s values', () => {
    const room1 = new Y.Doc();
    const room2 = new Y.Doc();
    writeOralEntry(room1, 7, 'U41', { mark: 15 });
    writeOralEntry(room1, 7, 'U22', { mark: 3 }); // not the room that hears U22: ignored
    writeOralEntry(room2, 7, 'U22', { absent: 'justified' });
    const jury = new Y.Doc();
    writeJuryValue(jury, 'adjustments', adjustmentKey(7, 'U41'), {
      mark: 16,
      reason: 'Harmonisation',
    });
    writeJuryValue(jury, 'adjustments', adjustmentKey(7, 'U5'), { mark: 16, reason: 'sans note' });
    writeJuryValue(jury, 'control', candidateKey(7), { marks: { U1: 13 } });
    const input = candidateInput(
      candidate,
      2027,
      new Map([
        [1, room1],
        [2, room2],
      ]),
      jury,
    );
    expect(input).toEqual({
      session: 2027,
      units: {
        U1: { mark: 12 },
        U3: { exempt: true },
        U41: { mark: 15 },
        U22: { absent: 'justified' },
      },
      adjustments: { U41: { mark: 16, reason: 'Harmonisation' } },
      control: { U1: 13 },
    });
  });

  it('works without a jury document', () => {
    expect(candidateInput(candidate, 2027, new Map(), null)).toEqual({
      session: 2027,
      units: { U1: { mark: 12 }, U3: { exempt: true } },
    });
  });
});
