import type { MandatoryUnit, OptionalUnit, Regulation, UnitDefinition } from './regulation.js';
import { RulesError } from './rules-error.js';

/** Lists a page or the server needs, read from the regulation data (never hard-coded). */

/** Every unit code, in the order of the minute. */
export function unitCodes(regulation: Regulation): string[] {
  return regulation.units.map((unit) => unit.code);
}

/** The unit of `code`, or undefined. */
export function findUnit(regulation: Regulation, code: string): UnitDefinition | undefined {
  return regulation.units.find((unit) => unit.code === code);
}

/** The unit of `code`; throws `UNKNOWN_UNIT` when the regulation has none. */
export function getUnit(regulation: Regulation, code: string): UnitDefinition {
  const unit = findUnit(regulation, code);
  if (!unit) {
    throw new RulesError(
      'UNKNOWN_UNIT',
      `Unité inconnue : « ${code} ». Le règlement ${regulation.id} connaît ${unitCodes(regulation).join(', ')}.`,
      { unit: code, value: code },
    );
  }
  return unit;
}

export function mandatoryUnits(regulation: Regulation): MandatoryUnit[] {
  return regulation.units.filter((unit): unit is MandatoryUnit => !unit.optional);
}

export function optionalUnits(regulation: Regulation): OptionalUnit[] {
  return regulation.units.filter((unit): unit is OptionalUnit => unit.optional);
}

/** Units whose marks examiners enter live in the oral rooms (U22, U41, U42, UF1–UF3). */
export function oralUnits(regulation: Regulation): UnitDefinition[] {
  return regulation.units.filter((unit) => unit.form === 'oral');
}

/** Units whose marks arrive by import (U1, U21, U3, U5, U6). */
export function writtenUnits(regulation: Regulation): UnitDefinition[] {
  return regulation.units.filter((unit) => unit.form === 'written');
}

/** The units of the professional average (U41, U42, U5, U6). */
export function professionalUnits(regulation: Regulation): MandatoryUnit[] {
  return mandatoryUnits(regulation).filter((unit) => unit.domain === 'professional');
}

export interface ControlChoice {
  /** The choice's key in `control` inputs: `U1`, `LV1`, `U3`. */
  choice: string;
  /** The units its mark replaces together. */
  units: string[];
  /** French label: `Culture générale et expression (U1)`, `LV1 (U21 + U22)`. */
  label: string;
}

/** The épreuves de contrôle a candidate may choose from (empty when they are disabled). */
export function controlChoices(regulation: Regulation): ControlChoice[] {
  const { control } = regulation.settings;
  if (!control.enabled) return [];
  return Object.entries(control.choices).map(([choice, units]) => ({
    choice,
    units: [...units],
    label: controlChoiceLabel(regulation, choice),
  }));
}

function controlChoiceLabel(regulation: Regulation, choice: string): string {
  const units = regulation.settings.control.choices[choice] ?? [];
  const [only] = units;
  if (units.length === 1 && only !== undefined) {
    return `${findUnit(regulation, only)?.label ?? only} (${only})`;
  }
  return `${choice} (${units.join(' + ')})`;
}
