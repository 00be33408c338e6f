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
 * --profile   runs Délib's server with --cpu-prof (into --profile-dir, or a new temporary
 *             directory that is kept) and prints the 15 functions with the most self time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { cellKey, marksMap, writeOralEntry } from '@delib/protocol';
import { repositoryRoot } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { connectDocument } from '../test-support/sync-client.js';
import type { SyncClient } from '../test-support/sync-client.js';
import {
  loadAverage,
  option,
  percentile,
  processStats,
  serverScript,
  signInBench,
  startServerProcess,
} from './bench-processes.js';
import type { ProcessStats } from './bench-processes.js';
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

/** A server the shape runs against: Délib (signs in) or the bare relay (no cookie). */
interface ServerUnderTest {
  label: string;
  url: string;
  pid: number;
  cookie(login: string): Promise<string | null>;
}

/** One window of the run: without the flood, then (with --flood) with it. */
interface Phase {
  latencies: number[];
  /** Updates the presidents' clients received. */
  observed: number;
  sent: number;
  seconds: number;
  serverCpuS: number;
  clientCpuS: number;
  clientLagP99Ms: number;
  flood?: FloodReport;
}

interface ShapeResult {
  connections: number;
  writers: number;
  idle: ProcessStats;
  connected: ProcessStats;
  loaded: ProcessStats;
  phases: Phase[];
}

