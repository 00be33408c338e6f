import type { CompiledRegulation, CompiledUnit } from './compiled-regulation.js';
import { compileRegulation } from './compiled-regulation.js';
import { describeValue, isRecord } from './describe-value.js';
import type { Adjustment, Entry } from './entry.js';
import {
  MAX_MARK,
  fromHundredths,
  frenchDecimal,
  isMarkOnStep,
  toHundredths,
} from './exact-mark.js';
import type { Regulation } from './regulation.js';
import { RulesError } from './rules-error.js';

/** An entry once checked, with its mark in hundredths. Internal to the package. */
export type CheckedEntry =
  | { kind: 'mark'; mark: number; entry: Entry }
  | { kind: 'absent'; justified: boolean; entry: Entry }
  | { kind: 'exempt'; entry: Entry }
  | { kind: 'kept'; mark: number; session: number; entry: Entry };

export interface CheckedAdjustment {
  mark: number;
  adjustment: Adjustment;
}

const FIRST_SESSION = 1900;
const LAST_SESSION = 2999;

/** What a mark is, for messages: `la note`, `la note conservée`… */
type MarkRole = 'note' | 'note conservée' | 'note ajustée' | 'note de contrôle';

function stepText(compiled: CompiledRegulation): string {
  return `de 0 à ${MAX_MARK} par pas de ${frenchDecimal(fromHundredths(compiled.markStep))}`;
}

/**
 * A mark in hundredths, or `INVALID_MARK` naming `subject` (`l’unité U41`) and the value.
 */
export function checkMark(
  compiled: CompiledRegulation,
  value: unknown,
  role: MarkRole,
  subject: string | null,
  details: { unit?: string; choice?: string },
): number {
  const hundredths = toHundredths(value);
  if (hundredths === null || !isMarkOnStep(hundredths, compiled.markStep)) {
    const where = subject === null ? '' : ` pour ${subject}`;
    throw new RulesError(
      'INVALID_MARK',
      `${capitalize(role)} refusée${where} : ${describeValue(value)}. Une note va ${stepText(compiled)}.`,
      { ...details, value },
    );
  }
  return hundredths;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The session year, or undefined when not given; `INVALID_SESSION` otherwise. */
export function checkSession(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < FIRST_SESSION ||
    value > LAST_SESSION
  ) {
    throw new RulesError(
      'INVALID_SESSION',
      `Session refusée : ${describeValue(value)}. Une session est une année, par exemple 2025.`,
      { value },
    );
  }
  return value;
}

/** The unit of `code`, or `UNKNOWN_UNIT`. */
export function unitOf(compiled: CompiledRegulation, code: string): CompiledUnit {
  const unit = compiled.byCode.get(code);
  if (!unit) {
    const known = compiled.units.map((item) => item.definition.code).join(', ');
    throw new RulesError(
      'UNKNOWN_UNIT',
      `Unité inconnue : ${describeValue(code)}. Le règlement ${compiled.regulation.id} connaît ${known}.`,
      { unit: code, value: code },
    );
  }
  return unit;
}

function invalidEntry(unit: string, value: unknown): RulesError {
  return new RulesError(
    'INVALID_ENTRY',
    `Saisie refusée pour l’unité ${unit} : ${describeValue(value)}. Attendu une note { "mark": 12.5 }, une absence { "absent": "justified" | "unjustified" }, une dispense { "exempt": true } ou un bénéfice { "kept": { "mark": 14, "session": 2023 } }.`,
    { unit, value },
  );
}

/**
 * Checks one entry for one unit: its shape, its mark, the dispense and the bénéfice rules
 * (a bénéfice needs `session`). Throws a `RulesError`; never guesses.
 */
