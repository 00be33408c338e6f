import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CandidateInput, CandidateResult } from './compute-result.js';
import { computeResult } from './compute-result.js';
import type { Decision } from './decision.js';
import type { Entry } from './entry.js';
import { formatAverage } from './format-average.js';
import { formatMark } from './format-mark.js';
import { loadRegulation } from './load-regulation.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import { parseMark } from './validate-entry.js';

const SESSION = 2025;
const halfPoints = (min: number, max: number) =>
  fc.integer({ min: min * 2, max: max * 2 }).map((half) => half / 2);
const mark = halfPoints(0, 20);

function mandatoryEntry(exemptable: boolean): fc.Arbitrary<Entry> {
  return fc.oneof(
    { weight: 12, arbitrary: mark.map((value): Entry => ({ mark: value })) },
    { weight: 1, arbitrary: fc.constant<Entry>({ absent: 'justified' }) },
    { weight: 1, arbitrary: fc.constant<Entry>({ absent: 'unjustified' }) },
    {
      weight: 2,
      arbitrary: fc
        .record({ mark: halfPoints(10, 20), session: fc.integer({ min: 2020, max: 2024 }) })
        .map((kept): Entry => ({ kept })),
    },
    ...(exemptable ? [{ weight: 1, arbitrary: fc.constant<Entry>({ exempt: true }) }] : []),
  );
}

const optionalEntry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 5, arbitrary: mark.map((value): Entry => ({ mark: value })) },
  { weight: 1, arbitrary: fc.constant<Entry>({ absent: 'justified' }) },
);

/** A complete candidate of BTS MCO: every mandatory unit entered, up to two options. */
const completeCandidate: fc.Arbitrary<CandidateInput> = fc
  .record({
    mandatory: fc.tuple(
      ...BTS_MCO.units
        .filter((unit) => !unit.optional)
        .map((unit) => mandatoryEntry(unit.exemptable).map((entry) => [unit.code, entry] as const)),
    ),
    options: fc.subarray(['UF1', 'UF2', 'UF3'], { maxLength: 2 }),
    optionEntries: fc.tuple(optionalEntry, optionalEntry),
  })
  .map(({ mandatory, options, optionEntries }) => {
    const units: Record<string, Entry> = Object.fromEntries(mandatory);
    options.forEach((code, index) => {
      units[code] = optionEntries[index] ?? { mark: 10 };
    });
    return { session: SESSION, units };
  });

const RANK: Record<Decision, number> = {
  incomplet: -1,
  absent: 0,
  refuse: 1,
  controle: 2,
  admis: 3,
};

/** a ≤ b for two exact averages. */
function atMost(a: CandidateResult['averageExact'], b: CandidateResult['averageExact']): boolean {
  if (a === null || b === null) return a === b;
  return a.numerator * b.denominator <= b.numerator * a.denominator;
}

function markOf(entry: Entry | undefined): number | null {
  if (!entry) return null;
  if ('mark' in entry) return entry.mark;
  if ('kept' in entry) return entry.kept.mark;
  return null;
}

function withMark(entry: Entry, value: number): Entry {
  return 'kept' in entry ? { kept: { ...entry.kept, mark: value } } : { mark: value };
}

