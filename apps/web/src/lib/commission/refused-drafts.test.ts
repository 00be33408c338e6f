import { BTS_MCO } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import { MarkDraft } from './mark-draft.svelte';
import { RefusedDrafts, refusedDraftsLabel } from './refused-drafts.svelte';

const ORDER = ['mark-02700001-U41', 'mark-02700001-U42', 'mark-02700004-U41'];

describe('refusedDraftsLabel', () => {
  it('counts in French', () => {
    expect(refusedDraftsLabel(1)).toBe('1 saisie refusée');
    expect(refusedDraftsLabel(3)).toBe('3 saisies refusées');
  });
});

describe('RefusedDrafts', () => {
  it('counts each refused field once, until it is corrected', () => {
    const drafts = new RefusedDrafts();
    expect(drafts.count).toBe(0);
    drafts.note(ORDER[2] as string, 'U41 – ARNAUD Léa', 'Note hors barème (0 à 20)');
    drafts.note(ORDER[2] as string, 'U41 – ARNAUD Léa', 'Note hors barème (0 à 20)');
    drafts.note(ORDER[0] as string, 'U41 – BLANC Hugo', 'Note illisible');
    expect(drafts.count).toBe(2);
    drafts.note(ORDER[2] as string, 'U41 – ARNAUD Léa', null);
    expect(drafts.count).toBe(1);
  });

  it('leads to the first refused field in the order of the page', () => {
    const drafts = new RefusedDrafts();
    expect(drafts.first(ORDER)).toBeNull();
    drafts.note(ORDER[2] as string, 'U41 – ARNAUD Léa', 'hors barème');
    drafts.note(ORDER[1] as string, 'U42 – BLANC Hugo', 'illisible');
    expect(drafts.first(ORDER)?.fieldId).toBe(ORDER[1]);
  });

  it('follows a real draft: 25 is refused, 15 clears it', () => {
    const drafts = new RefusedDrafts();
    const draft = new MarkDraft(
      () => ({ regulation: BTS_MCO, unit: 'U41', entry: null }),
      () => undefined,
    );
    const report = () => drafts.note('mark-02700004-U41', 'U41 – ARNAUD Léa', draft.problem);
    draft.text = '25';
    draft.typed();
    expect(draft.commit()).toBe(false);
    report();
    expect(drafts.count).toBe(1);
    expect(drafts.first(ORDER)?.problem).toMatch(/^Note hors barème \(0 à 20\)/);
    draft.text = '15';
    draft.typed();
    expect(draft.commit()).toBe(true);
    report();
    expect(drafts.count).toBe(0);
  });

  it('keeps the refused texts across a reload, and forgets them once corrected', () => {
    let stored: string | null = null;
    const store = {
      load: () => stored,
      save: (value: string | null) => {
        stored = value;
      },
    };
    const before = new RefusedDrafts(store);
    before.note(
      ORDER[0] as string,
      'U41 – BLANC Hugo',
      'Note illisible : « 14,510,5 »',
      '14,510,5',
    );
    expect(JSON.parse(stored ?? 'null')).toEqual({ [ORDER[0] as string]: '14,510,5' });

    // The page reloads: the field gets its text back, refused again by the same rules.
    const after = new RefusedDrafts(store);
    expect(after.keptText(ORDER[0] as string)).toBe('14,510,5');
    expect(after.keptText(ORDER[1] as string)).toBeNull();
    const draft = new MarkDraft(
      () => ({ regulation: BTS_MCO, unit: 'U41', entry: { mark: 14.5 } }),
      () => {
        throw new Error('rien n’est écrit à la place de l’examinateur');
      },
    );
    draft.restore(after.keptText(ORDER[0] as string) as string);
    expect(draft.text).toBe('14,510,5');
    expect(draft.problem).toMatch(/^Note illisible/);
    after.note(ORDER[0] as string, 'U41 – BLANC Hugo', draft.problem, draft.text);
    expect(after.count).toBe(1);

    after.note(ORDER[0] as string, 'U41 – BLANC Hugo', null);
    expect(stored).toBeNull();
    expect(new RefusedDrafts({ load: () => 'pas du JSON', save: () => undefined }).count).toBe(0);
  });
});
