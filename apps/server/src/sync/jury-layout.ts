import { JURY_MAPS, noteKey, parseCellKey, parseJuryValue } from '@delib/protocol';
import type { DecisionValue, JuryMap } from '@delib/protocol';
import {
  controlChoices,
  DECISION_LABELS,
  isRulesError,
  validateAdjustment,
  validateEntry,
} from '@delib/rules';
import type { Decision, Regulation } from '@delib/rules';
import type * as Y from 'yjs';
import type { LayoutRules } from './validate-update.js';

/** The decision the rules give a candidate, or why their entries cannot be computed. */
export type ComputedDecision = { decision: Decision } | { refusal: string };

export interface JuryRules {
  regulation: Regulation;
  session: number;
  /** Candidates of this jury. */
  candidateIds: ReadonlySet<number>;
  /** Members of this jury (attendance keys). */
  memberIds: ReadonlySet<string>;
  /** Who writes: the president writes the deliberation, a member only their own notes. */
  writer: { userId: string; president: boolean };
  /**
   * The decision `computeResult` gives a candidate with the jury document as the update
   * leaves it (its adjustments and contrôle marks) and the server's other entries.
   */
  computedDecision(candidateId: number, juryDoc: Y.Doc): ComputedDecision;
}

const CANDIDATE_KEY = /^[1-9][0-9]{0,9}$/;

function rulesRefusal(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (isRulesError(error)) return error.message;
    throw error;
  }
}

/**
 * Nobody types a decision: a value of `decisions` confirms the decision the rules compute for
 * the candidate's inputs as they stand with this very update, and is refused otherwise (and
 * while units have no entry, since there is then no decision to confirm).
 */
function checkConfirmation(confirmed: DecisionValue, computed: ComputedDecision): string | null {
  if ('refusal' in computed) return `Décision impossible à confirmer : ${computed.refusal}`;
  if (computed.decision === 'incomplet') {
    return 'Des unités sont sans note : il n’y a pas encore de décision à confirmer.';
  }
  if (computed.decision === confirmed.decision) return null;
  return (
    `Le jury confirme la décision calculée, il ne la choisit pas : le règlement donne ` +
    `« ${DECISION_LABELS[computed.decision]} », pas « ${DECISION_LABELS[confirmed.decision]} ». ` +
    'Le jury agit par des ajustements de notes, avec leur motif.'
  );
}

/**
 * A jury document: the president's deliberation (adjustments with a reason, confirmations of
 * the computed decisions, livret consulted, contrôle marks, attendance) and each member's own
 * notes. Every value is checked against the regulation.
 */
export function juryLayout(rules: JuryRules): LayoutRules {
  const { regulation, writer } = rules;
  const choices = new Map(
    controlChoices(regulation).map((choice) => [choice.choice, choice.units]),
  );
  const candidateOf = (key: string): number | null => {
    const id = CANDIDATE_KEY.test(key) ? Number(key) : NaN;
    return rules.candidateIds.has(id) ? id : null;
  };

  function checkKey(map: JuryMap, key: string): string | null {
    if (map === 'notes') {
      // Exactly one note per candidate and author, under the key the interface writes
      // (`<candidateId>:<userId>`): anything after the author's id would let one member add
      // as many notes as they like, and the document grow without bound.
      const separator = key.indexOf(':');
      const candidate = separator < 0 ? null : candidateOf(key.slice(0, separator));
      if (candidate === null) return 'Candidat inconnu de ce jury.';
      return key === noteKey(candidate, writer.userId)
        ? null
        : 'On ne peut écrire que sa propre note sur un candidat.';
    }
    if (!writer.president) return 'Seul·e le ou la président·e conduit la délibération.';
    if (map === 'attendance') return rules.memberIds.has(key) ? null : 'Membre inconnu de ce jury.';
    if (map === 'adjustments') {
      const cell = parseCellKey(key);
      return cell && rules.candidateIds.has(cell.candidateId)
        ? null
        : 'Candidat inconnu de ce jury.';
    }
    return candidateOf(key) === null ? 'Candidat inconnu de ce jury.' : null;
  }

  function checkValue(
    map: JuryMap,
    key: string,
    value: unknown,
    afterDoc: () => Y.Doc,
  ): string | null {
    const parsed = parseJuryValue[map](value);
    if (!parsed) return 'Valeur non reconnue dans la délibération.';
    if (map === 'adjustments') {
      const unit = (parseCellKey(key) as { unit: string }).unit;
      return rulesRefusal(() => validateAdjustment(regulation, unit, value));
    }
    if (map === 'decisions') {
      return checkConfirmation(
        parsed as DecisionValue,
        rules.computedDecision(Number(key), afterDoc()),
      );
    }
    if (map === 'control') {
      const marks = Object.entries((value as { marks: Record<string, number> }).marks);
      if (marks.length > regulation.settings.control.maxChoices) {
        return `Au plus ${regulation.settings.control.maxChoices} épreuves de contrôle.`;
      }
      for (const [choice, mark] of marks) {
        const units = choices.get(choice);
        if (!units) return `Épreuve de contrôle inconnue : ${choice}.`;
        const refusal = rulesRefusal(() =>
          validateEntry(regulation, units[0] as string, { mark }, rules.session),
        );
        if (refusal) return refusal;
      }
    }
    return null;
  }

  return {
    maps: JURY_MAPS,
    checkChange(map, key, after, afterDoc) {
      const name = map as JuryMap;
      return (
        checkKey(name, key) ?? (after === null ? null : checkValue(name, key, after, afterDoc))
      );
    },
  };
}
