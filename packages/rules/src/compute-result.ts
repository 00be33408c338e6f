import type { CompiledRegulation, CompiledUnit } from './compiled-regulation.js';
import { compileRegulation } from './compiled-regulation.js';
import type { Decision } from './decision.js';
import { DECISION_LABELS } from './decision.js';
import { describeValue, isRecord } from './describe-value.js';
import type { Adjustment, Entry } from './entry.js';
import { entryCode } from './entry-code.js';
import { formatAverage } from './format-average.js';
import { formatMark } from './format-mark.js';
import type { Fraction } from './fraction.js';
import { fraction, fractionToNumber } from './fraction.js';
import type { Regulation } from './regulation.js';
import { RulesError } from './rules-error.js';
import type { CheckedAdjustment, CheckedEntry } from './validate-entry.js';
import { checkAdjustment, checkEntry, checkMark, checkSession, unitOf } from './validate-entry.js';

/** One candidate, as the server, the board and outside checks give it (plain JSON). */
export interface CandidateInput {
  /** The session year (2025). Required as soon as a bénéfice is entered. */
  session?: number;
  /** One entry per unit; a unit without entry (absent key, null) has nothing yet. */
  units: Readonly<Record<string, Entry | null | undefined>>;
  /** Jury adjustments: they replace the unit's mark in the computation. */
  adjustments?: Readonly<Record<string, Adjustment | null | undefined>>;
  /** Épreuves de contrôle marks, by choice (`U1`, `LV1`, `U3`). */
  control?: Readonly<Record<string, number | null | undefined>>;
}

/** How one unit entered the computation (for the board and the minute). */
export interface UnitLine {
  unit: string;
  optional: boolean;
  /** null for an optional unit. */
  coefficient: number | null;
  /** The entry as checked (the examiner's mark: adjustments never change it). */
  entry: Entry | null;
  /** Origin code for the minute: `B2022`, `D`, `ABS`, `ABJ`, or null. */
  code: string | null;
  /** The jury's adjustment: `from` the entry's mark `to` the adjusted mark. */
  adjustment: { from: number; to: number; reason: string; by?: string } | null;
  /** The contrôle mark that concerns this unit, and whether it replaced the first-group mark. */
  control: { choice: string; mark: number; retained: boolean } | null;
  /**
   * The mark counted: after adjustment and retained contrôle; 0 for an absence at a mandatory
   * unit; null when the unit counts nothing (no entry, dispensé, absence at an optional unit).
   */
  mark: number | null;
  /** True when the unit is in the total and the divisor (mandatory, entered, not dispensé). */
  counted: boolean;
  /** coefficient × mark for a counted unit, the bonus points for an optional unit, else 0. */
  points: number;
}

/** One épreuve de contrôle as applied in the second group. */
export interface ControlChoiceResult {
  choice: string;
  /** The first-group units it replaces together. */
  units: string[];
  mark: number;
  /** The first-group mark it was compared with (the weighted mean for several units). */
  firstGroupMark: number;
  /** True when the contrôle mark was higher and replaced the first-group marks. */
  retained: boolean;
}

export interface FirstGroupResult {
  total: number | null;
  average: number | null;
  averageExact: Fraction | null;
  decision: Decision;
}

export interface CandidateResult {
  /** Σ coefficient × mark over counted units + bonus; null while a mandatory unit has no entry. */
  total: number | null;
  /** Σ coefficient over counted units; null while a mandatory unit has no entry. */
  divisor: number | null;
  /** Σ max(0, mark − threshold) × multiplier over the optional units taken. */
  bonus: number;
  /** total / divisor, not rounded (the double nearest the exact quotient); null if incomplete. */
  average: number | null;
  /** Weighted mean of the professional units; null while one of them has no entry. */
  professionalAverage: number | null;
  /** The exact average as a reduced fraction (format it with `formatAverage`). */
  averageExact: Fraction | null;
  professionalAverageExact: Fraction | null;
  /** The decision: after the épreuves de contrôle when their marks are given. */
  decision: Decision;
  /** The first-group figures (equal to the above when no contrôle mark is given). */
  firstGroup: FirstGroupResult;
  /** The épreuves de contrôle applied, or null when no contrôle mark is given. */
  control: ControlChoiceResult[] | null;
  /** Mandatory unit codes without an entry, in the order of the regulation. */
  missing: string[];
  /** French sentences for the president. */
  warnings: string[];
  /** Every unit of the regulation, in its order. */
  lines: UnitLine[];
}

