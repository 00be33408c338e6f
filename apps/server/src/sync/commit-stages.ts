/**
 * Where an accepted update spends its time on the server before it is broadcast, stage by
 * stage (DELIB_SYNC_STAGES=1, for `pnpm bench:sync --stages`):
 * - `queued`: from its handler to the start of the batch's transaction (waiting for the
 *   next turn of the event loop, or for a commit in flight);
 * - `written`: the batch's SQLite transaction, on the event loop;
 * - `durable`: from the end of the transaction to the release of the batch, that is the
 *   WAL's fsync on the thread pool and the wait for the event loop to hear of its end.
 *
 * Off by default: the endpoint then takes no timestamp at all.
 */
export const STAGES_LINE_PREFIX = '[sync-stages]';

export const STAGE_NAMES = ['queued', 'written', 'durable'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export type StageSamples = Record<StageName, number[]>;

/** Samples kept between two reports: at 1 report/s, far above what one process accepts. */
const MAX_SAMPLES = 20_000;

export interface StageTimes {
  receivedAt: number;
  flushedAt: number;
  writtenAt: number;
  releasedAt: number;
}

export class CommitStages {
  private samples: StageSamples = emptySamples();
  private readonly timer: NodeJS.Timeout;

  /** Reports the samples gathered since the last report every `everyMs`, when there are any. */
  constructor(report: (line: string) => void, everyMs = 1000) {
    this.timer = setInterval(() => {
      const line = this.drain();
      if (line) report(line);
    }, everyMs);
    this.timer.unref();
  }

  record(times: StageTimes): void {
    if (this.samples.queued.length >= MAX_SAMPLES) return;
    this.samples.queued.push(times.flushedAt - times.receivedAt);
    this.samples.written.push(times.writtenAt - times.flushedAt);
    this.samples.durable.push(times.releasedAt - times.writtenAt);
  }

  /** One line, `[sync-stages] {"queued":[…],…}` in ms to the hundredth, or null if none. */
  drain(): string | null {
    const samples = this.samples;
    this.samples = emptySamples();
    if (samples.queued.length === 0) return null;
    const rounded = Object.fromEntries(
      STAGE_NAMES.map((name) => [name, samples[name].map((ms) => Math.round(ms * 100) / 100)]),
    );
    return `${STAGES_LINE_PREFIX} ${JSON.stringify(rounded)}`;
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/**
 * What a `[sync-stages] …` line carries, parsed but not yet checked (the reader checks its
 * shape); null for any other line, or one whose JSON is cut or garbled.
 */
export function readStagesLine(line: string): unknown {
  if (!line.startsWith(`${STAGES_LINE_PREFIX} `)) return null;
  try {
    return JSON.parse(line.slice(STAGES_LINE_PREFIX.length + 1)) as unknown;
  } catch {
    return null;
  }
}

function emptySamples(): StageSamples {
  return { queued: [], written: [], durable: [] };
}
