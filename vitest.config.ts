import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    // One migrated, seeded database is built once; each test file starts from a copy of it.
    globalSetup: ['src/server/testing/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores, so a single worker on the
    // 2-core CI machine: every file then waits alone on its child processes, tmpfs
    // mounts and PostgreSQL round trips. Two workers keep both cores busy.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