interface CheckedCandidate {
  session: number | undefined;
  entries: Map<string, CheckedEntry>;
  adjustments: Map<string, CheckedAdjustment>;
  /** Contrôle marks in hundredths, in the regulation's order of choices. */
  control: Map<string, number>;
}

/** Integer sums: marks × coefficients in ten-thousandths, coefficients in hundredths. */
interface Sums {
  total: number;
  divisor: number;
  bonus: number;
  professionalTotal: number;
  professionalDivisor: number;
}

const CANDIDATE_KEYS = ['session', 'units', 'adjustments', 'control'];
/** Ten-thousandths (hundredths of mark × hundredths of coefficient) to a number. */
const POINTS_SCALE = 10_000;

/**
 * The result of one candidate under one regulation: total, average, professional average and
 * decision, computed exactly in integers. Throws a `RulesError` on any invalid input.
 */
export function computeResult(regulation: Regulation, candidate: CandidateInput): CandidateResult {
  const compiled = compileRegulation(regulation);
  const input = checkCandidate(compiled, candidate);
  const warnings: string[] = [];
  const missing: string[] = [];
  const unjustified: string[] = [];
  let professionalMissing = false;
  const sums: Sums = {
    total: 0,
    divisor: 0,
    bonus: 0,
    professionalTotal: 0,
    professionalDivisor: 0,
  };
  const lines: UnitLine[] = [];
  /** Counted marks in hundredths, for the contrôle. */
  const counted = new Map<string, number>();

  for (const unit of compiled.units) {
    const { code, optional } = unit.definition;
    const checked = input.entries.get(code);
    const adjusted = input.adjustments.get(code);
    const line: UnitLine = {
      unit: code,
      optional,
      coefficient: unit.definition.coefficient,
      entry: checked?.entry ?? null,
      code: entryCode(checked?.entry),
      adjustment: null,
      control: null,
      mark: null,
      counted: false,
      points: 0,
    };
    lines.push(line);
    if (checked === undefined) {
      if (!optional) {
        missing.push(code);
        if (unit.definition.domain === 'professional') professionalMissing = true;
      }
      continue;
    }
    if (checked.kind === 'exempt') continue;
    if (checked.kind === 'kept') warnKeptMark(compiled, code, checked, input.session, warnings);
    if (checked.kind === 'absent') {
      if (optional) {
        const how = checked.justified ? 'justifiée' : 'non justifiée';
        warnings.push(
          `Absence ${how} à l’unité facultative ${code} : elle n’ajoute aucun point et ne bloque rien.`,
        );
        continue;
      }
      if (!checked.justified) {
        unjustified.push(code);
        warnings.push(
          `Absence non justifiée à l’unité ${code} : le candidat ne peut pas être admis.`,
        );
      }
    }
    const entered = checked.kind === 'absent' ? 0 : checked.mark;
    const mark = adjusted?.mark ?? entered;
    if (adjusted) {
      line.adjustment = {
        from: entered / 100,
        to: adjusted.mark / 100,
        reason: adjusted.adjustment.reason,
        ...(adjusted.adjustment.by === undefined ? {} : { by: adjusted.adjustment.by }),
      };
    }
    line.mark = mark / 100;
    if (optional) {
      const points = Math.max(0, mark - compiled.optionalThreshold) * compiled.optionalMultiplier;
      sums.bonus += points;
      line.points = points / POINTS_SCALE;
      continue;
    }
    const points = unit.coefficient * mark;
    counted.set(code, mark);
    line.counted = true;
    line.points = points / POINTS_SCALE;
    sums.total += points;
    sums.divisor += unit.coefficient;
    if (unit.definition.domain === 'professional') {
      sums.professionalTotal += points;
      sums.professionalDivisor += unit.coefficient;
    }
  }

  const complete = missing.length === 0;
  const firstDecision = decide(
    compiled,
    sums,
    unjustified.length > 0,
    complete,
    professionalMissing,
  );
  const professionalAverageExact =
    professionalMissing || sums.professionalDivisor === 0
      ? null
      : fraction(sums.professionalTotal, sums.professionalDivisor * 100);
  const firstGroup = groupFigures(sums, complete, firstDecision);

  let final = firstGroup;
  let finalSums = sums;
  let control: ControlChoiceResult[] | null = null;
  if (input.control.size > 0) {
    if (firstDecision !== 'controle') throw notEligible(compiled, firstDecision, firstGroup);
    const second = applyControl(compiled, input.control, sums, counted, lines, warnings);
    control = second.choices;
    finalSums = second.sums;
    const admitted = finalSums.total + finalSums.bonus >= compiled.passMark * finalSums.divisor;
    final = groupFigures(finalSums, true, admitted ? 'admis' : 'refuse');
  }

  return {
    total: final.total,
    divisor: complete ? finalSums.divisor / 100 : null,
    bonus: finalSums.bonus / POINTS_SCALE,
    average: final.average,
    professionalAverage:
      professionalAverageExact === null ? null : fractionToNumber(professionalAverageExact),
    averageExact: final.averageExact,
    professionalAverageExact,
    decision: final.decision,
    firstGroup,
    control,
    missing,
    warnings,
    lines,
  };
}

