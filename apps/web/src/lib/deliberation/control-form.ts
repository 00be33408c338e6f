import type { ControlValue } from '@delib/protocol';
import { controlChoices, isRulesError, parseMark, type Regulation } from '@delib/rules';

export type ControlFormOutcome =
  | { ok: true; value: ControlValue | null }
  | { ok: false; errors: Record<string, string>; general?: string };

/**
 * Checks the épreuves de contrôle form: at most `maxChoices` subjects among the regulation's
 * choices, each with a mark of the regulation once typed. A chosen subject without a mark yet
 * is not stored (the document holds marks only); no mark at all removes the value.
 */
export function checkControlForm(
  regulation: Regulation,
  selected: readonly string[],
  markTexts: Readonly<Record<string, string>>,
): ControlFormOutcome {
  const known = new Set(controlChoices(regulation).map((choice) => choice.choice));
  const { maxChoices } = regulation.settings.control;
  const errors: Record<string, string> = {};
  const unknown = selected.filter((choice) => !known.has(choice));
  if (unknown.length > 0) {
    return { ok: false, errors, general: `Épreuve de contrôle inconnue : ${unknown.join(', ')}.` };
  }
  if (selected.length > maxChoices) {
    return {
      ok: false,
      errors,
      general: `Le candidat choisit au plus ${maxChoices} épreuves de contrôle.`,
    };
  }
  const marks: Record<string, number> = {};
  for (const choice of selected) {
    const text = markTexts[choice] ?? '';
    if (text.trim() === '') continue;
    try {
      marks[choice] = parseMark(text, regulation);
    } catch (error) {
      if (!isRulesError(error)) throw error;
      errors[choice] = error.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: Object.keys(marks).length === 0 ? null : { marks } };
}
