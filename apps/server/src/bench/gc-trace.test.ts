import { describe, expect, it } from 'vitest';
import { GcTrace } from './gc-trace.js';

// Lines as Node 20's `--trace-gc` prints them.
const young = (at: number, ms: string) =>
  `[27399:0x32c1be70]  ${at} ms: Scavenge 3.9 (4.0) -> 3.6 (5.0) MB, ${ms} / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; \n`;
const full = (at: number, ms: string) =>
  `[27407:0x2a681ce0]  ${at} ms: Mark-Compact 3.1 (4.0) -> 2.6 (5.0) MB, ${ms} / 0.00 ms  (average mu = 1.000, current mu = 1.000) testing; GC in old space requested\n`;

describe('GcTrace', () => {
  it('reads lines cut between chunks and ignores the server’s other output', () => {
    const trace = new GcTrace();
    const text = `Délib écoute sur http://127.0.0.1:4000\n${young(100, '1.00')}${young(200, '3.00')}${young(300, '2.00')}`;
    trace.read(text.slice(0, 70));
    trace.read(text.slice(70, 150));
    trace.read(text.slice(150));
    expect(trace.summary()).toContain(
      '3 collectes de la jeune génération (pause p50 2.0 ms, max 3.0 ms, une toutes les 100 ms)',
    );
  });

  it('counts how often the young generation is collected over its own collections only', () => {
    const trace = new GcTrace();
    trace.read(full(0, '5.00') + young(1000, '1.00') + young(1500, '1.00') + full(9000, '7.50'));
    const summary = trace.summary();
    expect(summary).toContain(
      '2 collectes de la jeune génération (pause p50 1.0 ms, max 1.0 ms, une toutes les 500 ms)',
    );
    expect(summary).toContain('2 complètes (pause max 7.5 ms), 15 ms de pauses en tout');
  });

  it('says when it read nothing, and keeps an unfinished line for the next chunk', () => {
    const trace = new GcTrace();
    trace.read(young(100, '1.00').trimEnd());
    expect(trace.summary()).toBe('Ramassage de la mémoire : aucune collecte lue.');
    trace.read('\n');
    expect(trace.summary()).toContain('1 collectes');
  });
});
