/**
 * `pnpm bench:sync`: propagation of oral marks from examiners to presidents through a real
 * server process. Options: --juries J (1) --examiners N per jury (40) --rate writes per
 * second per examiner (1) --duration seconds (30).
 * Prints p50/p95/p99 of write → president sees it, updates per second, server CPU and RSS.
 *
 * --baseline  runs the same shape (same clients, rate and duration) against a bare relay
 *             (bare-relay.ts: y-protocols sync and broadcast, nothing else) after Délib, and
 *             prints both and the ratios Délib/relay.
 *             Then the disk's floor: fdatasync after a small append on the database's disk,
 *             which Délib pays before broadcasting a mark and the relay does not.
 * --flood     adds one authenticated examiner flooding its own room (flood-writer.ts, its own
 *             process): the shape runs `duration` seconds without, then `duration` with it;
 *             prints the others' latency in both windows.
 * --stages    runs Délib's server with DELIB_SYNC_STAGES=1 and prints where the updates it
 *             accepted spent their time before their broadcast: waiting for their batch, the
 *             SQLite transaction, the fsync and the event loop's hearing of its end
 *             (stage-trace.ts), to tell the server's share of the latency from the rest.
 * --gc        runs the servers (Délib's, each of them, and the relay's with --baseline) with V8's --trace-gc
 *             and prints their collections: how many, how often, their pauses (gc-trace.ts).
 * --profile   runs Délib's server with --cpu-prof (into --profile-dir, or a new temporary
 *             directory that is kept) and prints the 15 functions with the most self time
 *             (of each process when there are several, or on PostgreSQL).
 * --processes N (N ≥ 2) runs Délib as N processes on one PostgreSQL and one Redis, both
 *             started for the run (a throwaway cluster made with initdb, a redis-server on a
 *             free port, the tests' own harnesses): each room's president sits on one process
 *             and its examiners on the others, so every mark crosses Redis. CPU is summed over
 *             the N processes (PostgreSQL's and Redis's own CPU printed beside it), memory is
 *             given per process. The same shape then runs on one process on PostgreSQL, for
 *             comparison (--no-single skips it).
 * --postgres  one process on such a throwaway PostgreSQL, without Redis.
 *
 * Every process the run starts (servers, PostgreSQL, Redis, flooder) is stopped at its end,
 * on an error, and on Ctrl-C or SIGTERM.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { cellKey, marksMap, writeOralEntry } from '@delib/protocol';
import { repositoryRoot } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { openPostgresDatabase } from '../db/open-postgres-database.js';
// The tests' harnesses, compiled with the bench because it imports them.
import { startPostgresCluster } from '../test-support/postgres-cluster.js';
import type { PostgresCluster } from '../test-support/postgres-cluster.js';
import { startRedisServer } from '../test-support/redis-server.js';
import type { RunningRedis } from '../test-support/redis-server.js';
import { connectDocument } from '../test-support/sync-client.js';
import type { SyncClient } from '../test-support/sync-client.js';
import {
  loadAverage,
  option,
  processStats,
  processTreeCpuS,
  serverScript,
  signInBench,
  startServerProcess,
} from './bench-processes.js';
import { percentile } from './percentile.js';
import type { ProcessStats, ServerProcess } from './bench-processes.js';
import { printProfile } from './cpu-profile.js';
import { diskFloor } from './disk-floor.js';
import type { FloodInput, FloodReport } from './flood-writer.js';
import { seedBench } from './seed-bench.js';
import type { BenchLayout } from './seed-bench.js';

// y-websocket adds a process exit listener per provider.
process.setMaxListeners(0);

const juries = option('juries', 1);
const examinersPerJury = option('examiners', 40);
const rate = option('rate', 1);
const durationS = option('duration', 30);
const baseline = process.argv.includes('--baseline');
const flood = process.argv.includes('--flood');
const profile = process.argv.includes('--profile');
const gc = process.argv.includes('--gc');
const stages = process.argv.includes('--stages');
const processCount = Math.max(1, Math.floor(option('processes', 1)));
const onPostgres = processCount > 1 || process.argv.includes('--postgres');
const singleForComparison = processCount > 1 && !process.argv.includes('--no-single');

/**
 * What the shape runs against: Délib (signs in) or the bare relay (no cookie), as one or
 * several processes. With several, a room's president connects to one and its examiners to
 * the others.
 */
