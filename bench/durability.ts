import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client';
import { formatCommitTrace, stracePath, straceAvailable, traceOneWrite } from './durability-trace';

/**
 * `npm run bench:durability [-- --writes 400]`: does an acknowledged write on the embedded database
 * reach the disk before it is acknowledged, and what does that cost? (ADR 009, issue 13 item 2.)
 *
 * 1. Creates a cluster in a temporary DATA_DIR as the server does (openDatabase).
 * 2. Runs one write in a child process under `strace -f -e trace=pwrite64,fsync,fdatasync,openat`
 *    and prints the calls between the start of the write and its acknowledgement: the WAL pwrite64
 *    must be followed by an fdatasync of that segment.
 * 3. Single-row autocommit inserts of 200 bytes, alternating batches on two copies of the cluster
 *    in the same process: one opened as the server opens it (synced commits), one as PGlite opens
 *    a directory by default (no sync, what Kakehashi did before). Writes/s of each and the ratio.
 * Not a test (db/durable-nodefs.test.ts asserts the order); the figures go into ADR 009.
 */

const { values: args } = parseArgs({
  options: {
    writes: { type: 'string', default: '400' },
    batch: { type: 'string', default: '50' },
  },
});
const totalWrites = Number(args.writes);
const batchSize = Number(args.batch);

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-durability-'));
const syncedDir = path.join(workDir, 'synced', 'db');
const unsyncedDir = path.join(workDir, 'unsynced', 'db');
const log = (line: string) => console.log(line);

try {
  log(`data directory: ${syncedDir} (${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)})`);
  let startedAt = performance.now();
  const created = await openDatabase({ pgliteDir: syncedDir });
  await created.db.execute(sql`create table durability_probe (id serial primary key, body text)`);
  await created.close();
  log(`cluster created in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  fs.cpSync(syncedDir, unsyncedDir, { recursive: true });

  log('\n== one acknowledged write, traced ==');
  if (!straceAvailable()) {
    log(
      `skipped: ${stracePath} is not installed (Debian: apt-get install strace); the cost below still runs`,
    );
  } else {
    const trace = traceOneWrite(syncedDir, workDir);
    log('system calls between the start of the write and its acknowledgement, in order:');
    log(formatCommitTrace(trace));
    const walWrite = trace.calls[trace.walWriteIndex];
    log(
      trace.walWriteIndex >= 0 && trace.walSyncIndex > trace.walWriteIndex
        ? `durable: the WAL pwrite64 (${walWrite?.file}) is followed by ${trace.calls[trace.walSyncIndex]?.syscall} of the same file before the write is acknowledged`
        : 'NOT DURABLE: no sync of the WAL segment between its pwrite64 and the acknowledgement',
    );
  }

  log(`\n== cost: ${totalWrites} single-row autocommit writes each, alternating batches of ${batchSize} ==`);
  startedAt = performance.now();
  const synced = await openDatabase({ pgliteDir: syncedDir });
  // PGlite's defaults on a directory (NodeFS, fsync off): the configuration before the fix.
  const unsynced = new PGlite({ dataDir: unsyncedDir });
  await unsynced.waitReady;
  log(`both opened in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  const body = 'x'.repeat(200);
  const elapsed = { synced: 0, unsynced: 0 };
  const syncsBefore = synced.syncCount?.() ?? 0;
  for (let done = 0; done < totalWrites; done += batchSize) {
    let t = performance.now();
    for (let i = 0; i < batchSize; i++) {
      await synced.db.execute(sql`insert into durability_probe (body) values (${body})`);
    }
    elapsed.synced += performance.now() - t;
    t = performance.now();
    for (let i = 0; i < batchSize; i++) {
      await unsynced.query('insert into durability_probe (body) values ($1)', [body]);
    }
    elapsed.unsynced += performance.now() - t;
  }
  const syncs = (synced.syncCount?.() ?? 0) - syncsBefore;
  await synced.close();
  await unsynced.close();
  const rate = (ms: number) => (totalWrites / ms) * 1000;
  log('| | writes/s | ms per write | file syncs |');
  log('|---|---|---|---|');
  log(
    `| synced at commit (now) | ${rate(elapsed.synced).toFixed(0)} | ${(elapsed.synced / totalWrites).toFixed(2)} | ${syncs} |`,
  );
  log(
    `| no sync (before) | ${rate(elapsed.unsynced).toFixed(0)} | ${(elapsed.unsynced / totalWrites).toFixed(2)} | 0 |`,
  );
  log(`ratio synced / unsynced: ${(rate(elapsed.synced) / rate(elapsed.unsynced)).toFixed(2)}×`);
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
