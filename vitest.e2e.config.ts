import { defineConfig } from 'vitest/config';

/**
 * Browser specs (npm run test:e2e) against the built app: one file at a time,
 * each starting its own server and Chromium, so they do not compete for CPU.
 * The global setup seeds one data directory that every spec's server copies.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
