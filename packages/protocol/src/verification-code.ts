/**
 * The verification code printed (and in the QR code) on every page of a signed document:
 * the first 12 hexadecimal digits of the SHA-256 of what was signed, shown by four
 * (`3f2a 9b1c 0d4e`), in the QR code's address without spaces (`/verifier?code=3f2a9b1c0d4e`).
 * The server reads the code of `GET /api/verify/:code` and the verification page the one of
 * its address or typed by hand with the same function.
 */

/** A typed or scanned code, spaces, dashes and case ignored; null when it is not one. */
export function parseVerificationCode(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const compact = text.replace(/[\s-]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(compact) ? compact : null;
}

/** `3f2a9b1c0d4e…` (a code or a whole SHA-256) → `3f2a 9b1c 0d4e`. */
export function formatVerificationCode(codeOrSha256: string): string {
  return (codeOrSha256.slice(0, 12).match(/.{1,4}/g) ?? []).join(' ');
}
