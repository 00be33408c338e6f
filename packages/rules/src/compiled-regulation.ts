import { toHundredths } from './exact-mark.js';
import { checkRegulation, invalidRegulation } from './load-regulation.js';
import type { Regulation, UnitDefinition } from './regulation.js';

/**
 * A regulation checked once and turned into integers (hundredths) for exact arithmetic.
 * Internal to the package: `computeResult` and the validators take a plain `Regulation`.
 */
export interface CompiledUnit {
  definition: UnitDefinition;
  /** Coefficient in hundredths (1.5 → 150); 0 for an optional unit. */
  coefficient: number;
}

export interface CompiledRegulation {
  regulation: Regulation;
  units: readonly CompiledUnit[];
  byCode: ReadonlyMap<string, CompiledUnit>;
  /** Settings in hundredths. */
  markStep: number;
  passMark: number;
  optionalMultiplier: number;
  optionalThreshold: number;
  keptMarkMinimum: number;
  controlMinAverage: number;
  controlMinProfessionalAverage: number;
  controlChoices: ReadonlyMap<string, readonly CompiledUnit[]>;
}

const compiled = new WeakMap<Regulation, CompiledRegulation>();

function hundredths(value: number): number {
  // Values were checked by checkRegulation: two decimals at most.
  return toHundredths(value) ?? Number.NaN;
}

/**
 * Checks `regulation` (throws `INVALID_REGULATION`) and returns its integer form. The result is
 * cached for frozen regulations (`BTS_MCO`, anything from `loadRegulation`); a mutable object
 * is checked again at every call, so editing it can never leave a stale copy.
 */
export function compileRegulation(regulation: Regulation): CompiledRegulation {
  const cached = compiled.get(regulation);
  if (cached) return cached;
  const issues = checkRegulation(regulation);
  if (issues.length > 0) throw invalidRegulation(issues);
  const units = regulation.units.map((definition) => ({
    definition,
    coefficient: definition.optional ? 0 : hundredths(definition.coefficient),
  }));
  const byCode = new Map(units.map((unit) => [unit.definition.code, unit]));
  const { settings } = regulation;
  const controlChoices = new Map(
    Object.entries(settings.control.choices).map(([choice, codes]) => [
      choice,
      codes.map((code) => byCode.get(code)).filter((unit) => unit !== undefined),
    ]),
  );
  const result: CompiledRegulation = {
    regulation,
    units,
    byCode,
    markStep: hundredths(settings.markStep),
    passMark: hundredths(settings.passMark),
    optionalMultiplier: hundredths(settings.optionalMultiplier),
    optionalThreshold: hundredths(settings.optionalThreshold),
    keptMarkMinimum: hundredths(settings.keptMarkMinimum),
    controlMinAverage: hundredths(settings.control.minAverage),
    controlMinProfessionalAverage: hundredths(settings.control.minProfessionalAverage),
    controlChoices,
  };
  if (isDeeplyFrozen(regulation)) compiled.set(regulation, result);
  return result;
}

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}
