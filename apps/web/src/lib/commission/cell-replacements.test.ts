import { readOralEntry, writeOralEntry } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  replacementNotice,
  watchCellReplacements,
  type CellReplacement,
  type Writer,
} from './cell-replacements';

/** Sends everything `from` holds that `to` lacks, as the server would (a remote transaction). */
function deliver(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'server');
}

/** Examiner A (client 50) and examiner B, whose client id orders B's concurrent value. */
function twoExaminers(clientOfB: number) {
  const a = new Y.Doc();
  a.clientID = 50;
  const b = new Y.Doc();
  b.clientID = clientOfB;
  const seenByA: CellReplacement[] = [];
  const seenByB: CellReplacement[] = [];
  watchCellReplacements(a, (replacement) => seenByA.push(replacement));
  watchCellReplacements(b, (replacement) => seenByB.push(replacement));
  return { a, b, seenByA, seenByB };
}

describe('watchCellReplacements', () => {
  it('tells A when B’s concurrent 14 replaces A’s saved 9', () => {
    const { a, b, seenByA, seenByB } = twoExaminers(90);
    writeOralEntry(a, 4, 'U41', { mark: 9 });
    writeOralEntry(b, 4, 'U41', { mark: 14 }); // B has not received the 9
    deliver(b, a);
    deliver(a, b);
    expect(readOralEntry(a, 4, 'U41')).toEqual({ mark: 14 });
    expect(seenByA).toEqual([
      {
        cell: { candidateId: 4, unit: 'U41' },
        before: { mark: 9 },
        after: { mark: 14 },
        beforeClient: 50,
        afterClient: 90,
      },
    ]);
    // B's screen never changed: nothing to tell B.
    expect(seenByB).toEqual([]);
  });

  it('tells B when the 9 already stored wins over B’s 14', () => {
    const { a, b, seenByA, seenByB } = twoExaminers(10);
    writeOralEntry(a, 4, 'U41', { mark: 9 });
    writeOralEntry(b, 4, 'U41', { mark: 14 });
    deliver(a, b);
    deliver(b, a);
    expect(readOralEntry(b, 4, 'U41')).toEqual({ mark: 9 });
    expect(seenByB.map((r) => [r.before, r.after, r.afterClient])).toEqual([
      [{ mark: 14 }, { mark: 9 }, 50],
    ]);
    expect(seenByA).toEqual([]);
  });

  it('tells of a deliberate overwrite too, but never of this page’s own writes', () => {
    const { a, b, seenByA, seenByB } = twoExaminers(90);
    writeOralEntry(a, 4, 'U41', { mark: 9 });
    deliver(a, b);
    writeOralEntry(b, 4, 'U41', { mark: 12 });
    deliver(b, a);
    expect(seenByA.map((r) => r.after)).toEqual([{ mark: 12 }]);
    expect(seenByB).toEqual([]);
  });

  it('says nothing of a first value, an emptied cell or the same value', () => {
    const { a, b, seenByA } = twoExaminers(90);
    writeOralEntry(b, 4, 'U41', { mark: 9 });
    deliver(b, a);
    writeOralEntry(a, 5, 'U41', { mark: 11 });
    deliver(a, b);
    writeOralEntry(b, 5, 'U41', null);
    deliver(b, a);
    writeOralEntry(a, 6, 'U42', { mark: 8 });
    deliver(a, b);
    writeOralEntry(b, 6, 'U42', { mark: 8 });
    deliver(b, a);
    expect(seenByA).toEqual([]);
  });

  it('stops when asked', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const seen: CellReplacement[] = [];
    writeOralEntry(a, 4, 'U41', { mark: 9 });
    const stop = watchCellReplacements(a, (replacement) => seen.push(replacement));
    stop();
    writeOralEntry(b, 4, 'U41', { mark: 14 });
    deliver(b, a);
    expect(seen).toEqual([]);
  });
});

describe('replacementNotice', () => {
  const replacement: CellReplacement = {
    cell: { candidateId: 4, unit: 'U41' },
    before: { mark: 9 },
    after: { mark: 14.5 },
    beforeClient: 50,
    afterClient: 90,
  };
  const writers = new Map<number, Writer>([
    [50, { name: 'Julie Bernard', own: true }],
    [90, { name: 'Sophie Lefebvre', own: false }],
    [91, { name: 'Julie Bernard', own: true }],
  ]);
  const writerOf = (client: number) => writers.get(client);
  /** This browser's client ids: this visit's and an earlier one's, unknown to the server. */
  const OWN = new Set([77, 78]);

  it('names who replaced which value by which, for whom and in which unit', () => {
    expect(replacementNotice(replacement, writerOf, OWN, '02700004 – DA SILVA Lucas')).toBe(
      'Sophie Lefebvre a remplacé votre note 9 par 14,5 (U41, 02700004 – DA SILVA Lucas)',
    );
  });

  it('knows this browser’s client ids before the server has named them', () => {
    const fresh = { ...replacement, beforeClient: 77 };
    expect(replacementNotice(fresh, writerOf, OWN, '02700004')).toMatch(/^Sophie Lefebvre/);
    const earlierVisit = { ...replacement, beforeClient: 78 };
    expect(replacementNotice(earlierVisit, writerOf, OWN, '02700004')).toMatch(/^Sophie/);
    const byOwnOtherVisit = { ...replacement, afterClient: 78 };
    expect(replacementNotice(byOwnOtherVisit, writerOf, OWN, '02700004')).toBeNull();
  });

  it('names nobody it does not know, and words absences', () => {
    const unknown = {
      ...replacement,
      before: { absent: 'justified' as const },
      afterClient: 12,
    };
    expect(replacementNotice(unknown, writerOf, OWN, '02700004')).toBe(
      'Un autre examinateur a remplacé votre saisie ABJ (absent justifié) par 14,5 (U41, 02700004)',
    );
  });

  it('is silent when the value replaced was someone else’s, or the new one is this user’s', () => {
    expect(
      replacementNotice({ ...replacement, beforeClient: 90, afterClient: 50 }, writerOf, OWN, 'x'),
    ).toBeNull();
    expect(replacementNotice({ ...replacement, afterClient: 91 }, writerOf, OWN, 'x')).toBeNull();
    expect(replacementNotice({ ...replacement, beforeClient: 12 }, writerOf, OWN, 'x')).toBeNull();
  });
});
