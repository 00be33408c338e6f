import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startOrphanWatchdog } from '../../apps/server/src/test-support/orphan-watchdog.js';
import { freePort } from '../../apps/server/src/test-support/server-process.js';

const NGINX = process.env.DELIB_NGINX ?? '/usr/sbin/nginx';
const STARTUP_TIMEOUT_MS = 10_000;

/**
 * The three listeners of the journeys' nginx, each a port of 127.0.0.1:
 * - `roundRobin`: plain round-robin over A and B, as a rectorat deploys it;
 * - `preferA` / `preferB`: that process, the other one only as `backup` (when the first is
 *   down), so that a journey places each browser on the process it wants.
 */
export interface NginxListeners {
  roundRobin: number;
  preferA: number;
  preferB: number;
}

export interface NginxOptions {
  listeners: NginxListeners;
  /** `host:port` of process A, and of process B. */
  upstreamA: string;
  upstreamB: string;
}

export interface RunningNginx {
  /** `http://127.0.0.1:<port>` of each listener. */
  urls: { roundRobin: string; preferA: string; preferB: string };
  /** The access log so far: `<listener port> <method> <uri> <status> upstream=<addr…>`. */
  accessLog(): string;
  /** Stops nginx (fast shutdown), waits for it, removes its folder; twice is harmless. */
  stop(): Promise<void>;
}

/** Three distinct free ports, chosen before the Délib processes start (they list the origins). */
export async function freeNginxListeners(): Promise<NginxListeners> {
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [roundRobin, preferA, preferB] = [...ports] as [number, number, number];
  return { roundRobin, preferA, preferB };
}

