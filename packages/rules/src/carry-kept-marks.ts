import BTS_MCO_2018_TO_2024 from './regulations/bts-mco-2018-to-2024.json' with { type: 'json' };
import { RulesError } from './rules-error.js';

/**
 * A table that carries bénéfices (kept marks) obtained under one regulation's numbering into
 * a session of another: `{ from, to, firstSessionOfTarget, note, units: { U41: 'U5', … } }`.
 * Data, not code: `regulations/bts-mco-2018-to-2024.json`.
 */
export interface KeptMarkMapping {
  /** The regulation a bénéfice was obtained under: `bts-mco-2018`. */
  from: string;
  /** The regulation of the session it is carried into: `bts-mco-2024`. */
  to: string;
  /** Bénéfices of sessions before this year were obtained under `from`'s numbering. */
  firstSessionOfTarget: number;
  /** Where the correspondence comes from and what is uncertain in it. */
  note: string;
  /** `from` unit code → `to` unit code. */
  units: Readonly<Record<string, string>>;
}

/** The tables shipped with the package. */
export const KEPT_MARK_MAPPINGS: readonly KeptMarkMapping[] = Object.freeze([
  Object.freeze({
    ...BTS_MCO_2018_TO_2024,
    units: Object.freeze({ ...BTS_MCO_2018_TO_2024.units }),
  }),
]);

/** The table into the regulation `regulationId`, if one is shipped. */
export function keptMarkMappingInto(regulationId: string): KeptMarkMapping | null {
  return KEPT_MARK_MAPPINGS.find((mapping) => mapping.to === regulationId) ?? null;
}

export interface CarriedUnit {
  /** The unit code in the session's regulation. */
  code: string;
  /** The code as written, when it was read in the former numbering (`U41`), else null. */
  carriedFrom: string | null;
}

/**
 * The unit of a session under `regulationId` that holds a bénéfice written `code`, obtained
 * in session `keptSession`. When a table leads into that regulation and the bénéfice predates
 * it, the code is read in the former numbering and carried over (`U41` of 2023 → `U5`); a code
 * the table does not hold is refused (`UNKNOWN_UNIT`, with the codes it holds) rather than
 * read as a code of the new numbering that may mean another épreuve (U3, U5, U6).
 */
export function carryKeptUnit(
  regulationId: string,
  code: string,
  keptSession: number,
): CarriedUnit {
  const mapping = keptMarkMappingInto(regulationId);
  if (!mapping || keptSession >= mapping.firstSessionOfTarget) {
    return { code, carriedFrom: null };
  }
  const target = Object.hasOwn(mapping.units, code) ? mapping.units[code] : undefined;
  if (target === undefined) {
    throw new RulesError(
      'UNKNOWN_UNIT',
      `Bénéfice ${code} de la session ${keptSession} : obtenu avant ${mapping.firstSessionOfTarget}, il est lu dans la numérotation ${mapping.from}, où l’unité ${code} n’a pas de correspondance dans ${mapping.to}. Codes acceptés : ${Object.keys(mapping.units).join(', ')}.`,
      { unit: code, value: code },
    );
  }
  return { code: target, carriedFrom: code };
}
