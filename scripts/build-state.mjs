import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Decides whether dist/ must be rebuilt before the app starts or the browser
 * tests run. Shared by start.mjs and e2e.mjs so both answer the same way.
 * Comparing modification times is crude but costs a few milliseconds, which
 * matters on every `npm start`.
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the build produces; if any is missing, the app cannot run. */
const outputs = ['dist/web/index.html', 'dist/server/main.js'];

/** Build inputs outside src/ that change what the bundles contain. */
const extraInputs = ['package.json', 'vite.config.ts', 'scripts/build-server.mjs'];

function newestMtimeUnder(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestMtimeUnder(full));
    } else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) {
      // Tests are not part of the bundles: editing one needs no rebuild.
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Why a build is needed — `missing` (never built) or `stale` — or null when dist/ is current. */
export function reasonToBuild(root = repoRoot) {
  let oldestOutput = Number.POSITIVE_INFINITY;
  for (const output of outputs) {
    const mtime = mtimeOf(path.join(root, output));
    if (mtime === undefined) return { kind: 'missing', detail: `${output} is missing` };
    oldestOutput = Math.min(oldestOutput, mtime);
  }
  const newestInput = Math.max(
    newestMtimeUnder(path.join(root, 'src')),
    ...extraInputs.map((file) => mtimeOf(path.join(root, file)) ?? 0),
  );
  return newestInput > oldestOutput
    ? { kind: 'stale', detail: 'sources changed since the last build' }
    : null;
}
