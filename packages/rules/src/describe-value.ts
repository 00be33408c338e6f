/** Short French rendering of any value given to the package, for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'rien';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value).replace('.', ',') : String(value);
  }
  if (typeof value === 'string')
    return `« ${value.length > 40 ? `${value.slice(0, 40)}…` : value} »`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // A cycle, or nesting too deep for the stack (a hostile file): String() may fail too.
    try {
      text = String(value);
    } catch {
      text = Array.isArray(value) ? '[…]' : '{…}';
    }
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
