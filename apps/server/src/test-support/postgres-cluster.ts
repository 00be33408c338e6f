import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, chown, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.js';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster of a test run: its own data folder, port and socket. */
export interface PostgresCluster {
  /** The url of one database of this cluster (superuser `postgres`, trust authentication). */
  url(database: string): string;
  /** A fresh empty database of this cluster, as a postgres:// url. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown) and removes its folder; does nothing the second time. */
  stop(): Promise<void>;
  /** Stops the server at once, as a crash would (immediate shutdown), keeping its data. */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same data and port. */
  resume(): Promise<void>;
  /** The postmaster's process id while it runs (a benchmark reads its CPU in /proc). */
  serverPid(): number | undefined;
}

/**
 * The folder of Debian's PostgreSQL programs, newest version first
 * (/usr/lib/postgresql/<version>/bin), else the ones on PATH.
 */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) return path.join(root, versions[0], 'bin');
  try {
    return path.dirname(execFileSync('which', ['initdb'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(
      'PostgreSQL est introuvable : installez le paquet Debian « postgresql » (apt-get install postgresql).',
    );
  }
}

/** initdb and postgres refuse to run as root: as root, they run as the `postgres` user. */
function asServerUser(program: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
    : [program, args];
}

async function runAsServerUser(program: string, args: string[], cwd: string): Promise<void> {
  const [command, commandArgs] = asServerUser(program, args);
  await run(command, commandArgs, { cwd });
}

async function serverUserIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Creates an empty database on the cluster whose maintenance database is at `baseUrl`. */
export async function createDatabaseAt(baseUrl: string): Promise<string> {
  const name = `delib_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The first line of postmaster.pid: the server's process id, while it runs. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * initdb in a temporary folder, then postgres on a free port of 127.0.0.1 with its socket in
 * that folder, fsync on. Resolves once it accepts connections. If this process ends without
 * stop() (an exception, process.exit, or even SIGKILL), the server is stopped and its folder
 * removed all the same: by an 'exit' handler, and by a small watchdog for the deaths that run
 * no handler.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const root = await mkdtemp(
    path.join(process.getuid?.() === 0 ? '/tmp' : os.tmpdir(), 'delib-pg-'),
  );
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  const logFile = path.join(root, 'postgres.log');
  await mkdir(socketDir);
  if (process.getuid?.() === 0) {
    const { uid, gid } = await serverUserIds();
    await chown(root, uid, gid);
    await chown(socketDir, uid, gid);
  }

  let stopped = false;
  let watchdogPid: number | undefined;
  const signal = (pid: number | undefined, name: NodeJS.Signals): void => {
    if (pid === undefined) return;
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  const killNow = (): void => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killNow);
    signal(watchdogPid, 'SIGTERM');
    signal(postmasterPid(dataDir), 'SIGQUIT'); // immediate shutdown: nothing to keep
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  };
  process.on('exit', killNow);

  try {
    await runAsServerUser(
      path.join(bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      root,
    );
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      await appendFile(
        path.join(dataDir, 'postgresql.conf'),
        [
          '',
          `port = ${port}`,
          "listen_addresses = '127.0.0.1'",
          `unix_socket_directories = '${socketDir}'`,
          'fsync = on',
          'shared_buffers = 16MB',
          'max_connections = 50',
          '',
        ].join('\n'),
      );
      try {
        await runAsServerUser(
          path.join(bin, 'pg_ctl'),
          ['start', '-w', '-s', '-t', '60', '-D', dataDir, '-l', logFile],
          root,
        );
        break;
      } catch (error) {
        // Another process may have taken the port between freePort() and the start.
        if (attempt >= 3) {
          const log = await readFile(logFile, 'utf8').catch(() => '');
          throw new Error(`PostgreSQL n’a pas démarré : ${String(error)}\n${log}`);
        }
      }
    }

    const watchdog = spawn(
      'sh',
      [
        '-c',
        `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done
         pid=$(head -n 1 '${dataDir}/postmaster.pid' 2>/dev/null) && kill -QUIT "$pid" 2>/dev/null
         sleep 1; rm -rf '${root}'`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
    watchdogPid = watchdog.pid;

    const url = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
    return {
      url,
      createDatabase: () => createDatabaseAt(url('postgres')),
      serverPid: () => postmasterPid(dataDir),
      async halt() {
        await runAsServerUser(
          path.join(bin, 'pg_ctl'),
          ['stop', '-w', '-s', '-m', 'immediate', '-D', dataDir],
          root,
        );
      },
      async resume() {
        await runAsServerUser(
          path.join(bin, 'pg_ctl'),
          ['start', '-w', '-s', '-t', '60', '-D', dataDir, '-l', logFile],
          root,
        );
      },
      async stop() {
        if (stopped) return;
        await runAsServerUser(
          path.join(bin, 'pg_ctl'),
          ['stop', '-w', '-s', '-m', 'fast', '-D', dataDir],
          root,
        ).catch(() => undefined);
        killNow(); // the watchdog, a server the fast shutdown left, the folder
      },
    };
  } catch (error) {
    killNow();
    throw error;
  }
}
