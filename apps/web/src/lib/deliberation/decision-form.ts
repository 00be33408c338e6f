import type { DecisionValue, FinalDecision } from '@delib/protocol';
import type { Decision } from '@delib/rules';
import { checkReason } from './reason-text';

export type DecisionFormOutcome =
  /** `value` null: the jury follows the proposal (the key is removed). */
  { ok: true; value: DecisionValue | null } | { ok: false; error: string };

/**
 * The decisions the jury may choose for a candidate: the proposal, and admitting, refusing
 * or recording an absence whatever the computation says (the jury is sovereign).
 */
export function decisionChoices(proposed: Decision): FinalDecision[] {
  const choices: FinalDecision[] = ['admis', 'refuse', 'absent'];
  return choices.includes(proposed) ? choices : [proposed, ...choices];
}

/**
 * The value to store for the chosen decision: nothing when it is the proposal; otherwise the
 * decision with its mandatory reason.
 */
export function checkDecisionForm(
  proposed: Decision,
  chosen: FinalDecision,
  reasonText: string,
): DecisionFormOutcome {
  if (chosen === proposed) return { ok: true, value: null };
  const reason = checkReason(reasonText, 'd’une décision différente de la proposition');
  if (!reason.ok) return { ok: false, error: reason.message };
  return { ok: true, value: { decision: chosen, reason: reason.reason } };
}
