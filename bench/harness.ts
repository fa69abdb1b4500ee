import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../src/server/db/client';
import { createSession, sessionCookieName } from '../src/server/platform/auth/sessions';
import { defaultConfig } from '../src/server/platform/deps';

/**
 * What the benches share: a place for the data (a fresh DATA_DIR for PGlite, a database created
 * and dropped on the local PostgreSQL), the server started as its own process the way
 * `npm start` runs it (src/server/main.ts with its environment), the load generator in the
 * bench's process, and one table.
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type Engine = 'pglite' | 'postgres';

export interface Storage {
  engine: Engine;
  dataDir: string;
  databaseUrl: string | undefined;
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

/**
 * PGlite: a fresh DATA_DIR in the temp directory. PostgreSQL: a database of its own on the
 * server of `adminUrl` (127.0.0.1:5432 by default), dropped again by `dispose`.
 */
export async function createStorage(engine: Engine, adminUrl: string): Promise<Storage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kakehashi-bench-${engine}-`));
  if (engine === 'pglite') {
    return {
      engine,
      dataDir,
      databaseUrl: undefined,
      open: () => openDatabase({ pgliteDir: path.join(dataDir, 'db') }),
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `kk_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    engine,
    dataDir,
    databaseUrl,
    open: () => openDatabase({ databaseUrl, maxConnections: 4 }),
    dispose: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(database: DatabaseHandle, userId: string): Promise<string> {
  const session = await createSession(database.db, userId, {
    ...defaultConfig.sessionPolicy,
    // Long enough for the longest bench; the idle limit of the server still applies.
    absoluteHours: 12,
    isMfaComplete: true,
    ipAddress: null,
    userAgent: 'bench',
    now: new Date(),
  });
  return `${sessionCookieName}=${session.token}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  /** The server's process id, to read its CPU time (serverCpuSeconds). */
  pid: number;
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * The server as `npm start` runs it, but from source through tsx (no build needed): its own
 * process, its own event loop and core. Request logs go to /dev/null, as in the in-process
 * bench before; the server still formats each line.
 */
export async function startServer(
  storage: Storage,
  options: { profileDir?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // --profile: a V8 CPU profile of the whole run, written when the server stops.
      ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []),
      '--import',
      'tsx',
      path.join(repoRoot, 'src', 'server', 'main.ts'),
    ],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATA_DIR: storage.dataDir,
        ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO_MODE: 'false',
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start:\n${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer in 300 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    startupMs: performance.now() - started,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Target {
  name: string;
  path: string;
  headers: Record<string, string>;
}

export interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  bytes: number;
  /** Bytes on the wire per answer (compressed where the target asks for it). */
  wireBytes: number;
  /**
   * The share of the run the server's process spent on a CPU (1 = one core all the time), when
   * its pid is known. Below about 0.9 the server was waiting, not working: with the load generator
   * on the machine's other core, a large answer can make the generator the limit, not the server.
   */
  serverBusy: number | null;
  /** Server CPU milliseconds per answer. */
  serverCpuMsPerRequest: number | null;
}

/** User plus system CPU seconds a process has used so far (Linux /proc; USER_HZ is 100). */
export function serverCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** One autocannon run per target against a running server; any non-2xx answer stops the bench. */
export async function measure(
  url: string,
  targets: Target[],
  options: { seconds: number; connections: number },
  serverPid?: number,
): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const target of targets) {
    // One request first: the size of the answer, and a cold cache paid outside the timing.
    const first = await fetchOnce(`${url}${target.path}`, target.headers);
    const body = await first.arrayBuffer();
    if (!first.ok)
      throw new Error(`${target.name}: ${first.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    const cpuBefore = serverPid ? serverCpuSeconds(serverPid) : null;
    const startedAt = performance.now();
    const result = await autocannon({
      url: `${url}${target.path}`,
      connections: options.connections,
      duration: options.seconds,
      headers: target.headers,
    });
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    const cpuAfter = serverPid ? serverCpuSeconds(serverPid) : null;
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    }
    const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
    const answered = Math.max(1, result.requests.total);
    out.push({
      name: target.name,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      bytes: body.byteLength,
      wireBytes: result.throughput.total / answered,
      serverBusy: cpu === null ? null : cpu / elapsedSeconds,
      serverCpuMsPerRequest: cpu === null ? null : (cpu * 1000) / answered,
    });
  }
  return out;
}

/**
 * A fetch that tries again when the connection was reset: undici reuses a kept-alive connection
 * the server may be closing at that very moment (its keep-alive timeout), on a loaded machine.
 */
async function fetchOnce(url: string, headers: Record<string, string>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { headers });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)));
  console.log(line(headers).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row).join('  '));
}
