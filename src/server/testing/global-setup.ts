import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client';
import { seedDemo } from '../db/seed/demo';
import { templateSeedNow } from './seed-clock';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of an uncompressed data-dir dump (tar) of the migrated, seeded template. */
    pgliteTemplatePath: string;
    /** PostgreSQL: name of the template database each test file copies. */
    postgresTemplate: string;
  }
}

/**
 * Builds the migrated, demo-seeded database once per run. Every test file
 * then starts from its own copy (a PGlite dump, or CREATE DATABASE … TEMPLATE
 * on PostgreSQL), which is much faster than migrating and seeding per file.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const templateName = `kk_template_${process.pid}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${templateName}`);
    await admin.unsafe(`CREATE DATABASE ${templateName}`);
    const handle = await openDatabase({
      databaseUrl: withDatabase(databaseUrl, templateName),
      maxConnections: 2,
    });
    await handle.migrate();
    await seedDemo(handle.db, { now: templateSeedNow });
    await handle.close();
    project.provide('postgresTemplate', templateName);
    project.provide('pgliteTemplatePath', '');
    return async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
      await admin.end();
    };
  }
  const handle = await openDatabase({});
  await handle.migrate();
  await seedDemo(handle.db, { now: templateSeedNow });
  const pglite = (handle.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  // Uncompressed, as PGlite's own clone() does: every test file loads this dump, and
  // skipping the gunzip of ~40 MB on each load costs only disk space for the run.
  const dump = await pglite.dumpDataDir('none');
  await handle.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplatePath', file);
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
