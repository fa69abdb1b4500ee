import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The embedded database's data directory (DATA_DIR): checked before PGlite
 * touches it, and owned by one process at a time.
 *
 * PGlite has no postmaster.pid of its own: two processes on one directory
 * both run, each with its own buffers, and overwrite each other's pages.
 */

/** A start-up failure whose message is one complete line for the operator (no stack trace). */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

const reasons: Record<string, { ja: string; en: string }> = {
  EACCES: { ja: '書き込み権限がありません', en: 'permission denied' },
  EPERM: { ja: '書き込み権限がありません', en: 'operation not permitted' },
  EROFS: { ja: '読み取り専用のファイルシステムです', en: 'read-only file system' },
  ENOSPC: { ja: 'ディスクの空きがありません', en: 'no space left on device' },
  EDQUOT: { ja: 'ディスク容量の上限に達しています', en: 'disk quota exceeded' },
  ENOTDIR: {
    ja: 'パスの途中がディレクトリではなくファイルです',
    en: 'a part of the path is a file, not a directory',
  },
  EEXIST: { ja: '同名のファイルがあります', en: 'a file of that name exists' },
};

function describe(err: unknown): { ja: string; en: string } {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const reason = reasons[code];
  const detail = code || (err as Error).message;
  return reason
    ? { ja: `${reason.ja}（${detail}）`, en: `${reason.en} (${detail})` }
    : { ja: detail, en: detail };
}

/**
 * Creates DATA_DIR and the given subdirectories and proves each writable by
 * writing and removing a probe file. Root ignores permission bits, and a
 * read-only mount only shows on write, so asking access(2) is not enough.
 */
export function ensureWritableDirectories(dataDir: string, subdirectories: string[] = []): void {
  for (const dir of [dataDir, ...subdirectories]) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      const why = describe(err);
      throw new DataDirError(
        `DATA_DIR ${dir} を作成できません: ${why.ja} / cannot create DATA_DIR ${dir}: ${why.en}`,
      );
    }
    if (!fs.statSync(dir).isDirectory()) {
      throw new DataDirError(
        `DATA_DIR ${dir} はディレクトリではありません / DATA_DIR ${dir} is not a directory`,
      );
    }
    const probe = path.join(dir, `.write-check-${process.pid}`);
    try {
      fs.writeFileSync(probe, 'ok');
      fs.rmSync(probe);
    } catch (err) {
      const why = describe(err);
      throw new DataDirError(
        `DATA_DIR ${dir} に書き込めません: ${why.ja} / DATA_DIR ${dir} is not writable: ${why.en}`,
      );
    }
  }
}

export interface DataDirLock {
  /** Releases the lock; the kernel also releases it when the process ends, however it ends. */
  release(): Promise<void>;
}

const pidFileName = 'kakehashi.pid';

/**
 * The lock is a Linux abstract-namespace socket named after the directory's
 * real path. Binding it is atomic, a second bind fails with EADDRINUSE, and
 * the kernel frees the name when the holder dies, even by kill -9 or a power
 * cut, so there is never a stale lock to clean up. (A lock file would outlive
 * a killed process; Node has no flock(2).) The pid file beside it only tells
 * the operator which process holds the directory.
 *
 * Limitation: abstract sockets are per network namespace, so two containers
 * sharing one volume do not see each other's lock.
 */
export function lockName(dataDir: string): string {
  const real = fs.realpathSync(dataDir);
  return `\0kakehashi-data-dir-${createHash('sha256').update(real).digest('hex').slice(0, 40)}`;
}

/** Abstract sockets exist on Linux only; elsewhere (a developer's Mac) the pid file is the lock. */
const hasAbstractSockets = process.platform === 'linux';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isDataDirLocked(dataDir: string): Promise<boolean> {
  if (!hasAbstractSockets) {
    const pid = holderPid(dataDir);
    return Promise.resolve(pid !== null && pid !== process.pid && isAlive(pid));
  }
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(true));
    probe.listen({ path: lockName(dataDir) }, () => probe.close(() => resolve(false)));
  });
}

export function holderPid(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataDir, pidFileName), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function inUseMessage(dataDir: string): string {
  const pid = holderPid(dataDir);
  const holder = pid ? ` (pid ${pid})` : '';
  return `DATA_DIR ${dataDir} は別の Kakehashi プロセス${holder}が使用中です / DATA_DIR ${dataDir} is in use by another Kakehashi process${holder}: stop it first, or run the command against the running server where it offers that (kakehashi backup does).`;
}

/**
 * Takes the exclusive lock on DATA_DIR or throws a DataDirError naming the
 * directory (and the holder's pid when known). The directory must exist.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  if (!hasAbstractSockets) return acquirePidFileLock(dataDir);
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new DataDirError(inUseMessage(dataDir)));
      else reject(err);
    });
    server.listen({ path: lockName(dataDir) }, () => resolve());
  });
  // Holding the name must not keep a finished CLI command alive.
  server.unref();
  const pidFile = path.join(dataDir, pidFileName);
  fs.writeFileSync(pidFile, `${process.pid}\n`);
  let isReleased = false;
  return {
    release: async () => {
      if (isReleased) return;
      isReleased = true;
      if (holderPid(dataDir) === process.pid) fs.rmSync(pidFile, { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Without abstract sockets: the pid file, created exclusively; one left by a
 * dead process (kill -9) is recognised by its pid no longer running and
 * replaced. Weaker than the socket (a reused pid looks alive), so Linux,
 * where servers run, does not use it.
 */
function acquirePidFileLock(dataDir: string): DataDirLock {
  const pidFile = path.join(dataDir, pidFileName);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(pidFile, `${process.pid}\n`, { flag: 'wx' });
      return {
        release: async () => {
          if (holderPid(dataDir) === process.pid) fs.rmSync(pidFile, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = holderPid(dataDir);
      if (pid !== null && isAlive(pid)) throw new DataDirError(inUseMessage(dataDir));
      fs.rmSync(pidFile, { force: true });
    }
  }
  throw new DataDirError(inUseMessage(dataDir));
}