/** The browser's Origin on each listener: what DELIB_ALLOWED_ORIGINS must list. */
export function originsOf(listeners: NginxListeners): string[] {
  return [listeners.roundRobin, listeners.preferA, listeners.preferB].map(
    (port) => `http://127.0.0.1:${port}`,
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function configuration(directory: string, options: NginxOptions): string {
  const { listeners, upstreamA, upstreamB } = options;
  const at = (name: string): string => path.join(directory, name);
  // A refused connection or a timeout sends the request to the next server, and the failed
  // one is left aside for a few seconds: a killed process is skipped.
  const server = (address: string, backup = false): string =>
    `server ${address} max_fails=1 fail_timeout=5s${backup ? ' backup' : ''};`;
  const listener = (port: number, upstream: string): string => `
    server {
      listen 127.0.0.1:${port};
      location / {
        proxy_pass http://${upstream};
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_read_timeout 1h;
        proxy_send_timeout 1h;
        proxy_connect_timeout 2s;
        proxy_next_upstream error timeout;
        proxy_buffering off;
        # Which process answered: journeys read it to prove where each page and socket went.
        add_header X-Delib-Upstream $upstream_addr always;
      }
    }`;
  return `# Written by e2e/support/nginx.ts for one journey; removed with its folder.
daemon off;
master_process on;
worker_processes 1;
${process.getuid?.() === 0 ? '# As root, the worker stays root to use this folder (CI runs as root).\nuser root;' : ''}
pid ${at('nginx.pid')};
error_log ${at('error.log')} warn;
events { worker_connections 1024; }
http {
  log_format delib '$server_port $request_method $uri $status upstream=$upstream_addr';
  access_log ${at('access.log')} delib;
  client_body_temp_path ${at('client-body')};
  proxy_temp_path ${at('proxy')};
  fastcgi_temp_path ${at('fastcgi')};
  uwsgi_temp_path ${at('uwsgi')};
  scgi_temp_path ${at('scgi')};
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
  }
  upstream delib_round_robin { ${server(upstreamA)} ${server(upstreamB)} }
  upstream delib_prefer_a { ${server(upstreamA)} ${server(upstreamB, true)} }
  upstream delib_prefer_b { ${server(upstreamB)} ${server(upstreamA, true)} }
${listener(listeners.roundRobin, 'delib_round_robin')}
${listener(listeners.preferA, 'delib_prefer_a')}
${listener(listeners.preferB, 'delib_prefer_b')}
}
`;
}

/**
 * Debian's nginx in front of two Délib processes, with its configuration, pid, logs and
 * temporary folders in its own temporary folder. It runs in the foreground (`daemon off`) as
 * a child of this process; it never outlives it (an 'exit' handler stops it).
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  if (!fs.existsSync(NGINX)) {
    throw new Error(`nginx introuvable (${NGINX}) : installez le paquet Debian « nginx ».`);
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-nginx-'));
  const configFile = path.join(directory, 'nginx.conf');
  fs.writeFileSync(configFile, configuration(directory, options));
  const child = spawn(
    NGINX,
    ['-p', directory, '-c', configFile, '-e', path.join(directory, 'error.log')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM, not SIGKILL: the master then ends its worker (a killed master would leave it).
  const stopOnExit = (): void => {
    child.kill('SIGTERM');
  };
  process.on('exit', stopOnExit);
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const read = (name: string): string => {
    try {
      return fs.readFileSync(path.join(directory, name), 'utf8');
    } catch {
      return '';
    }
  };
  const dismissWatchdog = startOrphanWatchdog(child.pid as number, directory, 'TERM');
  const stop = async (): Promise<void> => {
    if (running()) child.kill('SIGTERM');
    await exited;
    process.off('exit', stopOnExit);
    dismissWatchdog();
    fs.rmSync(directory, { recursive: true, force: true });
  };

  const { listeners } = options;
  const ports = [listeners.roundRobin, listeners.preferA, listeners.preferB];
  const started = Date.now();
  for (;;) {
    if (!running()) {
      const log = read('error.log');
      await stop();
      throw new Error(`nginx s’est arrêté au démarrage :\n${output}\n${log}`);
    }
    if ((await Promise.all(ports.map(accepts))).every(Boolean)) break;
    if (Date.now() - started > STARTUP_TIMEOUT_MS) {
      const log = read('error.log');
      await stop();
      throw new Error(`nginx n’écoute pas sur ${ports.join(', ')} :\n${output}\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const url = (port: number): string => `http://127.0.0.1:${port}`;
  return {
    urls: {
      roundRobin: url(listeners.roundRobin),
      preferA: url(listeners.preferA),
      preferB: url(listeners.preferB),
    },
    accessLog: () => read('access.log'),
    stop,
  };
}

/** Where a page's document and websockets went, as nginx said (`X-Delib-Upstream`). */
export interface UpstreamsSeen {
  /** `host:port` of the process (or processes, comma-separated) that answered each websocket's upgrade, by url. */
  websockets: { url: string; upstream: string }[];
  /** Same for every page (document) load. */
  documents: { url: string; upstream: string }[];
}

/**
 * Records, from Chromium itself (DevTools protocol), which process nginx sent each of the
 * page's websocket upgrades and page loads to. Call before the page opens anything.
 */
export async function watchUpstreams(page: Page): Promise<UpstreamsSeen> {
  const seen: UpstreamsSeen = { websockets: [], documents: [] };
  const session = await page.context().newCDPSession(page);
  const urls = new Map<string, string>();
  session.on('Network.webSocketCreated', (event) => urls.set(event.requestId, event.url));
  session.on('Network.webSocketHandshakeResponseReceived', (event) => {
    const headers = event.response.headers as Record<string, string>;
    const upstream = headers['X-Delib-Upstream'] ?? headers['x-delib-upstream'];
    if (upstream !== undefined)
      seen.websockets.push({ url: urls.get(event.requestId) ?? '', upstream });
  });
  session.on('Network.responseReceived', (event) => {
    if (event.type !== 'Document') return;
    const headers = event.response.headers as Record<string, string>;
    const upstream = headers['X-Delib-Upstream'] ?? headers['x-delib-upstream'];
    if (upstream !== undefined) seen.documents.push({ url: event.response.url, upstream });
  });
  await session.send('Network.enable');
  return seen;
}
