/**
 * The verification code printed (and in the QR code) on every page of a signed document:
 * 12 hexadecimal digits, shown by four (`3f2a 9b1c 0d4e`), in the QR code's address without
 * spaces (`/verifier?code=3f2a9b1c0d4e`).
 */

/** A typed or scanned code, spaces, dashes and case ignored; null when it is not one. */
export function parseVerificationCode(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const compact = text.replace(/[\s-]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(compact) ? compact : null;
}

/** `3f2a9b1c0d4e` → `3f2a 9b1c 0d4e`. */
export function formatVerificationCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join(' ');
}
