/**
 * The flooder of `pnpm bench:sync --flood`, in its own process so that its loop does not
 * slow down the measured clients: one authenticated examiner writing valid marks in its own
 * room as fast as its socket takes them, reconnecting at once whenever it is closed (a rate
 * limit, for instance). A second connection, as the jury's president, counts the updates
 * the server accepted and broadcast in that room.
 *
 * Input: DELIB_FLOOD (JSON, see FloodInput). IPC: sends 'ready', receives 'go' then 'stop',
 * answers with a FloodReport and exits.
 */
import { writeOralEntry } from '@delib/protocol';
import { openRawSync } from '../test-support/raw-sync-client.js';
import type { RawSyncClient } from '../test-support/raw-sync-client.js';

export interface FloodInput {
  url: string;
  document: string;
  /** Cookie of the flooding examiner ('' for the bare relay). */
  cookie: string;
  /** Cookie of a reader of the room ('' for the bare relay). */
  watcherCookie: string;
  candidates: number[];
}

export interface FloodReport {
  /** Update messages sent. */
  sent: number;
  /** Updates broadcast by the server in the flooded room. */
  accepted: number;
  /** Connections opened (the first one and every reconnection). */
  connections: number;
  /** Connections closed before their first sync (refused at once). */
  refusedBeforeSync: number;
  /** Close codes seen, with their counts. */
  closes: Record<string, number>;
  seconds: number;
  /** CPU time of this process while flooding. */
  cpuS: number;
}

const input = JSON.parse(process.env.DELIB_FLOOD ?? '{}') as FloodInput;
const headers = (cookie: string): { cookie?: string; origin: string } =>
  cookie ? { cookie, origin: input.url } : { origin: input.url };

const report: FloodReport = {
  sent: 0,
  accepted: 0,
  connections: 0,
  refusedBeforeSync: 0,
  closes: {},
  seconds: 0,
  cpuS: 0,
};
let stopping = false;

const watcher = await openRawSync(input.url, input.document, headers(input.watcherCookie));
watcher.ws.on('message', (data: Buffer) => {
  // A sync message (0) of type update (2): one update the server accepted and broadcast.
  if (data[0] === 0 && data[1] === 2) report.accepted += 1;
});

function pump(client: RawSyncClient): Promise<void> {
  return new Promise((resolve) => {
    let open = true;
    void client.closed.then(({ code }) => {
      open = false;
      report.closes[code] = (report.closes[code] ?? 0) + 1;
      resolve();
    });
    const tick = (): void => {
      if (!open) return;
      if (stopping) {
        client.close();
        return;
      }
      for (let i = 0; i < 100 && client.ws.bufferedAmount < 256 * 1024; i++) {
        const candidate = input.candidates[
          Math.floor(Math.random() * input.candidates.length)
        ] as number;
        const unit = Math.random() < 0.5 ? 'U41' : 'U42';
        const mark = Math.floor(Math.random() * 41) / 2;
        client.change((doc) => writeOralEntry(doc, candidate, unit, { mark }));
        report.sent += 1;
      }
      setImmediate(tick);
    };
    tick();
  });
}

async function flood(): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (!stopping) {
    report.connections += 1;
    try {
      await pump(await openRawSync(input.url, input.document, headers(input.cookie)));
    } catch {
      report.refusedBeforeSync += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  report.seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  report.cpuS = (used.user + used.system) / 1e6;
}

let flooding: Promise<void> = Promise.resolve();
process.on('message', (message: string) => {
  if (message === 'go') flooding = flood();
  if (message === 'stop') {
    stopping = true;
    void flooding.then(() => {
      watcher.close();
      process.send?.(report, () => process.exit(0));
    });
  }
});
process.send?.('ready');
