import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { straceAvailable, traceOneWrite } from '../../../bench/durability-trace';
import { openDatabase, rowsOf } from './client';

/**
 * Issue 13 item 2: on the embedded database an acknowledged write must be on the disk, not only
 * in the page cache, when the caller gets its answer. PGlite alone writes the WAL with pwrite and
 * never syncs it. Checked on a real data directory, with the engine's own counter of file syncs
 * and, where strace is installed (CI's Debian image), with the system calls themselves.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-durable-'));
const dbDir = path.join(scratch, 'db');

beforeAll(async () => {
  // The migrated test template when the suite runs on PGlite; a fresh cluster (initdb) otherwise.
  const templatePath = inject('pgliteTemplatePath');
  const database = await openDatabase({
    pgliteDir: dbDir,
    ...(templatePath ? { pgliteTemplate: new Blob([fs.readFileSync(templatePath)]) } : {}),
  });
  await database.db.execute(sql`create table durability_probe (id serial primary key, body text)`);
  await database.close();
}, 240_000);

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('an acknowledged write on the embedded database', () => {
  it('is flushed to the disk before it resolves; reads and read-only transactions flush nothing', async () => {
    const database = await openDatabase({ pgliteDir: dbDir });
    try {
      const settings = rowsOf<{ fsync: string; wal: string }>(
        await database.db.execute(
          sql`select current_setting('fsync') as fsync, current_setting('wal_sync_method') as wal`,
        ),
      );
      expect(settings[0]).toEqual({ fsync: 'on', wal: 'fsync' });
      const syncs = () => database.syncCount?.() ?? Number.NaN;

      let before = syncs();
      await database.db.execute(sql`select count(*) from durability_probe`);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select body from durability_probe`);
      });
      expect(syncs(), 'a read flushed a file').toBe(before);

      before = syncs();
      await database.db.execute(sql`insert into durability_probe (body) values ('autocommit')`);
      expect(syncs(), 'an autocommit write resolved without a flush').toBeGreaterThan(before);

      before = syncs();
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into durability_probe (body) values ('one')`);
        await tx.execute(sql`insert into durability_probe (body) values ('two')`);
        // Nothing is committed yet, so nothing needs to be on the disk yet.
        expect(syncs(), 'flushed before the commit').toBe(before);
      });
      expect(syncs(), 'a write transaction resolved without a flush').toBeGreaterThan(before);
    } finally {
      await database.close();
    }
  });

  it.runIf(straceAvailable())(
    'writes the WAL and then fdatasyncs that segment before the caller gets its answer (strace)',
    () => {
      const trace = traceOneWrite(dbDir, scratch);
      const described = trace.calls.map((call) => `${call.syscall} ${call.file}`).join('\n');
      expect(trace.walWriteIndex, `no WAL pwrite64 during the write:\n${described}`).toBeGreaterThanOrEqual(
        0,
      );
      expect(
        trace.walSyncIndex,
        `the WAL segment was not synced before the acknowledgement:\n${described}`,
      ).toBe(trace.walWriteIndex + 1);
      expect(trace.calls[trace.walSyncIndex]?.syscall).toBe('fdatasync');
    },
    240_000,
  );
});