export function checkEntry(
  compiled: CompiledRegulation,
  unit: CompiledUnit,
  value: unknown,
  session: number | undefined,
): CheckedEntry {
  const { code } = unit.definition;
  if (!isRecord(value) || Object.keys(value).length !== 1) throw invalidEntry(code, value);
  if ('mark' in value) {
    const mark = checkMark(compiled, value.mark, 'note', `l’unité ${code}`, { unit: code });
    return { kind: 'mark', mark, entry: { mark: fromHundredths(mark) } };
  }
  if ('absent' in value) {
    if (value.absent !== 'justified' && value.absent !== 'unjustified')
      throw invalidEntry(code, value);
    return {
      kind: 'absent',
      justified: value.absent === 'justified',
      entry: { absent: value.absent },
    };
  }
  if ('exempt' in value) {
    if (value.exempt !== true) throw invalidEntry(code, value);
    if (!unit.definition.exemptable) {
      const why = unit.definition.optional
        ? 'une unité facultative ne se dispense pas : il suffit de ne pas la présenter'
        : 'le règlement ne prévoit pas de dispense pour cette unité';
      throw new RulesError('NOT_EXEMPTABLE', `Dispense refusée pour l’unité ${code} : ${why}.`, {
        unit: code,
        value,
      });
    }
    return { kind: 'exempt', entry: { exempt: true } };
  }
  if ('kept' in value) return checkKept(compiled, unit, value.kept, session);
  throw invalidEntry(code, value);
}

function checkKept(
  compiled: CompiledRegulation,
  unit: CompiledUnit,
  kept: unknown,
  session: number | undefined,
): CheckedEntry {
  const { code } = unit.definition;
  const { settings } = compiled.regulation;
  if (
    !isRecord(kept) ||
    Object.keys(kept).length !== 2 ||
    !('mark' in kept) ||
    !('session' in kept)
  ) {
    throw invalidEntry(code, { kept });
  }
  if (unit.definition.optional && !settings.optionalKeptMarks) {
    throw new RulesError(
      'KEPT_MARK_NOT_ALLOWED',
      `Bénéfice refusé pour l’unité ${code} : la note d’une unité facultative ne se conserve pas d’une session à l’autre.`,
      { unit: code, value: kept },
    );
  }
  const mark = checkMark(compiled, kept.mark, 'note conservée', `l’unité ${code}`, { unit: code });
  if (mark < compiled.keptMarkMinimum) {
    throw new RulesError(
      'INVALID_KEPT_MARK',
      `Bénéfice refusé pour l’unité ${code} : ${describeValue(kept.mark)} est inférieur à ${frenchDecimal(settings.keptMarkMinimum)} ; seule une note d’au moins ${frenchDecimal(settings.keptMarkMinimum)} se conserve.`,
      { unit: code, value: kept },
    );
  }
  const origin = kept.session;
  if (
    typeof origin !== 'number' ||
    !Number.isInteger(origin) ||
    origin < FIRST_SESSION ||
    origin > LAST_SESSION
  ) {
    throw new RulesError(
      'INVALID_KEPT_MARK',
      `Bénéfice refusé pour l’unité ${code} : session d’origine ${describeValue(origin)} ; attendu une année, par exemple 2023.`,
      { unit: code, value: kept },
    );
  }
  if (session === undefined) {
    throw new RulesError(
      'MISSING_SESSION',
      `Bénéfice de l’unité ${code} (session ${origin}) : la session en cours doit être indiquée pour vérifier sa validité.`,
      { unit: code, value: kept },
    );
  }
  if (origin >= session) {
    throw new RulesError(
      'INVALID_KEPT_MARK',
      `Bénéfice refusé pour l’unité ${code} : il date de la session ${origin}, qui n’est pas antérieure à la session ${session}.`,
      { unit: code, value: kept },
    );
  }
  const lastSession = origin + settings.keptMarkValidity;
  if (session > lastSession) {
    throw new RulesError(
      'EXPIRED_KEPT_MARK',
      `Bénéfice expiré pour l’unité ${code} : la note ${describeValue(kept.mark)} de la session ${origin} valait jusqu’à la session ${lastSession}, pas en ${session}.`,
      { unit: code, value: kept },
    );
  }
  return {
    kind: 'kept',
    mark,
    session: origin,
    entry: { kept: { mark: fromHundredths(mark), session: origin } },
  };
}

