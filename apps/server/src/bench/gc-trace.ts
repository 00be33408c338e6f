import { OutputLines } from './output-lines.js';
import { percentile } from './percentile.js';

/**
 * `pnpm bench:sync --gc`: the server runs with V8's `--trace-gc`, and the pauses it prints
 * (one line per collection on the server's standard output) are summed up here, to tell a
 * latency tail caused by the garbage collector from one caused by the disk.
 */
export const GC_TRACE_FLAGS = ['--trace-gc'] as const;

interface Pause {
  kind: 'young' | 'full';
  /** When it came, in ms since the process started. */
  at: number;
  ms: number;
}

/** `[pid:0x…]  27173 ms: Scavenge 52.1 (137.2) -> 41.1 (137.2) MB, 3.38 / 0.74 ms …` */
const LINE =
  /\]\s+(\d+) ms: (Scavenge|Mark-Compact|Minor Mark-Compact|Mark-sweep)[^,]*, ([\d.]+) \//;

export class GcTrace {
  private readonly pauses: Pause[] = [];
  private readonly output = new OutputLines();

  /** Reads a chunk of the server's standard output (lines may be cut between chunks). */
  read(chunk: string): void {
    for (const line of this.output.read(chunk)) {
      const match = LINE.exec(line);
      if (!match) continue;
      this.pauses.push({
        kind: match[2] === 'Scavenge' ? 'young' : 'full',
        at: Number(match[1]),
        ms: Number(match[3]),
      });
    }
  }

  /** One line in French: collections of each kind, their pauses and how often they came. */
  summary(): string {
    const youngPauses = this.pauses.filter((pause) => pause.kind === 'young');
    const young = youngPauses.map((pause) => pause.ms);
    const full = this.pauses.filter((pause) => pause.kind === 'full').map((pause) => pause.ms);
    if (young.length + full.length === 0) return 'Ramassage de la mémoire : aucune collecte lue.';
    young.sort((a, b) => a - b);
    // How often the young generation is collected: over the span of those collections only.
    const span = (youngPauses.at(-1)?.at ?? 0) - (youngPauses[0]?.at ?? 0);
    const every =
      young.length > 1 ? `, une toutes les ${(span / (young.length - 1)).toFixed(0)} ms` : '';
    const p50 = young.length > 0 ? percentile(young, 50) : 0;
    const total = [...young, ...full].reduce((sum, ms) => sum + ms, 0);
    return (
      `Ramassage de la mémoire (--trace-gc, vie entière du processus) : ${young.length} collectes de la jeune génération` +
      ` (pause p50 ${p50.toFixed(1)} ms, max ${(young.at(-1) ?? 0).toFixed(1)} ms${every}),` +
      ` ${full.length} complètes (pause max ${Math.max(0, ...full).toFixed(1)} ms), ${total.toFixed(0)} ms de pauses en tout`
    );
  }
}