function startFlooder(server: ServerUnderTest, layout: BenchLayout, cookies: [string, string]) {
  const room = layout.flood;
  if (!room) throw new Error('pas de salle à inonder');
  const input: FloodInput = {
    url: server.url,
    document: `commission/${room.id}/g1`,
    cookie: cookies[0],
    watcherCookie: cookies[1],
    candidates: room.candidates,
  };
  const child = spawn(process.execPath, serverScript('bench/flood-writer'), {
    env: { ...process.env, DELIB_FLOOD: JSON.stringify(input) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
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
  const { pid, url } = server;
  const idle = processStats(pid);

  let phase = 0;
  const phases: Phase[] = (flood ? [0, 1] : [0]).map(() => ({
    latencies: [],
    observed: 0,
    sent: 0,
    seconds: 0,
    serverCpuS: 0,
    clientCpuS: 0,
    clientLagP99Ms: 0,
  }));
  const current = (): Phase => phases[phase] as Phase;
  const sentAt = new Map<string, { at: number; phase: number }>();
  const clients: SyncClient[] = [];
  const writers: { client: SyncClient; candidates: number[] }[] = [];

  for (const jury of layout.juries) {
    const presidentCookie = await server.cookie(jury.president);
    for (const commission of jury.commissions) {
      const document = `commission/${commission.id}/g1`;
      const watcher = connectDocument(url, document, presidentCookie);
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
      for (const login of commission.examiners) {
        const client = connectDocument(url, document, await server.cookie(login));
        clients.push(client);
        writers.push({ client, candidates: commission.candidates });
      }
    }
  }
  await Promise.all(clients.map((client) => client.synced));
  const connected = processStats(pid);
  const flooder = flood
    ? startFlooder(server, layout, [
        (await server.cookie('examinateur.flood')) ?? '',
        (await server.cookie(layout.juries[0]?.president ?? '')) ?? '',
      ])
    : null;
  await flooder?.ready;

  // The clients run in this process: their own load inflates the measured latency.
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  let clientCpu = process.cpuUsage();
  let serverCpu = processStats(pid).cpuS;
  let phaseStart = performance.now();
  const endPhase = (): void => {
    const now = performance.now();
    const cpu = process.cpuUsage(clientCpu);
    const server = processStats(pid).cpuS;
    Object.assign(current(), {
      seconds: (now - phaseStart) / 1000,
      serverCpuS: server - serverCpu,
      clientCpuS: (cpu.user + cpu.system) / 1e6,
      clientLagP99Ms: clientLag.percentile(99) / 1e6,
    });
    clientLag.reset();
    clientCpu = process.cpuUsage();
    serverCpu = server;
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
  const loaded = processStats(pid);

  for (const client of clients) client.destroy();
  for (const each of phases) each.latencies.sort((a, b) => a - b);
  return { connections: clients.length, writers: writers.length, idle, connected, loaded, phases };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** The lines `pnpm bench:sync` has always printed, for one window. */
function printFigures(result: ShapeResult, phase: Phase): void {
  const sorted = phase.latencies;
  const perConnectionKb =
    ((result.connected.rssMb - result.idle.rssMb) * 1024) / result.connections;
  console.log(
    `Durée ${durationS} s, ${phase.sent} notes écrites, ${sorted.length} vues par le président.`,
  );
  console.log(`Débit : ${(sorted.length / durationS).toFixed(1)} mises à jour/s`);
  console.log(
    `Propagation écriture → président : p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
  );
  console.log(
    `Serveur : CPU ${((phase.serverCpuS / phase.seconds) * 100).toFixed(0)} % d’un cœur, RSS ${result.loaded.rssMb.toFixed(0)} Mo (pic ${result.loaded.peakMb.toFixed(0)} Mo, au repos ${result.idle.rssMb.toFixed(0)} Mo), ~${perConnectionKb.toFixed(0)} Ko par connexion`,
  );
  console.log(
    `Clients simulés (ce processus) : CPU ${((phase.clientCpuS / phase.seconds) * 100).toFixed(0)} % d’un cœur, retard de boucle p99 ${phase.clientLagP99Ms.toFixed(0)} ms`,
  );
}

/** Server CPU milliseconds per update it accepted (the flood's included). */
function cpuPerUpdate(phase: Phase): number {
  return (phase.serverCpuS * 1000) / (phase.observed + (phase.flood?.accepted ?? 0));
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
    ['RSS serveur en fin (Mo)', (result) => result.loaded.rssMb, 0],
    ['RSS serveur pic (Mo)', (result) => result.loaded.peakMb, 0],
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

async function main(): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-bench-'));
  const databasePath = path.join(directory, 'bench.sqlite');
  const db = openDatabase(databasePath);
  const layout = await seedBench(db, juries, examinersPerJury, { floodRoom: flood });
  db.close();
  const profileDirIndex = process.argv.indexOf('--profile-dir');
  const profileDirectory = !profile
    ? null
    : profileDirIndex > 0
      ? path.resolve(process.argv[profileDirIndex + 1] as string)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'delib-cpu-prof-'));
  if (baseline || flood) console.log(`Charge (loadavg 1/5/15 min) au départ : ${loadAverage()}`);

  const delibProcess = await startServerProcess(
    [
      ...(profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : []),
      ...serverScript('main'),
    ],
    { DELIB_DB: databasePath, DELIB_WEB_BUILD: '' },
  );
  const delib = await runShape(
    {
      label: 'Délib',
      url: delibProcess.url,
      pid: delibProcess.pid,
      cookie: (login) => signInBench(delibProcess.url, login),
    },
    layout,
  );
  await delibProcess.stop();
  if (baseline || flood) console.log(`\n== Délib (loadavg ${loadAverage()})`);
  console.log(
    `${delib.connections} connexions ouvertes (${delib.writers} examinateurs, ${juries} président(s)).`,
  );
  printFigures(delib, delib.phases[0] as Phase);
  if (baseline) {
    console.log(
      `CPU serveur par mise à jour acceptée : ${cpuPerUpdate(delib.phases[0] as Phase).toFixed(3)} ms`,
    );
  }
  if (flood) printFlood('Délib', delib);

  if (baseline) {
    const relayProcess = await startServerProcess(serverScript('bench/bare-relay'), {});
    const relay = await runShape(
      {
        label: 'relais nu',
        url: relayProcess.url,
        pid: relayProcess.pid,
        cookie: () => Promise.resolve(null),
      },
      layout,
    );
    await relayProcess.stop();
    console.log(`\n== Relais nu (bare-relay.ts, loadavg ${loadAverage()})`);
    printFigures(relay, relay.phases[0] as Phase);
    console.log(
      `CPU serveur par mise à jour acceptée : ${cpuPerUpdate(relay.phases[0] as Phase).toFixed(3)} ms`,
    );
    if (flood) printFlood('relais nu', relay);
    printComparison(delib, relay);
    const floor = await diskFloor(directory);
    console.log(
      `Plancher du disque (fdatasync après un ajout de 4 Ko, ce que Délib paie avant de diffuser une note et le relais non) : p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms`,
    );
  }

  if (profileDirectory) {
    console.log('');
    printProfile(profileDirectory, repositoryRoot);
  }
  fs.rmSync(directory, { recursive: true, force: true });
}

await main();
