import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client';

/**
 * One acknowledged write on the embedded database, opened as the server opens it, bracketed by
 * two marker files whose `openat` calls show in a system-call trace where the write began and
 * where the caller got its answer. Run by bench/durability.ts and db/durable-nodefs.test.ts under
 * strace: `node --import tsx bench/durability-write.ts <dbDir> <markerDir>`.
 */
const [dbDir, markerDir] = process.argv.slice(2);
if (!dbDir || !markerDir) {
  console.error('usage: durability-write.ts <dbDir> <markerDir>');
  process.exit(2);
}

const touch = (name: string) => fs.closeSync(fs.openSync(path.join(markerDir, name), 'w'));

const database = await openDatabase({ pgliteDir: dbDir });
await database.db.execute(
  sql`create table if not exists durability_probe (id serial primary key, body text)`,
);
touch('write-starts');
await database.db.execute(sql`insert into durability_probe (body) values ('acknowledged')`);
touch('write-acknowledged');
await database.close();
