import type { OralEntry } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import {
  noteRefusal,
  parseRefusalNotice,
  refusalTitle,
  refusedEntries,
  refusedEntryLabel,
  settleRefusal,
  type RefusalNotice,
} from './refused-entries';

const names = new Map([
  [1, 'ARNAUD Léa'],
  [2, 'BENOIT Tom'],
]);
const nameOf = (id: number) => names.get(id) ?? null;

describe('refusedEntries', () => {
  it('lists the written cells the server does not hold with the same value', () => {
    const server = new Map<string, OralEntry>([
      ['1:U41', { mark: 14.5 }],
      ['1:U42', { mark: 9 }],
      ['2:U41', { absent: 'justified' }],
    ]);
    const refused = refusedEntries(
      [
        { cell: '1:U41', entry: { mark: 14.5 } },
        { cell: '1:U42', entry: { mark: 12 } },
        { cell: '2:U41', entry: { absent: 'unjustified' } },
        { cell: '2:U42', entry: { mark: 8 } },
      ],
      server,
    );
    expect(refused.map((entry) => entry.cell)).toEqual(['1:U42', '2:U41', '2:U42']);
    expect(refused[0]).toEqual({ cell: '1:U42', entry: { mark: 12 }, candidateId: 1, unit: 'U42' });
  });

  it('counts a clearing as refused while the server still holds the entry', () => {
    const server = new Map<string, OralEntry>([['1:U41', { mark: 10 }]]);
    expect(
      refusedEntries(
        [
          { cell: '1:U41', entry: null },
          { cell: '1:U42', entry: null },
        ],
        server,
      ).map((entry) => entry.cell),
    ).toEqual(['1:U41']);
  });

  it('skips malformed cell keys', () => {
    expect(refusedEntries([{ cell: 'nope', entry: { mark: 1 } }], new Map())).toEqual([]);
  });
});

describe('noteRefusal and settleRefusal', () => {
  it('notes the pending entries, then keeps those the server does not hold', () => {
    const noted = noteRefusal(null, {
      locked: true,
      reason: 'Le jury est verrouillé : saisie refusée.',
      written: [
        { cell: '1:U41', entry: { mark: 14.5 } },
        { cell: '2:U41', entry: { mark: 12 } },
      ],
    });
    expect(noted?.awaiting).toHaveLength(2);
    const settled = settleRefusal(noted as RefusalNotice, new Map([['2:U41', { mark: 12 }]]));
    expect(settled?.awaiting).toEqual([]);
    expect(settled?.refused.map((entry) => entry.cell)).toEqual(['1:U41']);
  });

  it('says nothing when every pending entry reached the server', () => {
    const noted = noteRefusal(null, {
      locked: true,
      reason: '',
      written: [{ cell: '1:U41', entry: { mark: 11 } }],
    }) as RefusalNotice;
    expect(settleRefusal(noted, new Map([['1:U41', { mark: 11 }]]))).toBeNull();
  });

  it('ignores a refusal with nothing pending', () => {
    expect(noteRefusal(null, { locked: true, reason: '', written: [] })).toBeNull();
  });

  it('merges later refusals, the latest value of a cell winning', () => {
    const first = noteRefusal(null, {
      locked: false,
      reason: 'Note 21 refusée pour U41.',
      written: [{ cell: '1:U41', entry: { mark: 21 } }],
    });
    const settled = settleRefusal(first as RefusalNotice, new Map());
    const second = noteRefusal(settled, {
      locked: true,
      reason: 'Le jury est verrouillé : saisie refusée.',
      written: [
        { cell: '1:U41', entry: { mark: 15 } },
        { cell: '2:U41', entry: { mark: 9 } },
      ],
    }) as RefusalNotice;
    expect(second.locked).toBe(true);
    const final = settleRefusal(second, new Map()) as RefusalNotice;
    expect(final.refused.map((entry) => [entry.cell, entry.entry])).toEqual([
      ['1:U41', { mark: 15 }],
      ['2:U41', { mark: 9 }],
    ]);
  });

  it('drops an earlier refusal of a cell the examiner rewrote successfully', () => {
    const refused = settleRefusal(
      noteRefusal(null, {
        locked: false,
        reason: 'x',
        written: [
          { cell: '1:U41', entry: { mark: 21 } },
          { cell: '1:U42', entry: { mark: 3 } },
        ],
      }) as RefusalNotice,
      new Map(),
    ) as RefusalNotice;
    const again = noteRefusal(refused, {
      locked: false,
      reason: 'y',
      written: [{ cell: '1:U41', entry: { mark: 15 } }],
    }) as RefusalNotice;
    const settled = settleRefusal(again, new Map([['1:U41', { mark: 15 }]])) as RefusalNotice;
    expect(settled.refused.map((entry) => entry.cell)).toEqual(['1:U42']);
  });
});

describe('wording', () => {
  const notice: RefusalNotice = {
    locked: true,
    reason: 'Le jury est verrouillé : saisie refusée.',
    awaiting: [],
    refused: [
      { cell: '1:U41', candidateId: 1, unit: 'U41', entry: { mark: 14.5 } },
      { cell: '2:U42', candidateId: 2, unit: 'U42', entry: { absent: 'justified' } },
      { cell: '3:U41', candidateId: 3, unit: 'U41', entry: null },
    ],
  };

  it('names the candidate, the unit and the value', () => {
    expect(refusalTitle(notice)).toBe('Saisies refusées (jury verrouillé)');
    expect(notice.refused.map((entry) => refusedEntryLabel(entry, nameOf))).toEqual([
      'ARNAUD Léa – U41 : 14,5',
      'BENOIT Tom – U42 : absent justifié',
      'Candidat n° 3 – U41 : effacement',
    ]);
  });

  it('gives the server’s reason for a refusal that is not a lock', () => {
    expect(refusalTitle({ ...notice, locked: false, reason: 'Note 21 refusée pour U41.' })).toBe(
      'Saisies refusées (Note 21 refusée pour U41)',
    );
    expect(refusalTitle({ ...notice, locked: false, reason: ' ' })).toBe('Saisies refusées');
  });
});

describe('parseRefusalNotice', () => {
  it('round-trips through JSON', () => {
    const notice: RefusalNotice = {
      locked: false,
      reason: 'Note refusée.',
      awaiting: [{ cell: '2:U41', entry: null }],
      refused: [{ cell: '1:U41', candidateId: 1, unit: 'U41', entry: { mark: 14.5 } }],
    };
    expect(parseRefusalNotice(JSON.stringify(notice))).toEqual(notice);
  });

  it('rejects what it cannot read', () => {
    expect(parseRefusalNotice(null)).toBeNull();
    expect(parseRefusalNotice('{')).toBeNull();
    expect(parseRefusalNotice('{"refused":[{"cell":"x","entry":{"mark":1}}]}')).toBeNull();
    expect(parseRefusalNotice('{"refused":[{"cell":"1:U41","entry":{"mark":"a"}}]}')).toBeNull();
  });
});
