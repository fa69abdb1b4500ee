import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * Durability against power loss for the embedded database (ADR 009).
 *
 * PGlite 0.5.17 starts PostgreSQL with `-F` (fsync off), and even with fsync on nothing would
 * reach the disk: Emscripten's NODEFS has no `fsync` stream operation (`fsync()` in the WASM
 * build answers success without a system call) and its `fdatasync()` is a no-op outright. So
 * a commit ends with the WAL `pwrite` in the page cache: it survives `kill -9`, not a power cut.
 *
 * The fix stays inside the engine, so PostgreSQL keeps deciding what to sync and in what order
 * (WAL before the data pages it covers, data files before a checkpoint's `pg_control`, a new WAL
 * segment's directory entry): PostgreSQL is started with fsync on and
 * `wal_sync_method=fsync` (the one method that reaches the file system's `fsync` operation), and
 * the file system gets the `fsync` operation it lacks, mapped to the host's `fdatasync` (files)
 * or `fsync` (directories). Every path that writes — drizzle's queries and transactions, the job
 * runner, the mail sender, migrations, the CLI — is covered because the engine itself flushes at
 * commit; a read-only transaction writes no commit record and syncs nothing.
 *
 * Why not group commit (one sync for several commits): PGlite runs one statement at a time, so
 * no two commits are ever in flight together inside the engine, and moving the flush out of the
 * engine (sync after the query, asynchronously) would let a data page reach the disk before the
 * WAL that covers it, which PostgreSQL's recovery assumes cannot happen.
 */

/** PGlite's own start parameters, with fsync on and a WAL sync method that reaches the file system. */
export const durableStartParams: string[] = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
];

const isWindows = process.platform === 'win32';

type NodeFsInit = NodeFS['init'];
interface EmscriptenModule {
  FS: { isDir(mode: number): boolean };
  NODEFS: {
    stream_ops: { fsync?: (stream: EmscriptenStream) => number };
    /** Turns a Node error into the errno PostgreSQL sees (it then PANICs on a failed WAL sync, as it must). */
    tryFSOperation<T>(operation: () => T): T;
  };
}
interface EmscriptenStream {
  nfd?: number;
  node: { mode: number };
}

export class DurableNodeFS extends NodeFS {
  /** Host sync calls made for PostgreSQL so far: lets tests see that a commit synced before it resolved. */
  syncCount = 0;

  override async init(...args: Parameters<NodeFsInit>): ReturnType<NodeFsInit> {
    const { emscriptenOpts } = await super.init(...args);
    return {
      emscriptenOpts: {
        ...emscriptenOpts,
        preRun: [
          ...(emscriptenOpts.preRun ?? []),
          // Runs before the data directory is mounted; every NODEFS node shares this table.
          (mod: EmscriptenModule) => {
            mod.NODEFS.stream_ops.fsync = (stream) => {
              const fd = stream.nfd;
              const isDirectory = mod.FS.isDir(stream.node.mode);
              // Windows can neither open nor flush a directory; its file flushes still hold.
              if (fd === undefined || (isDirectory && isWindows)) return 0;
              mod.NODEFS.tryFSOperation(() => (isDirectory ? fs.fsyncSync(fd) : fs.fdatasyncSync(fd)));
              this.syncCount += 1;
              return 0;
            };
          },
        ],
      },
    };
  }
}

/**
 * Syncs every file and directory under `root`, and `root`'s own entry in its parent, as initdb
 * does after creating a cluster: the files PGlite's initdb (or a loaded dump) wrote are in no WAL,
 * so a power cut before the kernel writes them back would lose the catalog under every later,
 * synced commit. Run once when a cluster is created, not at every start (seconds for ~1,000 files).
 */
export function syncDirectoryTree(root: string): void {
  const syncPath = (target: string) => {
    if (isWindows && fs.lstatSync(target).isDirectory()) return;
    const fd = fs.openSync(target, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  };
  const walk = (target: string) => {
    const stat = fs.lstatSync(target);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(target)) walk(path.join(target, entry));
      syncPath(target);
    } else if (stat.isFile()) {
      syncPath(target);
    }
  };
  walk(root);
  syncPath(path.dirname(root));
}
