import type { AdjustmentValue } from '@delib/protocol';
import {
  formatMark,
  isRulesError,
  parseMark,
  validateAdjustment,
  type Entry,
  type Regulation,
} from '@delib/rules';
import { checkReason } from './reason-text';

export type AdjustmentFormOutcome =
  { ok: true; value: AdjustmentValue } | { ok: false; errors: { mark?: string; reason?: string } };

/** The mark a unit holds for the examiner (a mark of the session or a bénéfice), or null. */
export function examinerMark(entry: Entry | null | undefined): number | null {
  if (!entry) return null;
  if ('mark' in entry) return entry.mark;
  if ('kept' in entry) return entry.kept.mark;
  return null;
}

/**
 * Checks the president's adjustment form for one unit before it is written to the jury
 * document: a mark of the regulation, different from the examiner's, and a reason. The unit
 * must hold a mark (an absence or a dispense is not adjusted). Checked by `validateAdjustment`
 * of `@delib/rules`, as the server does.
 */
export function checkAdjustmentForm(
  regulation: Regulation,
  unit: string,
  entry: Entry | null | undefined,
  markText: string,
  reasonText: string,
): AdjustmentFormOutcome {
  const errors: { mark?: string; reason?: string } = {};
  const examiner = examinerMark(entry);
  let mark: number | null = null;
  if (examiner === null) {
    errors.mark = `L’unité ${unit} ne contient pas de note à ajuster (note manquante, absence ou dispense).`;
  } else if (markText.trim() === '') {
    errors.mark = 'Saisissez la note retenue par le jury.';
  } else {
    try {
      mark = parseMark(markText, regulation);
      if (mark === examiner) {
        errors.mark = `La note ${formatMark(mark)} est déjà celle de l’examinateur : rien à ajuster.`;
      }
    } catch (error) {
      if (!isRulesError(error)) throw error;
      errors.mark = error.message;
    }
  }
  const reason = checkReason(reasonText, 'de l’ajustement');
  if (!reason.ok) errors.reason = reason.message;
  if (errors.mark || errors.reason || mark === null || !reason.ok) return { ok: false, errors };
  try {
    const checked = validateAdjustment(regulation, unit, { mark, reason: reason.reason });
    return { ok: true, value: { mark: checked.mark, reason: checked.reason } };
  } catch (error) {
    if (!isRulesError(error)) throw error;
    return { ok: false, errors: { mark: error.message } };
  }
}