function groupFigures(sums: Sums, complete: boolean, decision: Decision): FirstGroupResult {
  if (!complete) return { total: null, average: null, averageExact: null, decision };
  const averageExact = fraction(sums.total + sums.bonus, sums.divisor * 100);
  return {
    total: (sums.total + sums.bonus) / POINTS_SCALE,
    average: fractionToNumber(averageExact),
    averageExact,
    decision,
  };
}

/**
 * The first-group decision. Averages are compared with thresholds by cross-multiplication:
 * (total + bonus) / (divisor × 100) ≥ threshold / 100  ⇔  total + bonus ≥ threshold × divisor.
 */
function decide(
  compiled: CompiledRegulation,
  sums: Sums,
  unjustifiedAbsence: boolean,
  complete: boolean,
  professionalMissing: boolean,
): Decision {
  if (unjustifiedAbsence) return 'absent';
  if (!complete) return 'incomplet';
  const points = sums.total + sums.bonus;
  if (points >= compiled.passMark * sums.divisor) return 'admis';
  const { control } = compiled.regulation.settings;
  if (
    control.enabled &&
    !professionalMissing &&
    sums.professionalDivisor > 0 &&
    points >= compiled.controlMinAverage * sums.divisor &&
    sums.professionalTotal >= compiled.controlMinProfessionalAverage * sums.professionalDivisor
  ) {
    return 'controle';
  }
  return 'refuse';
}

function warnKeptMark(
  compiled: CompiledRegulation,
  code: string,
  kept: Extract<CheckedEntry, { kind: 'kept' }>,
  session: number | undefined,
  warnings: string[],
): void {
  const { keptMarkValidity, keptMarkExpiryWarning } = compiled.regulation.settings;
  if (session === undefined) return; // unreachable: a bénéfice without session is refused
  const lastSession = kept.session + keptMarkValidity;
  const remaining = lastSession - session;
  if (remaining >= keptMarkExpiryWarning) return;
  const what = `Bénéfice de l’unité ${code} (${formatMark(kept.mark / 100)}, session ${kept.session})`;
  warnings.push(
    remaining === 0
      ? `${what} : dernière session de validité.`
      : `${what} : valable jusqu’à la session ${lastSession}.`,
  );
}

function notEligible(
  compiled: CompiledRegulation,
  decision: Decision,
  firstGroup: FirstGroupResult,
): RulesError {
  const why = !compiled.regulation.settings.control.enabled
    ? 'les épreuves de contrôle ne sont pas ouvertes par ce règlement'
    : `la décision du premier groupe est « ${DECISION_LABELS[decision]} »` +
      (firstGroup.averageExact === null
        ? ''
        : ` (moyenne ${formatAverage(firstGroup.averageExact)})`);
  return new RulesError(
    'NOT_ELIGIBLE_FOR_CONTROL',
    `Notes de contrôle refusées : ${why}, et seul un candidat admis aux épreuves de contrôle peut en recevoir.`,
    { value: decision },
  );
}

