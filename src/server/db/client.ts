import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { DurableNodeFS, durableStartParams, syncDirectoryTree } from './durable-nodefs';
import * as schema from './schema';

export type Schema = typeof schema;
/**
 * The one database type the code sees. PGlite and postgres-js produce the same
 * PgDatabase shape, so repositories never know which engine runs underneath.
 */
// biome-ignore lint/suspicious/noExplicitAny: the query-result HKT differs per driver and is irrelevant to callers
export type Database = PgDatabase<PgQueryResultHKT, Schema, any>;
// biome-ignore lint/suspicious/noExplicitAny: see Database
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, any>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Embedded only: a gzipped dump of the data directory taken between two
   * transactions, so it restores to exactly the committed state at that moment.
   */
  snapshot?: () => Promise<Uint8Array>;
  /**
   * Embedded on disk only: how many times PostgreSQL has flushed a file to the disk (a commit
   * that wrote does so once before it resolves; a read never). Tests and bench/ read it.
   */
  syncCount?: () => number;
}

/**
 * The rows of a raw `db.execute(sql…)`: postgres-js returns them as the result itself, PGlite wraps
 * them in `{ rows }`. Typed queries never need this; raw SQL (metrics, restore checks) does.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Migrations sit next to this module in the source tree and next to the bundle in dist/. */
export function resolveMigrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'migrations'), path.join(here, 'db', 'migrations')]) {
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
  }
  throw new Error(`Database migrations not found next to ${here}`);
}

/** Arbitrary constant identifying Kakehashi's migration lock among advisory locks. */
const migrationLockKey = 4_242_001;

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite files; absent means in-memory (tests). */
  pgliteDir?: string | undefined;
  /** A PGlite data-dir dump to start from (tests reuse one migrated template). */
  pgliteTemplate?: Blob | File | undefined;
  maxConnections?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const migrationsFolder = resolveMigrationsFolder();
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Timestamps come back as Date objects in UTC; the UI formats them in JST.
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return {
      db,
      engine: 'postgres',
      migrate: async () => {
        // Several processes may start together behind a load balancer: an advisory
        // lock held on one reserved connection makes them migrate one after another.
        const lockConnection = await client.reserve();
        try {
          await lockConnection`select pg_advisory_lock(${migrationLockKey})`;
          await migratePostgres(db as never, { migrationsFolder });
        } finally {
          await lockConnection`select pg_advisory_unlock(${migrationLockKey})`;
          lockConnection.release();
        }
      },
      ping: () => pingDatabase(db),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.pgliteDir) fs.mkdirSync(options.pgliteDir, { recursive: true });
  // On disk, commits are flushed before they resolve (durable-nodefs.ts, ADR 009); in memory
  // (tests) there is no disk to flush to.
  const durableFs = options.pgliteDir ? new DurableNodeFS(options.pgliteDir) : undefined;
  const isNewCluster =
    options.pgliteDir !== undefined && !fs.existsSync(path.join(options.pgliteDir, 'PG_VERSION'));
  const client = new PGlite({
    ...(durableFs ? { fs: durableFs, startParams: durableStartParams } : {}),
    ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
  });
  await client.waitReady;
  if (options.pgliteDir && isNewCluster) syncDirectoryTree(options.pgliteDir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    ping: () => pingDatabase(db),
    close: () => client.close(),
    ...(durableFs ? { syncCount: () => durableFs.syncCount } : {}),
    snapshot: async () => {
      // Every query and transaction waits on PGlite's transaction mutex, held here
      // until the copy is done; the checkpoint writes the shared buffers out, so the
      // files copied need no WAL replay on restore.
      const dump = await client.transaction(async (tx) => {
        await tx.exec('checkpoint');
        return client.dumpDataDir('gzip');
      });
      return new Uint8Array(await dump.arrayBuffer());
    },
  };
}

async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
