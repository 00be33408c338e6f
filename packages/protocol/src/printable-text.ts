/**
 * Characters a person's text (a reason, a name, a note) may not hold: they print nothing
 * readable, yet they would be signed into a minute and exported for good. C0 controls but
 * tab and line breaks, DEL, C1 controls, and the bidirectional embeddings, overrides and
 * isolates that make a text read otherwise than it is stored (U+202A–U+202E,
 * U+2066–U+2069).
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- the control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A UTF-16 surrogate without its pair: no character at all, refused by PostgreSQL and PDFs. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` holds a lone surrogate (well-formed Unicode holds none). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Whether `text` may be kept as a person's text: well-formed, without control characters. */
export function isPrintableText(text: string): boolean {
  return !UNPRINTABLE.test(text) && !hasLoneSurrogate(text);
}
