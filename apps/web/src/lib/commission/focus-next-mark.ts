/** The id of a mark field: `mark-02700004-U41`. */
export function markFieldId(candidateNumber: string, unit: string): string {
  return `mark-${candidateNumber}-${unit}`;
}

/** Attribute that marks every mark field of the examiner's page, in the order of passage. */
export const MARK_FIELD_ATTRIBUTE = 'data-mark-field';

/**
 * Moves the focus to the next enabled mark field after `current` (in document order) and
 * selects its text, so that the examiner can type the next mark straight away.
 */
export function focusNextMark(current: HTMLElement): boolean {
  const fields = [
    ...document.querySelectorAll<HTMLInputElement>(`input[${MARK_FIELD_ATTRIBUTE}]`),
  ].filter((field) => !field.matches(':disabled'));
  const next = fields[fields.indexOf(current as HTMLInputElement) + 1];
  if (!next) return false;
  next.focus();
  next.select();
  next.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return true;
}
