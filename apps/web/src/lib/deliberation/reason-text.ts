import { MAX_REASON_LENGTH } from '@delib/protocol';

/** A mandatory reason, trimmed; or the French problem with it. */
export function checkReason(
  text: string,
  what: string,
): { ok: true; reason: string } | { ok: false; message: string } {
  const reason = text.trim();
  if (reason === '') return { ok: false, message: `Le motif ${what} est obligatoire.` };
  if (reason.length > MAX_REASON_LENGTH) {
    return {
      ok: false,
      message: `Motif trop long : ${reason.length} caractères pour ${MAX_REASON_LENGTH} au plus.`,
    };
  }
  return { ok: true, reason };
}
