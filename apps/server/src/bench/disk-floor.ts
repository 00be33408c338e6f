import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile } from './percentile.js';

/**
 * The floor under Délib's latency that a bare relay does not pay: an fdatasync after a small
 * append, as the sync endpoint's WAL sync does before a mark is broadcast. Measured on the
 * benchmark's own directory (the database's disk), one at a time, `count` times.
 */
export async function diskFloor(
  directory: string,
  count = 200,
): Promise<{ p50: number; p99: number }> {
  const file = path.join(directory, 'plancher-disque');
  const handle = await fs.promises.open(file, 'w');
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      await handle.write(page);
      const started = performance.now();
      await handle.datasync();
      times.push(performance.now() - started);
    }
  } finally {
    await handle.close();
    fs.rmSync(file, { force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}
