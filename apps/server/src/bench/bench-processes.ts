import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from './seed-bench.js';
import { GC_TRACE_FLAGS, GcTrace } from './gc-trace.js';
import { STAGES_ENV, StageTrace } from './stage-trace.js';

/**
 * The processes a benchmark starts (Délib's server, the bare relay, the flooder) and what
 * it reads of them in /proc. Each runs the way the benchmark runs: built (dist/*.js) or from
 * source through tsx.
 */
const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');

/** Node arguments and script path of a module of the server, given relative to `src/`. */
export function serverScript(relative: string): string[] {
  const file = path.join(path.dirname(here), '..', `${relative}${fromSource ? '.ts' : '.js'}`);
  return [...(fromSource ? ['--import', 'tsx'] : []), file];
}

/** A numeric command-line option (`--name value`), or its default. */
export function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

export interface ProcessStats {
  rssMb: number;
  peakMb: number;
  cpuS: number;
}

export function processStats(pid: number): ProcessStats {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(stat[11]) + Number(stat[12]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, cpuS: ticks / 100 };
}

/**
 * The machine's load: load average over 1/5/15 min and, where the kernel reports it, the
 * share of the last 10 s during which some task waited for a CPU (a shared machine).
 */
export function loadAverage(): string {
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  let pressure = '';
  try {
    const avg10 = /some avg10=([\d.]+)/.exec(fs.readFileSync('/proc/pressure/cpu', 'utf8'))?.[1];
    if (avg10) pressure = `, attente CPU ${Number(avg10).toFixed(0)} % (10 s)`;
  } catch {
    // No pressure stall information on this kernel.
  }
  return `${load}${pressure}`;
}

/** Signs a bench account in through the real login route; returns its cookie. */
export async function signInBench(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ login, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`connexion ${login} : ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  pid: number;
  /** Its collections, when started with `traces.gc`. */
  gc: GcTrace | null;
  /** Where its accepted updates spent their time, when started with `traces.stages`. */
  stages: StageTrace | null;
  /** SIGTERM, then waits for the exit (a CPU profile is written at exit). */
  stop(): Promise<void>;
}

/**
 * Starts a server child process (on port 0) and waits for the line announcing its address
 * (`… écoute sur http://host:port`).
 */
export async function startServerProcess(
  args: string[],
  env: Record<string, string>,
  stdio: StdioOptions = ['ignore', 'pipe', 'inherit'],
  traces: {
    /** Runs it with V8's --trace-gc and reads the trace from its standard output (--gc). */
    gc?: boolean;
    /** Runs Délib's server with DELIB_SYNC_STAGES=1 and reads its timings (--stages). */
    stages?: boolean;
  } = {},
): Promise<ServerProcess> {
  const gc = traces.gc ? new GcTrace() : null;
  const stages = traces.stages ? new StageTrace() : null;
  const child = spawn(process.execPath, [...(gc ? GC_TRACE_FLAGS : []), ...args], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
      ...(stages ? STAGES_ENV : {}),
    },
    stdio,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      gc?.read(text);
      stages?.read(text);
      const match = /http:\/\/[^\s]+:(\d+)/.exec(text);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`serveur arrêté (${code})`)));
  });
  return {
    child,
    url,
    pid: child.pid as number,
    gc,
    stages,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    },
  };
}

/** CPU seconds (user + system) of a process, from /proc/<pid>/stat; 0 once it is gone. */
function cpuSecondsOf(pid: number): { ppid: number; cpuS: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return { ppid: Number(stat[1]), cpuS: (Number(stat[11]) + Number(stat[12])) / 100 };
  } catch {
    return null;
  }
}

/**
 * CPU seconds of a process and of its direct children now alive: PostgreSQL's postmaster and
 * its backends (one per connection), or a redis-server alone. A child that exits during the
 * measure takes its count with it, so compare two readings over a window where the
 * connections stay open.
 */
export function processTreeCpuS(rootPid: number | undefined): number {
  if (rootPid === undefined) return 0;
  let total = cpuSecondsOf(rootPid)?.cpuS ?? 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = cpuSecondsOf(Number(entry));
    if (child && child.ppid === rootPid) total += child.cpuS;
  }
  return total;
}
