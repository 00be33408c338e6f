import { describe, expect, it } from 'vitest';
import { StageTrace } from './stage-trace.js';

const report = (queued: number[], written: number[], durable: number[]) =>
  `[sync-stages] ${JSON.stringify({ queued, written, durable })}\n`;

describe('StageTrace', () => {
  it('reads lines cut between chunks and ignores the server’s other output', () => {
    const trace = new StageTrace();
    const text = `Délib écoute sur http://127.0.0.1:4000\n${report([0.2, 0.4], [0.1, 0.1], [0.3, 2.5])}[sync] modification refusée (4403)\n${report([1], [0.5], [0.5])}`;
    for (let start = 0; start < text.length; start += 17) trace.read(text.slice(start, start + 17));
    expect(trace.count).toBe(3);
    const [heading, queued, written, durable, total] = trace.summary();
    expect(heading).toContain('3 mises à jour');
    expect(queued).toContain('p50 0.40');
    expect(queued).toContain('max 1.00 ms');
    expect(written).toContain('max 0.50 ms');
    expect(durable).toContain('max 2.50 ms');
    // Each update's stages summed: 0.6, 2.8 and 2.0 ms.
    expect(total).toContain('p50 2.00');
    expect(total).toContain('max 3.00 ms');
  });

  it('skips a malformed report instead of miscounting', () => {
    const trace = new StageTrace();
    trace.read('[sync-stages] {"queued":[1,2],"written":[1],"durable":[1,2]}\n');
    trace.read('[sync-stages] {not json\n');
    trace.read('[sync-stages] {"queued":[1],"written":[null],"durable":[1]}\n');
    trace.read(report([1], [1], [1]));
    expect(trace.count).toBe(1);
  });

  it('says so when nothing was timed', () => {
    expect(new StageTrace().summary()).toEqual([
      'Étapes côté serveur : aucune mise à jour chronométrée.',
    ]);
  });
});
