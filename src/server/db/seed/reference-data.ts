import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped reference files live in `data/reference/` at the repository
 * root. Found by walking up from this module so it works from the source tree,
 * from the bundled server in dist/, and from any working directory.
 */
export function resolveReferenceDataDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'data', 'reference');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('data/reference not found: the reference data shipped with Kakehashi is missing');
}

export function readReferenceFile(name: string): string {
  return fs.readFileSync(path.join(resolveReferenceDataDir(), name), 'utf8');
}
