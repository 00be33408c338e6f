import type { OralEntry } from '@delib/protocol';
import { BTS_MCO } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import { MarkDraft } from './mark-draft.svelte';

/** A field of unit U41 over a stored entry, recording what is written. */
function field(stored: OralEntry | null = null) {
  const written: (OralEntry | null)[] = [];
  const state = { entry: stored };
  const draft = new MarkDraft(
    () => ({ regulation: BTS_MCO, unit: 'U41', entry: state.entry }),
    (entry) => {
      written.push(entry);
      state.entry = entry;
    },
  );
  draft.follow(state.entry);
  return { draft, written, state };
}

describe('MarkDraft', () => {
  it('shows the stored entry and follows remote changes while nobody types', () => {
    const { draft } = field({ mark: 12 });
    expect(draft.text).toBe('12');
    draft.follow({ absent: 'justified' });
    expect(draft.text).toBe('ABJ');
  });

  it('keeps what the examiner types when a remote change comes', () => {
    const { draft } = field({ mark: 12 });
    draft.text = '14';
    draft.typed();
    draft.follow({ mark: 9 });
    expect(draft.text).toBe('14');
  });

  it('writes a valid mark and is clean again', () => {
    const { draft, written } = field();
    draft.text = '14,5';
    draft.typed();
    expect(draft.commit()).toBe(true);
    expect(written).toEqual([{ mark: 14.5 }]);
    expect(draft.dirty).toBe(false);
  });

  it('keeps a refused mark with its problem, and writes nothing', () => {
    const { draft, written } = field({ mark: 12 });
    draft.text = '21';
    draft.typed();
    expect(draft.commit()).toBe(false);
    expect(draft.problem).toMatch(/20/);
    expect(draft.dirty).toBe(true);
    expect(written).toEqual([]);
    draft.typed();
    expect(draft.problem).toBeNull();
  });

  it('clears the entry when the field is emptied, and writes nothing when it was empty', () => {
    const filled = field({ mark: 12 });
    filled.draft.text = '';
    filled.draft.typed();
    filled.draft.commit();
    expect(filled.written).toEqual([null]);
    const empty = field();
    empty.draft.commit();
    expect(empty.written).toEqual([]);
  });

  it('reverts to the stored entry', () => {
    const { draft } = field({ mark: 12 });
    draft.text = '21';
    draft.typed();
    draft.commit();
    draft.revert();
    expect([draft.text, draft.dirty, draft.problem]).toEqual(['12', false, null]);
  });

  it('sets an absence, and lifts it when the same button is pressed again', () => {
    const { draft, written } = field({ mark: 12 });
    draft.pressAbsence('justified');
    expect(draft.text).toBe('ABJ');
    draft.pressAbsence('justified');
    expect(written).toEqual([{ absent: 'justified' }, null]);
    expect(draft.text).toBe('');
  });

  it('« Effacer » removes a stored entry and the draft; nothing to write when empty', () => {
    const { draft, written } = field({ mark: 12 });
    draft.text = '15';
    draft.typed();
    draft.clear();
    expect(written).toEqual([null]);
    expect([draft.text, draft.dirty]).toEqual(['', false]);
    draft.clear();
    expect(written).toEqual([null]);
  });
});
