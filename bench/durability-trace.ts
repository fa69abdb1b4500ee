import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Traces one acknowledged write (bench/durability-write.ts) with strace and reads the trace back:
 * which files the write touched, in order, between the moment it began and the moment the caller
 * got its answer. Shared by `npm run bench:durability` and db/durable-nodefs.test.ts.
 */

export const stracePath = '/usr/bin/strace';
const repoRoot = path.resolve(import.meta.dirname, '..');
const traced = 'pwrite64,fsync,fdatasync,openat';

export interface TracedCall {
  syscall: 'pwrite64' | 'fsync' | 'fdatasync' | 'openat';
  /** The file the call worked on, relative to the data directory where it lies inside it. */
  file: string;
  line: string;
}

export interface CommitTrace {
  /** Calls between the start of the write and its acknowledgement, in the order they happened. */
  calls: TracedCall[];
  /** The last pwrite64 to a WAL segment, and the first sync of that file after it (-1 when none). */
  walWriteIndex: number;
  walSyncIndex: number;
}

export function straceAvailable(): boolean {
  return fs.existsSync(stracePath);
}

/** Runs the one-write child under strace on an existing data directory and parses the trace. */
export function traceOneWrite(dbDir: string, workDir: string): CommitTrace {
  const traceFile = path.join(workDir, 'commit.strace');
  const result = spawnSync(
    stracePath,
    [
      '-f',
      '-e',
      `trace=${traced}`,
      '-o',
      traceFile,
      process.execPath,
      '--import',
      'tsx',
      path.join(repoRoot, 'bench', 'durability-write.ts'),
      dbDir,
      workDir,
    ],
    { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 },
  );
  if (result.status !== 0) {
    throw new Error(
      `traced write failed (${result.status ?? result.signal}): ${result.stderr || result.error}`,
    );
  }
  return parseCommitTrace(fs.readFileSync(traceFile, 'utf8'), dbDir);
}

/**
 * strace -f prints `pid syscall(args) = result`, split into `<unfinished ...>` and `<... resumed>`
 * halves when threads interleave; descriptors are followed from their openat (numbers are reused).
 */
export function parseCommitTrace(trace: string, dbDir: string): CommitTrace {
  const root = path.resolve(dbDir);
  const relative = (file: string) => (file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file);
  const pathOfFd = new Map<string, string>();
  const calls: TracedCall[] = [];
  let inWrite = false;
  for (const line of trace.split('\n')) {
    const opened = /^(\d+)\s+openat\(AT_FDCWD, "([^"]+)".*\)\s+=\s+(\d+)/.exec(line);
    if (opened) {
      const [, , file, fd] = opened as unknown as [string, string, string, string];
      pathOfFd.set(fd, file);
      if (file.endsWith('/write-starts')) inWrite = true;
      else if (file.endsWith('/write-acknowledged')) break;
      else if (inWrite) calls.push({ syscall: 'openat', file: relative(file), line });
      continue;
    }
    const onFd = /^\d+\s+(pwrite64|fsync|fdatasync)\((\d+)/.exec(line);
    if (onFd && inWrite) {
      const [, syscall, fd] = onFd as unknown as [string, TracedCall['syscall'], string];
      calls.push({ syscall, file: relative(pathOfFd.get(fd) ?? `fd ${fd}`), line });
    }
  }
  const isWal = (call: TracedCall) => call.file.startsWith('pg_wal/');
  const walWriteIndex = calls.findLastIndex((call) => call.syscall === 'pwrite64' && isWal(call));
  const walFile = calls[walWriteIndex]?.file;
  const walSyncIndex = calls.findIndex(
    (call, index) =>
      index > walWriteIndex &&
      (call.syscall === 'fdatasync' || call.syscall === 'fsync') &&
      call.file === walFile,
  );
  return { calls, walWriteIndex, walSyncIndex };
}

/** The trace as a reader wants it: one call per line, the file by name, the written size. */
export function formatCommitTrace(trace: CommitTrace): string {
  return trace.calls
    .map((call) => {
      const size = call.syscall === 'pwrite64' ? /,\s+(\d+),\s+(\d+)\)\s+=/.exec(call.line) : null;
      const detail = size ? ` (${size[1]} bytes at offset ${size[2]})` : '';
      return `  ${call.syscall.padEnd(9)} ${call.file}${detail}`;
    })
    .join('\n');
}
