import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { withDatabase } from '../testing/global-setup';
import { openDatabase } from './client';

const databaseUrl = process.env.DATABASE_URL;

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

  it('lets two processes migrate the same database at once', async () => {
    if (!databaseUrl) {
      // PGlite has one process by nature; what must hold is that a repeated migration is a no-op.
      const handle = await openDatabase({});
      await handle.migrate();
      await handle.migrate();
      expect(await handle.ping()).toBe(true);
      await handle.close();
      return;
    }
    const name = `kk_migrate_${randomBytes(4).toString('hex')}`;
    const admin = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    try {
      const url = withDatabase(databaseUrl!, name);
      const [a, b] = await Promise.all([
        openDatabase({ databaseUrl: url }),
        openDatabase({ databaseUrl: url }),
      ]);
      await Promise.all([a.migrate(), b.migrate()]);
      expect(await a.ping()).toBe(true);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