interface ServerUnderTest {
  label: string;
  urls: string[];
  pids: number[];
  cookie(login: string, url: string): Promise<string | null>;
  /** CPU seconds of the engines behind it (PostgreSQL, Redis), 0 for those it has not. */
  engineCpuS(): { postgres: number; redis: number };
}

/** One window of the run: without the flood, then (with --flood) with it. */
interface Phase {
  latencies: number[];
  /** Updates the presidents' clients received. */
  observed: number;
  sent: number;
  seconds: number;
  /** Summed over the server's processes. */
  serverCpuS: number;
  postgresCpuS: number;
  redisCpuS: number;
  clientCpuS: number;
  clientLagP99Ms: number;
  flood?: FloodReport;
}

interface ShapeResult {
  processes: number;
  connections: number;
  writers: number;
  /** One per process. */
  idle: ProcessStats[];
  connected: ProcessStats[];
  loaded: ProcessStats[];
  phases: Phase[];
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

function startFlooder(server: ServerUnderTest, layout: BenchLayout, cookies: [string, string]) {
  const room = layout.flood;
  if (!room) throw new Error('pas de salle à inonder');
  const input: FloodInput = {
    url: server.urls[0] as string,
    document: `commission/${room.id}/g1`,
    cookie: cookies[0],
    watcherCookie: cookies[1],
    candidates: room.candidates,
  };
  const child = spawn(process.execPath, serverScript('bench/flood-writer'), {
    env: { ...process.env, DELIB_FLOOD: JSON.stringify(input) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  started.add(() => {
    child.kill('SIGKILL');
    return Promise.resolve();
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`flooder arrêté (${code})`)));
  });
  return {
    ready,
    go: () => child.send('go'),
    stop: () =>
      new Promise<FloodReport>((resolve) => {
        child.once('message', (report) => resolve(report as FloodReport));
        child.send('stop');
      }),
  };
}

async function runShape(server: ServerUnderTest, layout: BenchLayout): Promise<ShapeResult> {
  const { pids, urls } = server;
  const stats = (): ProcessStats[] => pids.map((pid) => processStats(pid));
  const serverCpuNow = (): number => sum(stats().map((each) => each.cpuS));
  const idle = stats();

  let phase = 0;
  const phases: Phase[] = (flood ? [0, 1] : [0]).map(() => ({
    latencies: [],
    observed: 0,
    sent: 0,
    seconds: 0,
    serverCpuS: 0,
    postgresCpuS: 0,
    redisCpuS: 0,
    clientCpuS: 0,
    clientLagP99Ms: 0,
  }));
  const current = (): Phase => phases[phase] as Phase;
  const sentAt = new Map<string, { at: number; phase: number }>();
  const clients: SyncClient[] = [];
  const writers: { client: SyncClient; candidates: number[] }[] = [];

  // Room r's president on process r mod N, its examiners on the next ones (never the
  // president's when there are several): every mark then crosses Redis.
  let room = 0;
  for (const jury of layout.juries) {
    for (const commission of jury.commissions) {
      const document = `commission/${commission.id}/g1`;
      const presidentIndex = room % urls.length;
      room += 1;
      const presidentUrl = urls[presidentIndex] as string;
      const watcher = connectDocument(
        presidentUrl,
        document,
        await server.cookie(jury.president, presidentUrl),
      );
      clients.push(watcher);
      marksMap(watcher.doc).observe((event) => {
        const now = performance.now();
        current().observed += 1;
        for (const key of event.keysChanged) {
          const id = `${document}|${key}|${JSON.stringify(marksMap(watcher.doc).get(key))}`;
          const sent = sentAt.get(id);
          if (sent !== undefined) {
            (phases[sent.phase] as Phase).latencies.push(now - sent.at);
            sentAt.delete(id);
          }
        }
      });
      for (const [index, login] of commission.examiners.entries()) {
        const examinerUrl = (
          urls.length === 1
            ? urls[0]
            : urls[(presidentIndex + 1 + (index % (urls.length - 1))) % urls.length]
        ) as string;
        const client = connectDocument(
          examinerUrl,
          document,
          await server.cookie(login, examinerUrl),
        );
        clients.push(client);
        writers.push({ client, candidates: commission.candidates });
      }
    }
  }
  await Promise.all(clients.map((client) => client.synced));
  const connected = stats();
  const floodUrl = urls[0] as string;
  const flooder = flood
    ? startFlooder(server, layout, [
        (await server.cookie('examinateur.flood', floodUrl)) ?? '',
        (await server.cookie(layout.juries[0]?.president ?? '', floodUrl)) ?? '',
      ])
    : null;
  await flooder?.ready;

  // The clients run in this process: their own load inflates the measured latency.
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  let clientCpu = process.cpuUsage();
  let serverCpu = serverCpuNow();
  let engineCpu = server.engineCpuS();
  let phaseStart = performance.now();
  const endPhase = (): void => {
    const now = performance.now();
    const cpu = process.cpuUsage(clientCpu);
    const serverNow = serverCpuNow();
    const engineNow = server.engineCpuS();
    Object.assign(current(), {
      seconds: (now - phaseStart) / 1000,
      serverCpuS: serverNow - serverCpu,
      postgresCpuS: engineNow.postgres - engineCpu.postgres,
      redisCpuS: engineNow.redis - engineCpu.redis,
      clientCpuS: (cpu.user + cpu.system) / 1e6,
      clientLagP99Ms: clientLag.percentile(99) / 1e6,
    });
    clientLag.reset();
    clientCpu = process.cpuUsage();
    serverCpu = serverNow;
    engineCpu = engineNow;
    phaseStart = now;
  };

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
          sentAt.set(`${document}|${cellKey(candidate, unit)}|${JSON.stringify({ mark })}`, {
            at: performance.now(),
            phase,
          });
          writeOralEntry(client.doc, candidate, unit, { mark });
          current().sent += 1;
        }, 1000 / rate);
        intervals.push(interval);
      },
      (index * 1000) / rate / writers.length,
    );
  });
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await wait(durationS * 1000);
  if (flooder) {
    endPhase();
    phase = 1;
    flooder.go();
    await wait(durationS * 1000);
  }
  for (const start of starts) clearTimeout(start);
  for (const interval of intervals) clearInterval(interval);
  if (flooder) current().flood = await flooder.stop();
  await wait(2000);
  endPhase();
  clientLag.disable();
  const loaded = stats();

  for (const client of clients) client.destroy();
  for (const each of phases) each.latencies.sort((a, b) => a - b);
  return {
    processes: pids.length,
    connections: clients.length,
    writers: writers.length,
    idle,
    connected,
    loaded,
    phases,
  };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** The lines `pnpm bench:sync` has always printed, for one window. */
