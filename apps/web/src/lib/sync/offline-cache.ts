/**
 * What the service worker (src/service-worker.ts) keeps so that an examiner's room opens again
 * without the network, shared by the worker and the pages. The marks themselves are not here:
 * they live in IndexedDB (y-indexeddb, see open-document.ts).
 */

/**
 * Cache Storage of the API answers kept for offline use. Not tied to a build: an update of the
 * application must not make the room unavailable offline. Emptied at sign-out.
 */
export const API_CACHE = 'delib-api-v1';

/** Messages from a page to the service worker. */
export type WorkerMessage =
  /** Make sure the answers of these API paths are kept (answered on the transferred port). */
  | { type: 'keep-for-offline'; paths: string[] }
  /** Sign-out: forget every API answer kept. */
  | { type: 'forget-api' };

const ROOM_VIEW = /^\/api\/commissions\/[1-9][0-9]{0,9}$/;

/**
 * The GET requests of the API whose answers are kept for offline use: who is signed in (the
 * layout's `/api/me`) and a room's view (`/api/commissions/:id`), which the room page needs to
 * render from the cache and IndexedDB. Nothing else (no jury, no other user's data).
 */
export function isOfflineApiPath(pathname: string): boolean {
  return pathname === '/api/me' || ROOM_VIEW.test(pathname);
}

/** Reads a message sent to the worker; null when it is not one of ours. */
export function parseWorkerMessage(data: unknown): WorkerMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as { type?: unknown; paths?: unknown };
  if (message.type === 'forget-api') return { type: 'forget-api' };
  if (message.type === 'keep-for-offline' && Array.isArray(message.paths)) {
    const paths = message.paths.filter(
      (path): path is string => typeof path === 'string' && isOfflineApiPath(path),
    );
    return { type: 'keep-for-offline', paths };
  }
  return null;
}

function delay(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

/**
 * Page side: asks the service worker to keep the answers of `paths`, which the page may have
 * fetched before the worker controlled it (first visit). Resolves true once they are kept;
 * false without a service worker (or when it did not answer in time).
 */
export async function keepForOffline(
  paths: readonly string[],
  timeoutMs = 20_000,
): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  const registration = await Promise.race([navigator.serviceWorker.ready, delay(timeoutMs)]);
  const worker = registration?.active;
  if (!worker) return false;
  return new Promise<boolean>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve(false);
    }, timeoutMs);
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      clearTimeout(timer);
      channel.port1.close();
      const answer = event.data as { ok?: unknown } | null;
      resolve(answer?.ok === true);
    };
    const message: WorkerMessage = { type: 'keep-for-offline', paths: [...paths] };
    worker.postMessage(message, [channel.port2]);
  });
}

/**
 * Page side, at sign-out: the API answers kept for offline use (the user's places, their
 * rooms' candidates) must not outlive the session on a shared tablet.
 */
export async function forgetOfflineData(): Promise<void> {
  if ('serviceWorker' in navigator) {
    const message: WorkerMessage = { type: 'forget-api' };
    try {
      navigator.serviceWorker.controller?.postMessage(message);
    } catch {
      // A worker being replaced: the page empties the cache itself below.
    }
  }
  if ('caches' in globalThis) await caches.delete(API_CACHE).catch(() => false);
}
