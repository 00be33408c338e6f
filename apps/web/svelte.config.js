import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The server (apps/server) mounts build/handler.js in express, on the same port as the API.
    adapter: adapter({ out: 'build' }),
    // Absolute asset paths: every page sends the same HTML shell (`ssr = false`), so the
    // service worker can answer any navigation offline with the one it cached.
    paths: { relative: false },
    // Content-Security-Policy of every page (docs/security-notes/headers-origin-throttle.md).
    // SvelteKit adds a fresh nonce for its inline start-up script on each response ('auto':
    // hashes for prerendered pages, of which there are none). Scripts come only from this
    // origin; the page talks only to its own origin (API, socket.io, the /sync websocket:
    // CSP 3's 'self' covers ws: and wss: of the same host). Styles allow inline attributes:
    // SvelteKit's route announcer carries one, and a style cannot run code.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
