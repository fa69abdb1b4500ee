import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './build-state.mjs';

/**
 * Bundles the server and the CLI into dist/server. Dependencies stay in
 * node_modules (`packages: 'external'`): native and WASM packages (argon2,
 * PGlite, HiGHS) must load from there, and the bundle only saves the cost of
 * transpiling and resolving our own modules at start-up.
 */
const outdir = path.join(repoRoot, 'dist', 'server');
const started = performance.now();

fs.rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: repoRoot,
  entryPoints: {
    main: 'src/server/main.ts',
    cli: 'src/cli/main.ts',
    // Worker threads load a script of their own (platform/workers/run-in-worker.ts).
    'allocation-worker': 'src/server/features/applications/allocation.worker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // Shared chunks would be loaded by several entries; whole files are simpler to ship.
  splitting: false,
  logLevel: 'warning',
});

// db/client.ts looks for `<directory of the bundle>/migrations`.
fs.cpSync(path.join(repoRoot, 'src', 'server', 'db', 'migrations'), path.join(outdir, 'migrations'), {
  recursive: true,
});

console.log(`dist/server built in ${Math.round(performance.now() - started)} ms`);