/**
 * The second group: each contrôle mark replaces the first-group marks of its units (compared
 * with their weighted mean) when it is higher.
 */
function applyControl(
  compiled: CompiledRegulation,
  marks: ReadonlyMap<string, number>,
  sums: Sums,
  counted: ReadonlyMap<string, number>,
  lines: UnitLine[],
  warnings: string[],
): { sums: Sums; choices: ControlChoiceResult[] } {
  const next: Sums = { ...sums };
  const choices: ControlChoiceResult[] = [];
  for (const [choice, mark] of marks) {
    const units = compiled.controlChoices.get(choice) ?? [];
    let firstPoints = 0;
    let coefficients = 0;
    for (const unit of units) {
      const firstMark = counted.get(unit.definition.code);
      if (firstMark === undefined) {
        throw new RulesError(
          'CONTROL_ON_EXEMPT_UNIT',
          `Épreuve de contrôle ${choice} refusée : le candidat est dispensé de l’unité ${unit.definition.code}, que cette épreuve remplacerait.`,
          { choice, unit: unit.definition.code, value: mark / 100 },
        );
      }
      firstPoints += unit.coefficient * firstMark;
      coefficients += unit.coefficient;
    }
    const controlPoints = mark * coefficients;
    const retained = controlPoints > firstPoints;
    const firstGroupMark = fraction(firstPoints, coefficients * 100);
    if (retained) next.total += controlPoints - firstPoints;
    else {
      warnings.push(
        `Épreuve de contrôle ${choice} : la note ${formatMark(mark / 100)} n’est pas retenue, la note du premier groupe (${formatAverage(firstGroupMark)}) n’est pas inférieure.`,
      );
    }
    for (const unit of units) {
      const line = lines.find((item) => item.unit === unit.definition.code);
      if (!line) continue;
      line.control = { choice, mark: mark / 100, retained };
      if (retained) {
        line.mark = mark / 100;
        line.points = (unit.coefficient * mark) / POINTS_SCALE;
      }
    }
    choices.push({
      choice,
      units: units.map((unit) => unit.definition.code),
      mark: mark / 100,
      firstGroupMark: fractionToNumber(firstGroupMark),
      retained,
    });
  }
  const { maxChoices } = compiled.regulation.settings.control;
  if (marks.size < maxChoices) {
    warnings.push(
      `${marks.size} épreuve de contrôle saisie sur ${maxChoices} : la décision est prise avec les seules notes saisies.`,
    );
  }
  return { sums: next, choices };
}

function invalidCandidate(message: string, value: unknown): RulesError {
  return new RulesError('INVALID_CANDIDATE', `Candidat refusé : ${message}.`, { value });
}

