import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // With DELIB_TEST_ENGINE=postgres: one throwaway PostgreSQL cluster for the run.
    globalSetup: ['src/test-support/postgres-global-setup.ts'],
    // Integration tests start real servers with argon2 hashing: give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
