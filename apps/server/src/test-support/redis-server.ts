import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startOrphanWatchdog } from './orphan-watchdog.js';
import { freePort } from './server-process.js';

const REDIS_SERVER = '/usr/bin/redis-server';
const STARTUP_TIMEOUT_MS = 10_000;

export interface RunningRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The redis-server's process id (a benchmark reads its CPU in /proc). */
  pid: number;
  /** Stops it (SIGTERM) and waits until it has exited; its folder is removed. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as an outage would; its folder is removed. */
  kill(): void;
  /** Resolves once the process has exited (its port is then free again). */
  exited: Promise<void>;
}

/** Whether a Redis on that port answers PING, over a plain socket (no client library). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

/**
 * A throwaway Debian `redis-server` on loopback: a free port (or the one given, to bring it
 * back after `kill()`), no persistence, its own temporary folder. Resolves once it answers
 * PING. It never outlives the test process: an 'exit' handler kills it, and a watchdog when
 * the test process is killed outright.
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<RunningRedis> {
  const port = options.port ?? (await freePort());
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-redis-'));
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      directory,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const dismissWatchdog = startOrphanWatchdog(child.pid as number, directory, 'KILL');
  const cleanUp = (): void => {
    process.off('exit', killOnExit);
    dismissWatchdog();
    fs.rmSync(directory, { recursive: true, force: true });
  };

  const started = Date.now();
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      cleanUp();
      throw new Error(`redis-server arrêté au démarrage (port ${port}) : ${output}`);
    }
    if (Date.now() - started > STARTUP_TIMEOUT_MS) {
      child.kill('SIGKILL');
      cleanUp();
      throw new Error(`redis-server ne répond pas sur le port ${port} : ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid as number,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      cleanUp();
    },
    kill() {
      child.kill('SIGKILL');
      cleanUp();
    },
    exited,
  };
}
