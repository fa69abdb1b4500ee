import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { reasonToBuild, repoRoot } from './build-state.mjs';

/**
 * `npm run test:e2e [-- vitest args]`: the browser specs run against dist/,
 * so build first when it is missing or older than the sources.
 */
const reason = reasonToBuild();
if (reason) {
  console.log(`Building Kakehashi for the browser tests (${reason.detail})…`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const vitest = spawnSync(
  path.join(repoRoot, 'node_modules', '.bin', 'vitest'),
  ['run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)],
  { cwd: repoRoot, stdio: 'inherit' },
);
process.exit(vitest.status ?? 1);