describe('computeResult — properties', () => {
  it('raising any mark never lowers the average nor the decision (admis stays admis)', () => {
    fc.assert(
      fc.property(completeCandidate, fc.nat(), halfPoints(0.5, 20), (input, pick, raise) => {
        const marked = Object.entries(input.units).filter(
          ([, entry]) => markOf(entry ?? undefined) !== null,
        );
        fc.pre(marked.length > 0);
        const [code, entry] = marked[pick % marked.length] as [string, Entry];
        const before = markOf(entry) as number;
        fc.pre(before < 20);
        const raised = {
          ...input,
          units: { ...input.units, [code]: withMark(entry, Math.min(20, before + raise)) },
        };
        const a = computeResult(BTS_MCO, input);
        const b = computeResult(BTS_MCO, raised);
        expect(atMost(a.averageExact, b.averageExact)).toBe(true);
        expect(atMost(a.professionalAverageExact, b.professionalAverageExact)).toBe(true);
        expect(RANK[b.decision]).toBeGreaterThanOrEqual(RANK[a.decision]);
        if (a.decision === 'admis') expect(b.decision).toBe('admis');
      }),
    );
  });

  it('the order of units (and of adjustments) is irrelevant', () => {
    const withAdjustments = completeCandidate.map((input) => {
      const adjustments: Record<string, { mark: number; reason: string }> = {};
      for (const [code, entry] of Object.entries(input.units)) {
        const value = markOf(entry ?? undefined);
        if (value !== null && value <= 19) adjustments[code] = { mark: value + 1, reason: 'Jury' };
      }
      return { ...input, adjustments };
    });
    fc.assert(
      fc.property(withAdjustments, fc.infiniteStream(fc.nat()), (input, randomness) => {
        const shuffle = <T>(items: T[]): T[] => {
          const copy = [...items];
          for (let i = copy.length - 1; i > 0; i -= 1) {
            const j = (randomness.next().value as number) % (i + 1);
            [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
          }
          return copy;
        };
        const reordered: CandidateInput = {
          adjustments: Object.fromEntries(shuffle(Object.entries(input.adjustments))),
          units: Object.fromEntries(shuffle(Object.entries(input.units))),
          session: input.session,
        };
        const a = computeResult(BTS_MCO, input);
        const b = computeResult(BTS_MCO, reordered);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
    );
  });

  it('exempting a unit removes its coefficient × mark and changes nothing else', () => {
    const exemptable = BTS_MCO.units.filter((unit) => unit.exemptable);
    fc.assert(
      fc.property(completeCandidate, fc.constantFrom(...exemptable), mark, (input, unit, value) => {
        const marked = { ...input, units: { ...input.units, [unit.code]: { mark: value } } };
        const exempted = {
          ...input,
          units: { ...input.units, [unit.code]: { exempt: true as const } },
        };
        const a = computeResult(BTS_MCO, marked);
        const b = computeResult(BTS_MCO, exempted);
        const coefficient = unit.coefficient ?? 0;
        expect(b.total).toBe((a.total as number) - coefficient * value);
        expect(b.divisor).toBe((a.divisor as number) - coefficient);
        expect(b.bonus).toBe(a.bonus);
        expect(b.professionalAverageExact).toEqual(a.professionalAverageExact);
        expect(b.warnings).toEqual(a.warnings);
        expect(b.missing).toEqual(a.missing);
        const others = (result: CandidateResult) =>
          result.lines.filter((line) => line.unit !== unit.code);
        expect(others(b)).toEqual(others(a));
      }),
    );
  });

  it('the decision agrees with the exact average, and both displays agree', () => {
    fc.assert(
      fc.property(completeCandidate, (input) => {
        const result = computeResult(BTS_MCO, input);
        const exact = result.averageExact;
        expect(exact).not.toBeNull();
        if (exact === null) return;
        expect(result.average).toBe(exact.numerator / exact.denominator);
        expect(formatAverage(result.average)).toBe(formatAverage(exact));
        const unjustified = Object.values(input.units).some(
          (entry) =>
            entry !== null &&
            entry !== undefined &&
            'absent' in entry &&
            entry.absent === 'unjustified',
        );
        const atLeast10 = exact.numerator >= 10 * exact.denominator;
        if (unjustified) expect(result.decision).toBe('absent');
        else expect(result.decision === 'admis').toBe(atLeast10);
      }),
    );
  });

  it('with markStep 0.01, any marks averaging exactly 10 are admis, one hundredth less is not', () => {
    const hundredths = loadRegulation({
      ...BTS_MCO,
      id: 'bts-mco-centiemes',
      settings: { ...BTS_MCO.settings, markStep: 0.01 },
    });
    const codes = ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5'];
    const weights = [300, 150, 150, 300, 300, 300, 300];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 7, maxLength: 7 }),
        (marks) => {
          // U6 (coefficient 3) completes Σ coefficient × mark to exactly 210.
          const partial = marks.reduce(
            (sum, value, index) => sum + value * (weights[index] ?? 0),
            0,
          );
          const rest = 210 * 10_000 - partial;
          fc.pre(rest >= 0 && rest % 300 === 0 && rest / 300 <= 2000 && rest / 300 >= 1);
          const units: Record<string, Entry> = { U6: { mark: rest / 300 / 100 } };
          codes.forEach((code, index) => {
            units[code] = { mark: (marks[index] ?? 0) / 100 };
          });
          const exact = computeResult(hundredths, { units });
          expect(exact.decision).toBe('admis');
          expect(formatAverage(exact.averageExact)).toBe('10,00');
          const lower = computeResult(hundredths, {
            units: { ...units, U6: { mark: (rest / 300 - 1) / 100 } },
          });
          expect(lower.decision).not.toBe('admis');
        },
      ),
    );
  });

  it('a mark written in French reads back to itself', () => {
    fc.assert(
      fc.property(mark, (value) => {
        expect(parseMark(formatMark(value), BTS_MCO)).toBe(value);
      }),
    );
  });
});
