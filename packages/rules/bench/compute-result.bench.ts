/**
 * Benchmark (a script, not a test): computeResult over 10,000 generated candidates.
 * Run with `pnpm --filter @delib/rules bench`. Prints candidates per second and the
 * per-call latency percentiles.
 */
import { BTS_MCO, computeResult, controlChoices } from '../src/index.js';
import type { CandidateInput, Entry } from '../src/index.js';

const CANDIDATES = 10_000;
const ROUNDS = 5;
const SESSION = 2025;

/** Deterministic generator (mulberry32), so every run measures the same candidates. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = generator(2025);
const halfPoint = (min: number, max: number) =>
  Math.floor(min * 2 + random() * ((max - min) * 2 + 1)) / 2;

function entryFor(exemptable: boolean): Entry | null {
  const roll = random();
  if (roll < 0.01) return null; // not entered yet
  if (roll < 0.02) return { absent: 'unjustified' };
  if (roll < 0.04) return { absent: 'justified' };
  if (roll < 0.09)
    return { kept: { mark: halfPoint(10, 20), session: 2020 + Math.floor(random() * 5) } };
  if (exemptable && roll < 0.12) return { exempt: true };
  return { mark: halfPoint(3, 18) };
}

function generateCandidate(): CandidateInput {
  const units: Record<string, Entry | null> = {};
  const adjustments: Record<string, { mark: number; reason: string }> = {};
  let options = 0;
  for (const unit of BTS_MCO.units) {
    if (unit.optional) {
      if (options < 2 && random() < 0.3) {
        units[unit.code] = random() < 0.1 ? { absent: 'justified' } : { mark: halfPoint(5, 20) };
        options += 1;
      }
      continue;
    }
    const entry = entryFor(unit.exemptable);
    units[unit.code] = entry;
    if (entry && 'mark' in entry && entry.mark < 20 && random() < 0.02) {
      adjustments[unit.code] = { mark: entry.mark + 0.5, reason: 'Harmonisation du jury' };
    }
  }
  const candidate: CandidateInput = { session: SESSION, units, adjustments };
  // A quarter of those allowed to the contrôle already have their contrôle marks (two choices
  // among those whose units are not dispensé).
  if (computeResult(BTS_MCO, candidate).decision === 'controle' && random() < 0.25) {
    const open = controlChoices(BTS_MCO).filter(({ units: replaced }) =>
      replaced.every((code) => !(units[code] && 'exempt' in (units[code] ?? {}))),
    );
    const control = Object.fromEntries(
      open.slice(0, 2).map(({ choice }) => [choice, halfPoint(6, 16)]),
    );
    return { ...candidate, control };
  }
  return candidate;
}

const candidates = Array.from({ length: CANDIDATES }, generateCandidate);
const decisions = new Map<string, number>();
for (const candidate of candidates) {
  const { decision } = computeResult(BTS_MCO, candidate); // also warms up the JIT
  decisions.set(decision, (decisions.get(decision) ?? 0) + 1);
}

let best = Number.POSITIVE_INFINITY;
for (let round = 0; round < ROUNDS; round += 1) {
  const start = performance.now();
  for (const candidate of candidates) computeResult(BTS_MCO, candidate);
  best = Math.min(best, performance.now() - start);
}

const latencies = new Float64Array(CANDIDATES);
candidates.forEach((candidate, index) => {
  const start = performance.now();
  computeResult(BTS_MCO, candidate);
  latencies[index] = performance.now() - start;
});
latencies.sort();
const percentile = (p: number) =>
  (latencies[Math.min(CANDIDATES - 1, Math.floor(CANDIDATES * p))] ?? 0) * 1000;

const perSecond = Math.round((CANDIDATES / best) * 1000);
console.log(`computeResult: ${CANDIDATES} candidates in ${best.toFixed(1)} ms (best of ${ROUNDS})`);
console.log(`${perSecond.toLocaleString('en-US')} candidates/s`);
console.log(
  `per call: p50 ${percentile(0.5).toFixed(1)} µs, p99 ${percentile(0.99).toFixed(1)} µs`,
);
console.log(
  `decisions: ${[...decisions].map(([decision, count]) => `${decision} ${count}`).join(', ')}`,
);
