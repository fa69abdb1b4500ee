import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { withDatabase } from '../testing/global-setup';
import { openDatabase } from './client';

const databaseUrl = process.env.DATABASE_URL;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxBin = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const cliEntry = path.join(repoRoot, 'src', 'cli', 'main.ts');
const journalEntries = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'src/server/db/migrations/meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

describe('openDatabase', () => {
  it('migrates an empty embedded database and answers a ping', async () => {
    const handle = await openDatabase({});
    await handle.migrate();
    expect(await handle.ping()).toBe(true);
    const result = (await handle.db.execute(
      sql`select count(*)::int as n from information_schema.tables where table_name = 'municipalities'`,
    )) as unknown as { rows: unknown[] };
    expect(result.rows[0]).toMatchObject({ n: 1 });
    await handle.close();
    // Creating a PGlite cluster (initdb in WASM) takes most of a minute on a busy 2-core machine.
  }, 120_000);

  it('runs a repeated migration as a no-op', async () => {
    // PGlite has one process by nature; on both engines a second run must change nothing.
    const handle = await openDatabase({});
    await handle.migrate();
    await handle.migrate();
    expect(await handle.ping()).toBe(true);
    await handle.close();
  }, 120_000);

  // Two real processes against one PostgreSQL: the advisory lock must serialise the migrations.
  // Only meaningful with a server, so it runs in the PostgreSQL pass of the suite.
  it.runIf(databaseUrl)(
    'lets two processes migrate the same PostgreSQL database at once',
    async () => {
      const name = `kk_migrate_${randomBytes(4).toString('hex')}`;
      const admin = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name}`);
      try {
        const url = withDatabase(databaseUrl!, name);
        const migrateInChild = () =>
          new Promise<{ code: number | null; output: string }>((resolve) => {
            const child = spawn(tsxBin, [cliEntry, 'migrate'], {
              env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
            });
            let output = '';
            child.stdout.on('data', (d) => (output += d));
            child.stderr.on('data', (d) => (output += d));
            child.on('close', (code) => resolve({ code, output }));
          });
        const [a, b] = await Promise.all([migrateInChild(), migrateInChild()]);
        expect(a, a.output).toMatchObject({ code: 0 });
        expect(b, b.output).toMatchObject({ code: 0 });
        const check = postgres(url, { max: 1, onnotice: () => {} });
        const applied = await check`select count(*)::int as n from drizzle.__drizzle_migrations`;
        await check.end();
        expect(applied[0]!.n).toBe(journalEntries);
      } finally {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    120_000,
  );
});
