import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    // Real Chromium against a real server: generous time on a shared 2-core machine.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
