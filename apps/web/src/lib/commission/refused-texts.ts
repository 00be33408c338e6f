/**
 * The texts an examiner typed and saw refused, by mark field, kept across a reload
 * (refused-drafts.svelte.ts): `{ "mark-02700004-U41": "14,510,5" }` in localStorage.
 */

/** Where the refused texts are kept across a reload (the page gives localStorage). */
export interface RefusedTextStore {
  load(): string | null;
  /** null: nothing left to keep. */
  save(value: string | null): void;
}

/** `{ "mark-02700004-U41": "14,510,5" }`; anything else reads as nothing kept. */
export function decodeRefusedTexts(stored: string | null): Map<string, string> {
  const texts = new Map<string, string>();
  let value: unknown;
  try {
    value = JSON.parse(stored ?? '{}');
  } catch {
    return texts;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return texts;
  for (const [fieldId, text] of Object.entries(value as Record<string, unknown>)) {
    if (typeof text === 'string') texts.set(fieldId, text);
  }
  return texts;
}

/** null when nothing is left to keep (the stored item is then removed). */
export function encodeRefusedTexts(texts: ReadonlyMap<string, string>): string | null {
  return texts.size === 0 ? null : JSON.stringify(Object.fromEntries(texts));
}

const REFUSED_TEXT_PREFIX = 'delib:textes-refuses:';

/** The refused texts of one room's document, in localStorage (nothing kept without it). */
export function refusedTextStore(documentName: string): RefusedTextStore {
  const key = REFUSED_TEXT_PREFIX + documentName;
  return {
    load() {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    save(value) {
      try {
        if (value === null) localStorage.removeItem(key);
        else localStorage.setItem(key, value);
      } catch {
        // Storage full or disabled: the refused texts stay on screen for this visit.
      }
    },
  };
}
