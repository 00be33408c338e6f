import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The server (apps/server) mounts build/handler.js in express, on the same port as the API.
    adapter: adapter({ out: 'build' }),
  },
};

export default config;