/** Checks a jury adjustment's shape, mark and reason (not the entry it applies to). */
export function checkAdjustment(
  compiled: CompiledRegulation,
  unit: CompiledUnit,
  value: unknown,
): CheckedAdjustment {
  const { code } = unit.definition;
  const keys = isRecord(value) ? Object.keys(value) : [];
  if (
    !isRecord(value) ||
    !keys.includes('mark') ||
    keys.some((key) => key !== 'mark' && key !== 'reason' && key !== 'by') ||
    (value.by !== undefined && typeof value.by !== 'string')
  ) {
    throw new RulesError(
      'INVALID_ADJUSTMENT',
      `Ajustement refusé pour l’unité ${code} : ${describeValue(value)}. Attendu { "mark": 10, "reason": "…" }.`,
      { unit: code, value },
    );
  }
  const mark = checkMark(compiled, value.mark, 'note ajustée', `l’unité ${code}`, { unit: code });
  if (typeof value.reason !== 'string' || value.reason.trim() === '') {
    throw new RulesError(
      'MISSING_REASON',
      `Ajustement refusé pour l’unité ${code} (note ${describeValue(value.mark)}) : le motif est obligatoire.`,
      { unit: code, value },
    );
  }
  const adjustment: Adjustment = { mark: fromHundredths(mark), reason: value.reason.trim() };
  if (typeof value.by === 'string') adjustment.by = value.by;
  return { mark, adjustment };
}

/**
 * Checks one entry for one unit without a whole candidate (what an examiner's page or the
 * server's sync endpoint needs). Returns a clean copy of the entry; throws a `RulesError`
 * (`UNKNOWN_UNIT`, `INVALID_ENTRY`, `INVALID_MARK`, `NOT_EXEMPTABLE`, `INVALID_KEPT_MARK`,
 * `EXPIRED_KEPT_MARK`, `KEPT_MARK_NOT_ALLOWED`, `MISSING_SESSION`, `INVALID_SESSION`).
 */
export function validateEntry(
  regulation: Regulation,
  unitCode: string,
  entry: unknown,
  session?: number,
): Entry {
  const compiled = compileRegulation(regulation);
  return checkEntry(compiled, unitOf(compiled, unitCode), entry, checkSession(session)).entry;
}

/**
 * Checks one jury adjustment for one unit: `{ mark, reason, by? }`, the mark on the step and a
 * non-empty reason. Returns a clean copy (reason trimmed).
 */
export function validateAdjustment(
  regulation: Regulation,
  unitCode: string,
  adjustment: unknown,
): Adjustment {
  const compiled = compileRegulation(regulation);
  return checkAdjustment(compiled, unitOf(compiled, unitCode), adjustment).adjustment;
}

const TYPED_MARK = /^(\d{1,2})(?:[,.](\d{1,2}))?$/;
/** A number as a person writes it, whatever its size or sign: `25`, `-1`, `120,5`. */
const TYPED_NUMBER = /^-?\d+(?:[,.]\d+)?$/;

/** True when `text` is a number that lies outside 0 to 20 (`25`, `-1`, `20,5`). */
function outOfScale(text: string): boolean {
  const trimmed = text.trim();
  if (!TYPED_NUMBER.test(trimmed)) return false;
  const value = Number(trimmed.replace(',', '.'));
  return value < 0 || value > MAX_MARK;
}

/**
 * Reads a mark typed by a person: `12,5`, `12.5`, ` 8 ` → 12.5, 12.5, 8. With a regulation,
 * also checks its step (12,3 is refused with a step of 0,5). Throws `INVALID_MARK` with a French
 * message otherwise: « Note hors barème (0 à 20) » for a number beyond the scale (`25`),
 * « Note illisible » for text that is no number.
 */
export function parseMark(text: string, regulation?: Regulation): number {
  const match = typeof text === 'string' ? TYPED_MARK.exec(text.trim()) : null;
  const hundredths = match
    ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
    : null;
  if (hundredths === null || hundredths > MAX_MARK * 100) {
    const message =
      typeof text === 'string' && outOfScale(text)
        ? `Note hors barème (0 à ${MAX_MARK}) : ${describeValue(text.trim())}. Saisir une note de 0 à ${MAX_MARK}, par exemple 12,5.`
        : `Note illisible : ${describeValue(text)}. Saisir un nombre de 0 à ${MAX_MARK}, par exemple 12,5.`;
    throw new RulesError('INVALID_MARK', message, { value: text });
  }
  if (regulation) {
    checkMark(compileRegulation(regulation), fromHundredths(hundredths), 'note', null, {});
  }
  return fromHundredths(hundredths);
}
