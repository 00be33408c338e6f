import { MAX_REASON_LENGTH, type DecisionValue, type DeliberatedDecision } from '@delib/protocol';
import type { Decision } from '@delib/rules';

/**
 * Nobody types a decision: it is what the rules give for the candidate's marks, and the jury
 * acts through adjustments. The president may confirm the computed decision (for example
 * that the livret was consulted before a refusal), with an optional note; the server refuses
 * any other value.
 */

export type ConfirmationState =
  /** Nothing stored for this candidate. */
  | { kind: 'none' }
  /** The president confirmed the decision the rules give now. */
  | { kind: 'confirmed'; note: string }
  /**
   * The stored confirmation names another decision: the marks changed since. It confirms
   * nothing and is left out of the minute.
   */
  | { kind: 'stale'; confirmed: DeliberatedDecision; note: string };

export function confirmationState(
  computed: Decision,
  stored: DecisionValue | null,
): ConfirmationState {
  if (!stored) return { kind: 'none' };
  if (stored.decision === computed) return { kind: 'confirmed', note: stored.reason };
  return { kind: 'stale', confirmed: stored.decision, note: stored.reason };
}

export type ConfirmationFormOutcome =
  { ok: true; value: DecisionValue } | { ok: false; error: string };

/** The value that confirms the computed decision, with the note trimmed (`''` for none). */
export function checkConfirmationForm(
  computed: Decision,
  noteText: string,
): ConfirmationFormOutcome {
  if (computed === 'incomplet') {
    return {
      ok: false,
      error: 'Des unités sont sans note : il n’y a pas encore de décision à confirmer.',
    };
  }
  const note = noteText.trim();
  if (note.length > MAX_REASON_LENGTH) {
    return {
      ok: false,
      error: `Note trop longue : ${note.length} caractères pour ${MAX_REASON_LENGTH} au plus.`,
    };
  }
  return { ok: true, value: { decision: computed, reason: note } };
}
