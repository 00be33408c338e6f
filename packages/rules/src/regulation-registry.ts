import type { Regulation } from './regulation.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import { BTS_MCO_2024 } from './regulations/bts-mco-2024.js';
import { RulesError } from './rules-error.js';

/** The regulations shipped with the package, by id (the id an exam session stores). */
export const REGULATIONS: Readonly<Record<string, Regulation>> = Object.freeze({
  [BTS_MCO.id]: BTS_MCO,
  [BTS_MCO_2024.id]: BTS_MCO_2024,
});

/** The regulation used when an exam session names none: BTS MCO, 2018 numbering. */
export const DEFAULT_REGULATION: Regulation = BTS_MCO;

/** The shipped regulation of `id`; throws `UNKNOWN_REGULATION` otherwise. */
export function getRegulation(id: string): Regulation {
  const regulation = Object.hasOwn(REGULATIONS, id) ? REGULATIONS[id] : undefined;
  if (!regulation) {
    throw new RulesError(
      'UNKNOWN_REGULATION',
      `Règlement inconnu : « ${id} ». Règlements disponibles : ${Object.keys(REGULATIONS).join(', ')}.`,
      { value: id },
    );
  }
  return regulation;
}
