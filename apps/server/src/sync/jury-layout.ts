import { JURY_MAPS, noteKey, parseCellKey, parseJuryValue } from '@delib/protocol';
import type { JuryMap } from '@delib/protocol';
import { controlChoices, isRulesError, validateAdjustment, validateEntry } from '@delib/rules';
import type { Regulation } from '@delib/rules';
import type { LayoutRules } from './validate-update.js';

export interface JuryRules {
  regulation: Regulation;
  session: number;
  /** Candidates of this jury. */
  candidateIds: ReadonlySet<number>;
  /** Members of this jury (attendance keys). */
  memberIds: ReadonlySet<string>;
  /** Who writes: the president writes the deliberation, a member only their own notes. */
  writer: { userId: string; president: boolean };
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
 * A jury document: the president's deliberation (adjustments with a reason, decisions that
 * differ from the proposal with a reason, livret consulted, contrôle marks, attendance) and
 * each member's own notes. Every value is checked against the regulation.
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

  function checkValue(map: JuryMap, key: string, value: unknown): string | null {
    const parsed = parseJuryValue[map](value);
    if (!parsed) return 'Valeur non reconnue dans la délibération.';
    if (map === 'adjustments') {
      const unit = (parseCellKey(key) as { unit: string }).unit;
      return rulesRefusal(() => validateAdjustment(regulation, unit, value));
    }
    if (map === 'decisions' && (value as { reason: string }).reason.trim() === '') {
      return 'Une décision autre que la proposition exige un motif.';
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
    checkChange(map, key, after) {
      const name = map as JuryMap;
      return checkKey(name, key) ?? (after === null ? null : checkValue(name, key, after));
    },
  };
}