/** Every check of the input, in a fixed order (so the first error never depends on key order). */
function checkCandidate(compiled: CompiledRegulation, candidate: unknown): CheckedCandidate {
  if (!isRecord(candidate)) {
    throw invalidCandidate(
      `attendu un objet { units, session?, adjustments?, control? }, reçu ${describeValue(candidate)}`,
      candidate,
    );
  }
  const unknownKey = firstUnknown(Object.keys(candidate), (key) => CANDIDATE_KEYS.includes(key));
  if (unknownKey !== undefined) {
    throw invalidCandidate(
      `champ inconnu « ${unknownKey} » (champs permis : ${CANDIDATE_KEYS.join(', ')})`,
      candidate[unknownKey],
    );
  }
  const session = checkSession(candidate.session);
  const units = candidate.units;
  if (!isRecord(units)) {
    throw invalidCandidate(
      `« units » doit être un objet { "U1": { "mark": 12 }, … }, reçu ${describeValue(units)}`,
      units,
    );
  }
  checkKnownUnits(compiled, units);

  const entries = new Map<string, CheckedEntry>();
  for (const unit of compiled.units) {
    const raw = ownValue(units, unit.definition.code);
    if (raw === undefined || raw === null) continue;
    entries.set(unit.definition.code, checkEntry(compiled, unit, raw, session));
  }
  checkOptionCount(compiled, entries);

  const adjustments = new Map<string, CheckedAdjustment>();
  if (candidate.adjustments !== undefined) {
    const raw = candidate.adjustments;
    if (!isRecord(raw)) {
      throw invalidCandidate(
        `« adjustments » doit être un objet { "U41": { "mark": 10, "reason": "…" } }, reçu ${describeValue(raw)}`,
        raw,
      );
    }
    checkKnownUnits(compiled, raw);
    for (const unit of compiled.units) {
      const value = ownValue(raw, unit.definition.code);
      if (value === undefined || value === null) continue;
      const adjustment = checkAdjustment(compiled, unit, value);
      checkAdjustable(unit, entries.get(unit.definition.code), adjustment);
      adjustments.set(unit.definition.code, adjustment);
    }
  }

  return { session, entries, adjustments, control: checkControl(compiled, candidate.control) };
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The first key (in sorted order, so whatever the input order) that `known` refuses. */
function firstUnknown(keys: string[], known: (key: string) => boolean): string | undefined {
  let first: string | undefined;
  for (const key of keys) {
    if (!known(key) && (first === undefined || key < first)) first = key;
  }
  return first;
}

function checkKnownUnits(compiled: CompiledRegulation, record: Record<string, unknown>): void {
  const unknown = firstUnknown(Object.keys(record), (code) => compiled.byCode.has(code));
  if (unknown !== undefined) unitOf(compiled, unknown);
}

function checkOptionCount(compiled: CompiledRegulation, entries: Map<string, CheckedEntry>): void {
  const { maxOptionalUnits } = compiled.regulation.settings;
  const taken = compiled.units
    .filter((unit) => unit.definition.optional && entries.has(unit.definition.code))
    .map((unit) => unit.definition.code);
  if (taken.length > maxOptionalUnits) {
    throw new RulesError(
      'TOO_MANY_OPTIONS',
      `Trop d’unités facultatives : ${taken.join(', ')} (${taken.length}) ; un candidat en présente au plus ${maxOptionalUnits}.`,
      { unit: taken[maxOptionalUnits], value: taken },
    );
  }
}

function checkAdjustable(
  unit: CompiledUnit,
  entry: CheckedEntry | undefined,
  adjustment: CheckedAdjustment,
): void {
  if (entry?.kind === 'mark' || entry?.kind === 'kept') return;
  const { code } = unit.definition;
  const held =
    entry === undefined
      ? 'n’a encore aucune saisie'
      : entry.kind === 'exempt'
        ? 'est une dispense'
        : `est une absence ${entry.justified ? 'justifiée' : 'non justifiée'}`;
  throw new RulesError(
    'ADJUSTMENT_WITHOUT_MARK',
    `Ajustement à ${formatMark(adjustment.mark / 100)} refusé pour l’unité ${code} : l’unité ${held}, il n’y a pas de note à ajuster.`,
    { unit: code, value: adjustment.adjustment },
  );
}

function checkControl(compiled: CompiledRegulation, value: unknown): Map<string, number> {
  const marks = new Map<string, number>();
  if (value === undefined) return marks;
  if (!isRecord(value)) {
    throw invalidCandidate(
      `« control » doit être un objet { "U1": 12, "LV1": 11 }, reçu ${describeValue(value)}`,
      value,
    );
  }
  const offered = [...compiled.controlChoices.keys()];
  const unknown = firstUnknown(Object.keys(value), (choice) => compiled.controlChoices.has(choice));
  if (unknown !== undefined) {
    throw new RulesError(
      'UNKNOWN_CONTROL_CHOICE',
      `Épreuve de contrôle inconnue : « ${unknown} ». Choix possibles : ${offered.join(', ')}.`,
      { choice: unknown, value: value[unknown] },
    );
  }
  for (const choice of offered) {
    const mark = ownValue(value, choice);
    if (mark === undefined || mark === null) continue;
    marks.set(
      choice,
      checkMark(compiled, mark, 'note de contrôle', `l’épreuve de contrôle ${choice}`, { choice }),
    );
  }
  const { maxChoices } = compiled.regulation.settings.control;
  if (marks.size > maxChoices) {
    throw new RulesError(
      'TOO_MANY_CONTROL_CHOICES',
      `Trop d’épreuves de contrôle : ${[...marks.keys()].join(', ')} (${marks.size}) ; un candidat en choisit au plus ${maxChoices}.`,
      { value: [...marks.keys()] },
    );
  }
  return marks;
}
