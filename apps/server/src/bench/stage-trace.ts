import { readStagesLine, STAGE_NAMES } from '../sync/commit-stages.js';
import type { StageName, StageSamples } from '../sync/commit-stages.js';
import { OutputLines } from './output-lines.js';
import { percentile } from './percentile.js';

/**
 * `pnpm bench:sync --stages`: Délib's server runs with DELIB_SYNC_STAGES=1 and prints, once a
 * second, how long each update it accepted spent in each stage before its broadcast
 * (sync/commit-stages.ts). Read here from its standard output, to tell how much of a mark's
 * latency the server itself adds, and where: waiting for the batch, the SQLite transaction,
 * the fsync and the event loop that hears of its end.
 */
export const STAGES_ENV = { DELIB_SYNC_STAGES: '1' } as const;

const LABELS: Record<StageName, string> = {
  queued: 'attente du lot',
  written: 'transaction SQLite',
  durable: 'fsync et retour sur la boucle',
};

export class StageTrace {
  private readonly samples: StageSamples = { queued: [], written: [], durable: [] };
  private readonly totals: number[] = [];
  private readonly output = new OutputLines();

  /** Reads a chunk of the server's standard output (lines may be cut between chunks). */
  read(chunk: string): void {
    for (const line of this.output.read(chunk)) {
      const parsed = readStagesLine(line);
      if (parsed === null || typeof parsed !== 'object') continue;
      const report = parsed as Partial<Record<StageName, unknown>>;
      const columns = STAGE_NAMES.map((name) => report[name]);
      if (!columns.every((column) => Array.isArray(column))) continue;
      const [queued, written, durable] = columns as [number[], number[], number[]];
      if (written.length !== queued.length || durable.length !== queued.length) continue;
      queued.forEach((ms, index) => {
        const stages = [ms, written[index] as number, durable[index] as number];
        if (!stages.every(Number.isFinite)) return;
        STAGE_NAMES.forEach((name, column) => this.samples[name].push(stages[column] as number));
        this.totals.push(stages.reduce((sum, each) => sum + each, 0));
      });
    }
  }

  /** How many updates were timed. */
  get count(): number {
    return this.totals.length;
  }

  /** Lines in French: p50/p90/p99/max of each stage and of their sum. */
  summary(): string[] {
    if (this.count === 0) return ['Étapes côté serveur : aucune mise à jour chronométrée.'];
    const line = (label: string, values: number[]): string => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (p: number) => percentile(sorted, p).toFixed(2);
      return `  ${label.padEnd(32)} p50 ${at(50)}  p90 ${at(90)}  p99 ${at(99)}  max ${(sorted.at(-1) ?? 0).toFixed(2)} ms`;
    };
    return [
      `Étapes côté serveur, de la réception à la diffusion (${this.count} mises à jour, vie entière du processus) :`,
      ...STAGE_NAMES.map((name) => line(LABELS[name], this.samples[name])),
      line('total sur le serveur', this.totals),
    ];
  }
}
