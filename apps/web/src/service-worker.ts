/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />

/**
 * Offline oral rooms: the application shell is precached, and the two API answers the room
 * page needs (who is signed in, the room's view) are kept network-first, so that a reload
 * without the network shows the room again, with the marks typed offline read from IndexedDB.
 *
 * - install: precache the build and the static files, and the HTML shell (every page sends
 *   the same shell: `ssr = false`, absolute asset paths, see svelte.config.js);
 * - activate: delete the caches of earlier builds (the API cache is kept), take control;
 * - navigations: network-first, falling back to the last copy of that page, else the shell;
 * - `GET /api/me`, `GET /api/commissions/:id`: network-first, falling back to the cached copy;
 *   a 401 empties the API cache (the session is gone), as does sign-out (message
 *   `forget-api`, see lib/sync/offline-cache.ts);
 * - nothing else is cached: no POST, no other API answer, no WebSocket.
 */
import { base, build, files, version } from '$service-worker';
import { API_CACHE, isOfflineApiPath, parseWorkerMessage } from '$lib/sync/offline-cache';

const worker = self as unknown as ServiceWorkerGlobalScope;

const SHELL_CACHE = `delib-shell-${version}`;
/** Key of the HTML shell in `SHELL_CACHE`. */
const SHELL_PAGE = `${base}/`;
const ASSETS = new Set([...build, ...files]);
/** On poor wifi, a request that hangs longer than this is answered from the cache. */
const NAVIGATION_TIMEOUT_MS = 4_000;
const API_TIMEOUT_MS = 5_000;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll([...ASSETS, SHELL_PAGE]);
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== SHELL_CACHE && key !== API_CACHE) await caches.delete(key);
      }
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate') {
    // A navigation to the API (a PDF, an export) is never answered with the shell.
    if (!url.pathname.startsWith('/api/')) event.respondWith(navigate(event));
  } else if (isOfflineApiPath(url.pathname) && url.search === '') {
    event.respondWith(apiAnswer(event, url.pathname));
  } else if (ASSETS.has(url.pathname)) {
    event.respondWith(asset(request));
  }
});

worker.addEventListener('message', (event) => {
  const message = parseWorkerMessage(event.data);
  if (message?.type === 'forget-api') {
    event.waitUntil(caches.delete(API_CACHE));
  } else if (message?.type === 'keep-for-offline') {
    event.waitUntil(keep(message.paths).then((ok) => event.ports[0]?.postMessage({ ok })));
  }
});

/** Build files never change under one name; static files belong to this build's cache. */
async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  return cached ?? fetch(request);
}

/**
 * Asks the network; answers from the cache when the network fails, or when it is slower than
 * `timeoutMs` and a copy exists (the late answer still refreshes the copy).
 */
async function networkFirst(
  event: FetchEvent,
  options: {
    cacheName: string;
    key: string;
    /** Keys to try, in order, when `key` has no copy. */
    fallbackKeys?: string[];
    timeoutMs: number;
    /** Called with each network answer; returns whether to store it under `key`. */
    keepAnswer: (response: Response, cache: Cache) => Promise<boolean>;
  },
): Promise<Response> {
  const cache = await caches.open(options.cacheName);
  const copy = async (): Promise<Response | undefined> => {
    for (const key of [options.key, ...(options.fallbackKeys ?? [])]) {
      const found = await cache.match(key);
      if (found) return found;
    }
    return undefined;
  };
  const network = fetch(event.request).then(async (response) => {
    if (await options.keepAnswer(response, cache)) {
      await cache.put(options.key, response.clone());
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  const slow = new Promise<null>((resolve) => setTimeout(() => resolve(null), options.timeoutMs));
  try {
    const first = await Promise.race([network, slow]);
    if (first) return first;
    return (await copy()) ?? (await network);
  } catch {
    return (await copy()) ?? Response.error();
  }
}

function navigate(event: FetchEvent): Promise<Response> {
  return networkFirst(event, {
    cacheName: SHELL_CACHE,
    // The path only: a page's query never changes its HTML (nothing is rendered on the server).
    key: new URL(event.request.url).pathname,
    fallbackKeys: [SHELL_PAGE],
    timeoutMs: NAVIGATION_TIMEOUT_MS,
    keepAnswer: async (response) =>
      response.status === 200 &&
      !response.redirected &&
      (response.headers.get('content-type') ?? '').includes('text/html'),
  });
}

function apiAnswer(event: FetchEvent, path: string): Promise<Response> {
  return networkFirst(event, {
    cacheName: API_CACHE,
    key: path,
    timeoutMs: API_TIMEOUT_MS,
    keepAnswer: async (response, cache) => {
      if (response.status === 200) return true;
      // Signed out or expired: nothing kept for this browser's former session may be shown.
      if (response.status === 401) await caches.delete(API_CACHE);
      else if (response.status === 403 || response.status === 404) await cache.delete(path);
      return false;
    },
  });
}

/** Fetches the answers of `paths` missing from the cache (the page's first visit). */
async function keep(paths: readonly string[]): Promise<boolean> {
  const cache = await caches.open(API_CACHE);
  const kept = await Promise.all(
    paths.map(async (path) => {
      if (await cache.match(path)) return true;
      try {
        const response = await fetch(path, {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
        if (response.status !== 200) return false;
        await cache.put(path, response);
        return true;
      } catch {
        return false;
      }
    }),
  );
  return kept.every(Boolean);
}