function printFigures(result: ShapeResult, phase: Phase): void {
  const sorted = phase.latencies;
  const rss = (all: ProcessStats[]) => sum(all.map((each) => each.rssMb));
  const perConnectionKb = ((rss(result.connected) - rss(result.idle)) * 1024) / result.connections;
  const perProcess = (all: ProcessStats[], field: 'rssMb' | 'peakMb') =>
    all.map((each) => each[field].toFixed(0)).join(' / ');
  console.log(
    `Durée ${durationS} s, ${phase.sent} notes écrites, ${sorted.length} vues par le président.`,
  );
  console.log(`Débit : ${(sorted.length / durationS).toFixed(1)} mises à jour/s`);
  console.log(
    `Propagation écriture → président : p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
  );
  console.log(
    `Serveur${result.processes > 1 ? ` (${result.processes} processus ; CPU additionné, mémoire par processus)` : ''} : CPU ${((phase.serverCpuS / phase.seconds) * 100).toFixed(0)} % d’un cœur, RSS ${perProcess(result.loaded, 'rssMb')} Mo (pic ${perProcess(result.loaded, 'peakMb')} Mo, au repos ${perProcess(result.idle, 'rssMb')} Mo), ~${perConnectionKb.toFixed(0)} Ko par connexion`,
  );
  if (phase.postgresCpuS > 0 || phase.redisCpuS > 0) {
    console.log(
      `Moteurs : PostgreSQL (postmaster et ses connexions) CPU ${((phase.postgresCpuS / phase.seconds) * 100).toFixed(0)} % d’un cœur${phase.redisCpuS > 0 ? `, Redis ${((phase.redisCpuS / phase.seconds) * 100).toFixed(0)} %` : ''}`,
    );
  }
  console.log(
    `Clients simulés (ce processus) : CPU ${((phase.clientCpuS / phase.seconds) * 100).toFixed(0)} % d’un cœur, retard de boucle p99 ${phase.clientLagP99Ms.toFixed(0)} ms`,
  );
}

/**
 * Server CPU milliseconds per update it accepted (the flood's included), summed over its
 * processes; `engines` adds PostgreSQL's and Redis's.
 */
function cpuPerUpdate(phase: Phase, engines = false): number {
  const cpuS = phase.serverCpuS + (engines ? phase.postgresCpuS + phase.redisCpuS : 0);
  return (cpuS * 1000) / (phase.observed + (phase.flood?.accepted ?? 0));
}

function printCpuPerUpdate(phase: Phase): void {
  const engines =
    phase.postgresCpuS > 0 || phase.redisCpuS > 0
      ? ` (avec PostgreSQL et Redis : ${cpuPerUpdate(phase, true).toFixed(3)} ms)`
      : '';
  console.log(
    `CPU serveur par mise à jour acceptée : ${cpuPerUpdate(phase).toFixed(3)} ms${engines}`,
  );
}

function printFlood(label: string, result: ShapeResult): void {
  const [quiet, flooded] = result.phases as [Phase, Phase];
  const report = flooded.flood as FloodReport;
  const p = (phase: Phase, q: number) => percentile(phase.latencies, q);
  const closes = Object.entries(report.closes)
    .map(([code, count]) => `${code}×${count}`)
    .join(', ');
  console.log(`Flood (${label}) : latence des autres sans → avec le flood`);
  for (const q of [50, 95, 99]) {
    console.log(
      `  p${q} ${ms(p(quiet, q))} → ${ms(p(flooded, q))} (×${(p(flooded, q) / p(quiet, q)).toFixed(2)})`,
    );
  }
  console.log(
    `  vues par les présidents : ${(quiet.latencies.length / durationS).toFixed(1)} → ${(flooded.latencies.length / durationS).toFixed(1)} mises à jour/s ; CPU serveur ${((quiet.serverCpuS / quiet.seconds) * 100).toFixed(0)} % → ${((flooded.serverCpuS / flooded.seconds) * 100).toFixed(0)} % d’un cœur`,
  );
  console.log(
    `  clients mesurés (ce processus) : CPU ${((quiet.clientCpuS / quiet.seconds) * 100).toFixed(0)} % → ${((flooded.clientCpuS / flooded.seconds) * 100).toFixed(0)} % d’un cœur, retard de boucle p99 ${quiet.clientLagP99Ms.toFixed(0)} → ${flooded.clientLagP99Ms.toFixed(0)} ms`,
  );
  console.log(
    `  flooder (son processus, CPU ${((report.cpuS / report.seconds) * 100).toFixed(0)} % d’un cœur) : ${report.sent} messages envoyés en ${report.seconds.toFixed(1)} s (${(report.sent / report.seconds).toFixed(0)}/s), ${report.accepted} acceptés (${(report.accepted / report.seconds).toFixed(0)}/s), ${report.connections} connexions dont ${report.refusedBeforeSync} fermées avant synchronisation${closes ? ` ; fermetures ${closes}` : ''}`,
  );
}

function printComparison(delib: ShapeResult, relay: ShapeResult): void {
  const rows: [string, (result: ShapeResult, phase: Phase) => number, number][] = [
    ['Propagation p50 (ms)', (_r, phase) => percentile(phase.latencies, 50), 1],
    ['Propagation p95 (ms)', (_r, phase) => percentile(phase.latencies, 95), 1],
    ['Propagation p99 (ms)', (_r, phase) => percentile(phase.latencies, 99), 1],
    ['Propagation max (ms)', (_r, phase) => phase.latencies.at(-1) ?? NaN, 1],
    ['Mises à jour vues/s', (_r, phase) => phase.latencies.length / durationS, 1],
    ['CPU serveur (% d’un cœur)', (_r, phase) => (phase.serverCpuS / phase.seconds) * 100, 0],
    ['CPU serveur par mise à jour (ms)', (_r, phase) => cpuPerUpdate(phase), 3],
    [
      'RSS serveur en fin (Mo, max/proc.)',
      (result) => Math.max(...result.loaded.map((each) => each.rssMb)),
      0,
    ],
    [
      'RSS serveur pic (Mo, max/proc.)',
      (result) => Math.max(...result.loaded.map((each) => each.peakMb)),
      0,
    ],
    ['CPU clients (% d’un cœur)', (_r, phase) => (phase.clientCpuS / phase.seconds) * 100, 0],
    ['Retard de boucle clients p99 (ms)', (_r, phase) => phase.clientLagP99Ms, 0],
  ];
  const windows = flood ? ['sans flood', 'avec flood'] : [''];
  windows.forEach((window, index) => {
    console.log(
      `\n${'Même forme'.padEnd(36)}${'Délib'.padStart(12)}${'Relais nu'.padStart(12)}${'Délib/relais'.padStart(14)}${window ? `   (${window})` : ''}`,
    );
    for (const [label, value, digits] of rows) {
      const a = value(delib, delib.phases[index] as Phase);
      const b = value(relay, relay.phases[index] as Phase);
      console.log(
        `${label.padEnd(36)}${a.toFixed(digits).padStart(12)}${b.toFixed(digits).padStart(12)}${`×${(a / b).toFixed(2)}`.padStart(14)}`,
      );
    }
    const d = delib.phases[index] as Phase;
    const r = relay.phases[index] as Phase;
    const ratio = (q: number) =>
      (percentile(d.latencies, q) / percentile(r.latencies, q)).toFixed(1);
    console.log(
      `Rapports Délib/relais${window ? ` (${window})` : ''} : p50 ×${ratio(50)}, p99 ×${ratio(99)}`,
    );
  });
}

/** Everything the run started, stopped in reverse order at the end, on an error or Ctrl-C. */
const started = new Set<() => Promise<void>>();

async function stopEverything(): Promise<void> {
  const stops = [...started].reverse();
  started.clear();
  for (const stop of stops) await stop().catch(() => undefined);
}

/** Set on Ctrl-C: the run's own errors (its servers gone) are then expected. */
let interrupted = false;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.log(`\n${signal} : arrêt des processus lancés par le banc…`);
    void stopEverything().finally(() => process.exit(130));
  });
}

/** Starts Délib's server `count` times on the same storage; each is stopped with the run. */
async function startDelib(
  count: number,
  env: Record<string, string>,
  profileDirectory: string | null,
): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  for (let index = 0; index < count; index++) {
    const server = await startServerProcess(
      [
        ...(profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : []),
        ...serverScript('main'),
      ],
      { ...env, DELIB_WEB_BUILD: '' },
      undefined,
      { gc, stages },
    );
    started.add(() => server.stop());
    servers.push(server);
  }
  return servers;
}

async function stopDelib(servers: ServerProcess[]): Promise<void> {
  for (const server of servers) await server.stop();
}

/** With --gc, each stopped server's collections (gc-trace.ts); with --stages, its timings. */
function printTraces(servers: readonly ServerProcess[]): void {
  for (const server of servers) {
    if (server.gc) console.log(server.gc.summary());
    if (server.stages) console.log(server.stages.summary().join('\n'));
  }
}

/** A fresh database of the cluster holding the bench's centre. */
async function seededPostgres(cluster: PostgresCluster): Promise<{
  url: string;
  layout: BenchLayout;
}> {
  const url = await cluster.createDatabase();
  const db = await openPostgresDatabase(url);
  try {
    return { url, layout: await seedBench(db, juries, examinersPerJury, { floodRoom: flood }) };
  } finally {
    db.close();
  }
}

function delibUnderTest(
  label: string,
  servers: ServerProcess[],
  cluster: PostgresCluster | null,
  redis: RunningRedis | null,
): ServerUnderTest {
  return {
    label,
    urls: servers.map((server) => server.url),
    pids: servers.map((server) => server.pid),
    cookie: (login, url) => signInBench(url, login),
    engineCpuS: () => ({
      postgres: cluster ? processTreeCpuS(cluster.serverPid()) : 0,
      redis: redis ? processTreeCpuS(redis.pid) : 0,
    }),
  };
}

function printDelib(label: string, result: ShapeResult): void {
  console.log(
    `${result.connections} connexions ouvertes (${result.writers} examinateurs, ${juries} président(s))${label}.`,
  );
  const phase = result.phases[0] as Phase;
  printFigures(result, phase);
  if (baseline || onPostgres) printCpuPerUpdate(phase);
  if (flood) printFlood('Délib', result);
}

/** N processes against one, on the same PostgreSQL and shape. */
function printProcessComparison(several: ShapeResult, one: ShapeResult): void {
  const rows: [string, (phase: Phase) => number, number][] = [
    ['Propagation p50 (ms)', (phase) => percentile(phase.latencies, 50), 1],
    ['Propagation p95 (ms)', (phase) => percentile(phase.latencies, 95), 1],
    ['Propagation p99 (ms)', (phase) => percentile(phase.latencies, 99), 1],
    ['Mises à jour vues/s', (phase) => phase.latencies.length / durationS, 1],
    ['CPU Délib (% d’un cœur, somme)', (phase) => (phase.serverCpuS / phase.seconds) * 100, 0],
    ['CPU Délib par mise à jour (ms)', (phase) => cpuPerUpdate(phase), 3],
    ['+ PostgreSQL et Redis (ms)', (phase) => cpuPerUpdate(phase, true), 3],
  ];
  const heading = `${several.processes} processus`;
  console.log(
    `\n${'Même forme, sur PostgreSQL'.padEnd(36)}${heading.padStart(14)}${'1 processus'.padStart(14)}`,
  );
  for (const [label, value, digits] of rows) {
    console.log(
      `${label.padEnd(36)}${value(several.phases[0] as Phase)
        .toFixed(digits)
        .padStart(14)}${value(one.phases[0] as Phase)
        .toFixed(digits)
        .padStart(14)}`,
    );
  }
}

async function main(): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-bench-'));
  started.add(() => {
    fs.rmSync(directory, { recursive: true, force: true });
    return Promise.resolve();
  });
  const profileDirIndex = process.argv.indexOf('--profile-dir');
  const profileDirectory = !profile
    ? null
    : profileDirIndex > 0
      ? path.resolve(process.argv[profileDirIndex + 1] as string)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'delib-cpu-prof-'));
  if (baseline || flood || onPostgres)
    console.log(`Charge (loadavg 1/5/15 min) au départ : ${loadAverage()}`);

  let layout: BenchLayout;
  let delib: ShapeResult;
  let single: ShapeResult | null = null;
  if (!onPostgres) {
    const databasePath = path.join(directory, 'bench.sqlite');
    const db = openDatabase(databasePath);
    layout = await seedBench(db, juries, examinersPerJury, { floodRoom: flood });
    db.close();
    const servers = await startDelib(1, { DELIB_DB: databasePath }, profileDirectory);
    delib = await runShape(delibUnderTest('Délib', servers, null, null), layout);
    await stopDelib(servers);
    if (baseline || flood) console.log(`\n== Délib (loadavg ${loadAverage()})`);
    printDelib('', delib);
    printTraces(servers);
  } else {
    const cluster = await startPostgresCluster();
    started.add(() => cluster.stop());
    const redis = processCount > 1 ? await startRedisServer() : null;
    if (redis) started.add(() => redis.stop());
    const seeded = await seededPostgres(cluster);
    layout = seeded.layout;
    const servers = await startDelib(
      processCount,
      { DELIB_DATABASE_URL: seeded.url, ...(redis ? { DELIB_REDIS_URL: redis.url } : {}) },
      profileDirectory,
    );
    delib = await runShape(delibUnderTest('Délib', servers, cluster, redis), layout);
    await stopDelib(servers);
    const label =
      processCount > 1
        ? `${processCount} processus sur PostgreSQL et Redis (président et examinateurs d’une salle sur des processus différents)`
        : '1 processus sur PostgreSQL';
    console.log(`\n== Délib, ${label} (loadavg ${loadAverage()})`);
    printDelib('', delib);
    printTraces(servers);

    if (singleForComparison) {
      // The same shape on one process, on a fresh database of the same cluster, no Redis.
      const again = await seededPostgres(cluster);
      const one = await startDelib(1, { DELIB_DATABASE_URL: again.url }, null);
      single = await runShape(delibUnderTest('Délib', one, cluster, null), again.layout);
      await stopDelib(one);
      console.log(`\n== Délib, 1 processus sur PostgreSQL (loadavg ${loadAverage()})`);
      printDelib('', single);
      printTraces(one);
      printProcessComparison(delib, single);
    }
  }

  if (baseline) {
    const relayProcess = await startServerProcess(serverScript('bench/bare-relay'), {}, undefined, {
      gc,
    });
    started.add(() => relayProcess.stop());
    const relay = await runShape(
      {
        label: 'relais nu',
        urls: [relayProcess.url],
        pids: [relayProcess.pid],
        cookie: () => Promise.resolve(null),
        engineCpuS: () => ({ postgres: 0, redis: 0 }),
      },
      layout,
    );
    await relayProcess.stop();
    console.log(`\n== Relais nu (bare-relay.ts, loadavg ${loadAverage()})`);
    printFigures(relay, relay.phases[0] as Phase);
    printCpuPerUpdate(relay.phases[0] as Phase);
    printTraces([relayProcess]);
    if (flood) printFlood('relais nu', relay);
    printComparison(delib, relay);
    const floor = await diskFloor(directory);
    console.log(
      `Plancher du disque (fdatasync après un ajout de 4 Ko, ce que Délib paie avant de diffuser une note et le relais non) : p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms`,
    );
  }

  if (profileDirectory) {
    console.log('');
    printProfile(profileDirectory, repositoryRoot, 15, processCount > 1 || onPostgres);
  }
}

try {
  await main();
} catch (error) {
  if (!interrupted) throw error;
} finally {
  await stopEverything();
}
