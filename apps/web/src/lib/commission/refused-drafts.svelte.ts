import { SvelteMap } from 'svelte/reactivity';
import { decodeRefusedTexts, encodeRefusedTexts, type RefusedTextStore } from './refused-texts';

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
 * is corrected, emptied or reverted. With a store, the refused texts outlive a reload: the
 * fields show them again, refused, instead of the old mark under « Enregistré ».
 */
export class RefusedDrafts {
  private readonly drafts = new SvelteMap<string, RefusedDraft>();
  private readonly texts: Map<string, string>;

  constructor(private readonly store: RefusedTextStore | null = null) {
    this.texts = decodeRefusedTexts(store?.load() ?? null);
  }

  get count(): number {
    return this.drafts.size;
  }

  /**
   * A field's problem changed: `null` when it was corrected, reverted, or left the page;
   * `text` is what was typed and refused.
   */
  note(fieldId: string, label: string, problem: string | null, text = ''): void {
    if (problem === null) this.drafts.delete(fieldId);
    else this.drafts.set(fieldId, { fieldId, label, problem });
    const kept = this.texts.get(fieldId);
    if (problem === null && kept !== undefined) this.texts.delete(fieldId);
    else if (problem !== null && kept !== text) this.texts.set(fieldId, text);
    else return;
    this.store?.save(encodeRefusedTexts(this.texts));
  }

  /** The text typed in that field and refused before the page was reloaded, if any. */
  keptText(fieldId: string): string | null {
    return this.texts.get(fieldId) ?? null;
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
