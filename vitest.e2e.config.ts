import { defineConfig } from 'vitest/config';

/**
 * Browser specs (npm run test:e2e) against the built app: one file at a time,
 * each starting its own server and Chromium, so they do not compete for CPU.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
