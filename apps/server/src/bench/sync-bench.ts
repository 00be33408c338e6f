/**
 * `pnpm bench:sync`: propagation of oral marks from examiners to presidents through a real
 * server process. Options: --juries J (1) --examiners N per jury (40) --rate writes per
 * second per examiner (1) --duration seconds (30).
 * Prints p50/p95/p99 of write → president sees it, updates per second, server CPU and RSS.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { cellKey, marksMap, writeOralEntry } from '@delib/protocol';
import { openDatabase } from '../db/open-database.js';
import { connectDocument } from '../test-support/sync-client.js';
import type { SyncClient } from '../test-support/sync-client.js';
import { BENCH_PASSWORD, seedBench } from './seed-bench.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

// y-websocket adds a process exit listener per provider.
process.setMaxListeners(0);

const juries = option('juries', 1);
const examinersPerJury = option('examiners', 40);
const rate = option('rate', 1);
const durationS = option('duration', 30);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function processStats(pid: number): { rssMb: number; peakMb: number; cpuS: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(stat[11]) + Number(stat[12]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, cpuS: ticks / 100 };
}

async function signIn(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ login, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`connexion ${login} : ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

async function main(): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-bench-'));
  const databasePath = path.join(directory, 'bench.sqlite');
  const db = openDatabase(databasePath);
  const layout = await seedBench(db, juries, examinersPerJury);
  db.close();

  // Run the server the way this script runs: built (dist/*.js) or from source through tsx.
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const main = path.join(path.dirname(here), '..', fromSource ? 'main.ts' : 'main.js');
  // --profile writes a V8 CPU profile of the server into the current directory.
  const profile = process.argv.includes('--profile') ? ['--cpu-prof'] : [];
  const server = spawn(
    process.execPath,
    [...profile, ...(fromSource ? ['--import', 'tsx'] : []), main],
    {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DELIB_DB: databasePath,
        DELIB_WEB_BUILD: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      const match = /http:\/\/[^\s]+:(\d+)/.exec(chunk.toString());
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    server.once('exit', (code) => reject(new Error(`serveur arrêté (${code})`)));
  });
  const pid = server.pid as number;
  const idle = processStats(pid);

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const clients: SyncClient[] = [];
  const writers: { client: SyncClient; candidates: number[] }[] = [];

  for (const jury of layout.juries) {
    const presidentCookie = await signIn(url, jury.president);
    for (const commission of jury.commissions) {
      const document = `commission/${commission.id}/g1`;
      const watcher = connectDocument(url, document, presidentCookie);
      clients.push(watcher);
      marksMap(watcher.doc).observe((event) => {
        const now = performance.now();
        for (const key of event.keysChanged) {
          const id = `${document}|${key}|${JSON.stringify(marksMap(watcher.doc).get(key))}`;
          const started = sentAt.get(id);
          if (started !== undefined) {
            latencies.push(now - started);
            sentAt.delete(id);
          }
        }
      });
      for (const login of commission.examiners) {
        const client = connectDocument(url, document, await signIn(url, login));
        clients.push(client);
        writers.push({ client, candidates: commission.candidates });
      }
    }
  }
  await Promise.all(clients.map((client) => client.synced));
  const connected = processStats(pid);
  console.log(
    `${clients.length} connexions ouvertes (${writers.length} examinateurs, ${juries} président(s)).`,
  );

  let sent = 0;
  const cpuBefore = processStats(pid).cpuS;
  // The clients run in this process: their own load inflates the measured latency.
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  const intervals: NodeJS.Timeout[] = [];
  // Writers start spread over one period so their writes do not all land at once.
  const starts = writers.map(({ client, candidates }, index) => {
    const document = client.provider.roomname;
    return setTimeout(
      () => {
        const interval = setInterval(() => {
          const candidate = candidates[Math.floor(Math.random() * candidates.length)] as number;
          const unit = Math.random() < 0.5 ? 'U41' : 'U42';
          const mark = Math.floor(Math.random() * 41) / 2;
          sentAt.set(
            `${document}|${cellKey(candidate, unit)}|${JSON.stringify({ mark })}`,
            performance.now(),
          );
          writeOralEntry(client.doc, candidate, unit, { mark });
          sent += 1;
        }, 1000 / rate);
        intervals.push(interval);
      },
      (index * 1000) / rate / writers.length,
    );
  });
  await new Promise((resolve) => setTimeout(resolve, durationS * 1000));
  for (const start of starts) clearTimeout(start);
  for (const interval of intervals) clearInterval(interval);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const elapsedS = (performance.now() - started) / 1000;
  const loaded = processStats(pid);

  clientLag.disable();
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const sorted = latencies.sort((a, b) => a - b);
  const perConnectionKb = ((connected.rssMb - idle.rssMb) * 1024) / clients.length;
  console.log(
    `Durée ${durationS} s, ${sent} notes écrites, ${sorted.length} vues par le président.`,
  );
  console.log(`Débit : ${(sorted.length / durationS).toFixed(1)} mises à jour/s`);
  console.log(
    `Propagation écriture → président : p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
  );
  console.log(
    `Serveur : CPU ${(((loaded.cpuS - cpuBefore) / elapsedS) * 100).toFixed(0)} % d’un cœur, RSS ${loaded.rssMb.toFixed(0)} Mo (pic ${loaded.peakMb.toFixed(0)} Mo, au repos ${idle.rssMb.toFixed(0)} Mo), ~${perConnectionKb.toFixed(0)} Ko par connexion`,
  );

  console.log(
    `Clients simulés (ce processus) : CPU ${(((clientCpu.user + clientCpu.system) / 1e6 / elapsedS) * 100).toFixed(0)} % d’un cœur, retard de boucle p99 ${(clientLag.percentile(99) / 1e6).toFixed(0)} ms`,
  );

  for (const client of clients) client.destroy();
  server.kill('SIGTERM');
  fs.rmSync(directory, { recursive: true, force: true });
}

await main();
