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
  },
};

export default config;
