import { SvelteMap } from 'svelte/reactivity';

/** A mark field whose typed text was refused and still shows it. */
export interface RefusedDraft {
  /** The input's id (`mark-02700004-U41`), for the link that leads to it. */
  fieldId: string;
  /** `U41 – ARNAUD Léa`. */
  label: string;
  /** Why, in French: « Note hors barème (0 à 20) : « 25 »… ». */
  problem: string;
}

/** `1 saisie refusée`, `2 saisies refusées`. */
export function refusedDraftsLabel(count: number): string {
  return count > 1 ? `${count} saisies refusées` : `${count} saisie refusée`;
}

/**
 * The examiner's refused drafts, page-wide: a refused value stays in its field (red) while
 * the focus moves on, so the room's header counts them, and leads to the first, until each
 * is corrected, emptied or reverted.
 */
export class RefusedDrafts {
  private readonly drafts = new SvelteMap<string, RefusedDraft>();

  get count(): number {
    return this.drafts.size;
  }

  /** A field's problem changed: `null` when it was corrected, reverted, or left the page. */
  note(fieldId: string, label: string, problem: string | null): void {
    if (problem === null) this.drafts.delete(fieldId);
    else this.drafts.set(fieldId, { fieldId, label, problem });
  }

  /** The first refused draft in the page's order of fields (`order`: field ids). */
  first(order: readonly string[]): RefusedDraft | null {
    for (const fieldId of order) {
      const draft = this.drafts.get(fieldId);
      if (draft) return draft;
    }
    return this.drafts.values().next().value ?? null;
  }
}
