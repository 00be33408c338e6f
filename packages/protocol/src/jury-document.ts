import type * as Y from 'yjs';
import type { MemberCategory } from './roles.js';
import { MEMBER_CATEGORIES } from './roles.js';
import { cellKey } from './commission-document.js';
import { isPrintableText } from './printable-text.js';

/**
 * Layout of a jury document (`jury/<id>/g<generation>`): the deliberation. Each root map
 * holds plain JSON values, one per key, so every value is last-writer-wins and is validated
 * on its own by the server. The president writes every map except `notes`; members write
 * only their own notes.
 *
 * | map           | key                       | value                                  |
 * |---------------|---------------------------|----------------------------------------|
 * | `adjustments` | `<candidateId>:<unit>`    | { mark, reason }                       |
 * | `decisions`   | `<candidateId>`           | { decision, reason } (a confirmation)  |
 * | `livret`      | `<candidateId>`           | { consulted: true }                    |
 * | `control`     | `<candidateId>`           | { marks: { U1?, LV1?, U3? } }          |
 * | `attendance`  | `<userId>`                | { present, category }                  |
 * | `notes`       | `<candidateId>:<userId>`  | { text }                               |
 */
export const JURY_MAPS = [
  'adjustments',
  'decisions',
  'livret',
  'control',
  'attendance',
  'notes',
] as const;
export type JuryMap = (typeof JURY_MAPS)[number];

/**
 * The decisions a deliberated candidate can have: every decision of the rules but
 * `incomplet`, since an incomplete file gets no decision.
 */
export const DELIBERATED_DECISIONS = ['admis', 'refuse', 'controle', 'absent'] as const;
export type DeliberatedDecision = (typeof DELIBERATED_DECISIONS)[number];

export interface AdjustmentValue {
  mark: number;
  reason: string;
}
/**
 * The president's confirmation of the decision the rules compute (for example that the
 * livret was consulted before a refusal). Nobody types a decision: the server refuses a value
 * that differs from the computed decision, and the final record ignores one that the final
 * inputs contradict. `reason` is an optional note, `''` when none.
 */
export interface DecisionValue {
  decision: DeliberatedDecision;
  reason: string;
}
export interface LivretValue {
  consulted: true;
}
export interface ControlValue {
  marks: Record<string, number>;
}
export interface AttendanceValue {
  present: boolean;
  category: MemberCategory;
}
export interface NoteValue {
  text: string;
}

export const MAX_REASON_LENGTH = 500;
export const MAX_NOTE_LENGTH = 2000;

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function exactKeys(value: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => own.includes(key));
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' &&
    value.trim().length > 0 &&
    value.length <= max &&
    isPrintableText(value)
    ? value
    : null;
}

/** Shape checks of each map's values; null when the value is not of that shape. */
export const parseJuryValue = {
  adjustments(value: unknown): AdjustmentValue | null {
    const v = record(value);
    if (!v || !exactKeys(v, ['mark', 'reason'])) return null;
    const reason = text(v.reason, MAX_REASON_LENGTH);
    return typeof v.mark === 'number' && Number.isFinite(v.mark) && reason
      ? { mark: v.mark, reason }
      : null;
  },
  decisions(value: unknown): DecisionValue | null {
    const v = record(value);
    if (!v || !exactKeys(v, ['decision', 'reason'])) return null;
    const decision = DELIBERATED_DECISIONS.find((d) => d === v.decision);
    if (
      !decision ||
      typeof v.reason !== 'string' ||
      v.reason.length > MAX_REASON_LENGTH ||
      !isPrintableText(v.reason)
    )
      return null;
    return { decision, reason: v.reason };
  },
  livret(value: unknown): LivretValue | null {
    const v = record(value);
    return v && exactKeys(v, ['consulted']) && v.consulted === true ? { consulted: true } : null;
  },
  control(value: unknown): ControlValue | null {
    const v = record(value);
    const marks = v && exactKeys(v, ['marks']) ? record(v.marks) : null;
    if (!marks) return null;
    const clean: Record<string, number> = {};
    for (const [choice, mark] of Object.entries(marks)) {
      if (
        typeof mark !== 'number' ||
        !Number.isFinite(mark) ||
        !/^[A-Z][A-Z0-9]{0,9}$/.test(choice)
      ) {
        return null;
      }
      clean[choice] = mark;
    }
    return { marks: clean };
  },
  attendance(value: unknown): AttendanceValue | null {
    const v = record(value);
    if (!v || !exactKeys(v, ['present', 'category'])) return null;
    const category = MEMBER_CATEGORIES.find((c) => c === v.category);
    return typeof v.present === 'boolean' && category ? { present: v.present, category } : null;
  },
  notes(value: unknown): NoteValue | null {
    const v = record(value);
    if (!v || !exactKeys(v, ['text'])) return null;
    const note = text(v.text, MAX_NOTE_LENGTH);
    return note ? { text: note } : null;
  },
} satisfies Record<JuryMap, (value: unknown) => unknown>;

export type JuryValue<M extends JuryMap> = NonNullable<ReturnType<(typeof parseJuryValue)[M]>>;

export function juryMap(doc: Y.Doc, name: JuryMap): Y.Map<unknown> {
  return doc.getMap<unknown>(name);
}

export const adjustmentKey = cellKey;
export const candidateKey = (candidateId: number): string => String(candidateId);
export const noteKey = (candidateId: number, userId: string): string => `${candidateId}:${userId}`;

/** Reads one well-formed value; malformed values read as absent. */
export function readJuryValue<M extends JuryMap>(
  doc: Y.Doc,
  map: M,
  key: string,
): JuryValue<M> | null {
  return parseJuryValue[map](juryMap(doc, map).get(key)) as JuryValue<M> | null;
}

export function writeJuryValue<M extends JuryMap>(
  doc: Y.Doc,
  map: M,
  key: string,
  value: JuryValue<M> | null,
): void {
  const target = juryMap(doc, map);
  if (value === null) target.delete(key);
  else target.set(key, JSON.parse(JSON.stringify(value)) as unknown);
}

/** Every well-formed value of one map. */
export function readJuryMap<M extends JuryMap>(doc: Y.Doc, map: M): Map<string, JuryValue<M>> {
  const values = new Map<string, JuryValue<M>>();
  juryMap(doc, map).forEach((value, key) => {
    const parsed = parseJuryValue[map](value) as JuryValue<M> | null;
    if (parsed) values.set(key, parsed);
  });
  return values;
}
