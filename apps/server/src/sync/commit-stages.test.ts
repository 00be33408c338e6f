import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommitStages, readStagesLine } from './commit-stages.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('CommitStages', () => {
  it('reports each update’s stages once, to the hundredth of a millisecond', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const stages = new CommitStages((line) => lines.push(line), 1000);
    stages.record({ receivedAt: 10, flushedAt: 10.204, writtenAt: 10.5, releasedAt: 13.999 });
    stages.record({ receivedAt: 20, flushedAt: 21, writtenAt: 21.25, releasedAt: 21.5 });
    vi.advanceTimersByTime(1000);
    expect(lines).toHaveLength(1);
    expect(readStagesLine(lines[0] ?? '')).toEqual({
      queued: [0.2, 1],
      written: [0.3, 0.25],
      durable: [3.5, 0.25],
    });
    // Nothing new: no line, and what was reported is not reported again.
    vi.advanceTimersByTime(3000);
    expect(lines).toHaveLength(1);
    stages.close();
  });

  it('stops reporting once closed', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const stages = new CommitStages((line) => lines.push(line), 1000);
    stages.record({ receivedAt: 0, flushedAt: 1, writtenAt: 2, releasedAt: 3 });
    stages.close();
    vi.advanceTimersByTime(5000);
    expect(lines).toEqual([]);
  });

  it('keeps a bounded number of samples between two reports', () => {
    const stages = new CommitStages(() => undefined, 60_000);
    for (let index = 0; index < 25_000; index++)
      stages.record({ receivedAt: 0, flushedAt: 1, writtenAt: 2, releasedAt: 3 });
    const line = stages.drain() ?? '';
    const report = readStagesLine(line) as { queued: number[] };
    expect(report.queued).toHaveLength(20_000);
    expect(stages.drain()).toBeNull();
    stages.close();
  });
});
