import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, inject, it } from 'vitest';

/**
 * The embedded database's directory, checked with real processes: the server
 * and the CLI as `npm start` and `npm run kakehashi` run them.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** Node itself with tsx's loader: the tsx wrapper would run the program in a grandchild that kill -9 misses. */
const node = process.execPath;
const loader = ['--import', 'tsx'];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-datadir-'));
const children: ChildProcess[] = [];
const mounts: string[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const mount of mounts) execFileSync('umount', ['-l', mount]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

function childEnv(dataDir: string, demo = false): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return {
    ...rest,
    DATA_DIR: dataDir,
    PORT: '0',
    DEMO_MODE: String(demo),
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
  };
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], dataDir: string, timeoutMs = 300_000): Promise<Finished> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...loader, ...args], { cwd: repoRoot, env: childEnv(dataDir) });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not finish: ${stdout}${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - startedAt });
    });
  });
}

/** Starts the server and resolves with its port once it listens. */
function startServer(dataDir: string, demo = false): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...loader, 'src/server/main.ts'], {
      cwd: repoRoot,
      env: childEnv(dataDir, demo),
    });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 300_000);
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
}

function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else {
      child.once('exit', () => resolve());
      child.kill(signal);
    }
  });
}

describe('one process per DATA_DIR (embedded database)', () => {
  it('refuses a second server and every CLI command that opens the directory, backs up through the running server, and frees the directory on kill -9', async () => {
    const dataDir = path.join(scratch, 'shared');
    // The run's seeded template (a bare PGlite dump, the earlier backup format) saves
    // creating and seeding a cluster; on a PostgreSQL run there is none, so seed it.
    const template = inject('pgliteTemplatePath');
    // The run keeps its template uncompressed (faster for every test file to load); the
    // earlier backup format was PGlite's gzipped dump, so gzip it as dumpDataDir('gzip') would.
    const gzippedTemplate = path.join(scratch, 'template.tar.gz');
    if (template) fs.writeFileSync(gzippedTemplate, gzipSync(fs.readFileSync(template)));
    const prepared = template
      ? await run(['src/cli/main.ts', 'restore', '--in', gzippedTemplate], dataDir)
      : await run(['src/cli/main.ts', 'seed-demo'], dataDir);
    expect(prepared.stderr).toBe('');
    expect(prepared.code).toBe(0);
    const first = await startServer(dataDir);
    expect((await fetch(`http://127.0.0.1:${first.port}/healthz`)).status).toBe(200);

    const second = await run(['src/server/main.ts'], dataDir);
    expect(second.code).toBe(1);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/is in use by another Kakehashi process \(pid \d+\)/);
    expect(lines[0]).toContain(`DATA_DIR ${dataDir} is in use`);
    // Refused at once, not after opening the database.
    expect(second.ms).toBeLessThan(30_000);

    for (const command of [
      ['migrate'],
      ['seed-demo'],
      [
        'create-user',
        '--email',
        'a@example.jp',
        '--name',
        'A',
        '--organization-id',
        crypto.randomUUID(),
        '--roles',
        'prefecture_admin',
      ],
    ]) {
      const result = await run(['src/cli/main.ts', ...command], dataDir);
      expect(result.code, command[0]).toBe(1);
      expect(result.stderr.trim().split('\n'), command[0]).toHaveLength(1);
      expect(result.stderr, command[0]).toContain(`DATA_DIR ${dataDir} is in use`);
    }
    const importCsv = path.join(repoRoot, 'src/server/features/municipalities/fixtures/tokyo-sample.csv');
    const imported = await run(
      ['src/cli/main.ts', 'import-municipalities', importCsv, '--prefecture-code', '13'],
      dataDir,
    );
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`DATA_DIR ${dataDir} is in use`);

    // Backup while the server runs and writes (each sign-in writes a session row):
    // the CLI may not open the files, so the server takes the snapshot.
    const uploaded = path.join(dataDir, 'uploads', 'seminars', 'event-1', 'slides.pdf');
    fs.mkdirSync(path.dirname(uploaded), { recursive: true });
    fs.writeFileSync(uploaded, '%PDF-1.4 資料');
    // Failed sign-ins write (the lockout counter) and come back 401, never 5xx.
    const signIns = Array.from({ length: 6 }, () =>
      fetch(`http://127.0.0.1:${first.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kakehashi-request': '1' },
        body: JSON.stringify({ email: 'admin@pref.example.jp', password: 'wrong-password-123' }),
      }),
    );
    const archive = path.join(scratch, 'online.tar.gz');
    const backup = await run(['src/cli/main.ts', 'backup', '--out', archive], dataDir);
    for (const response of await Promise.all(signIns)) expect(response.status).toBe(401);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('backup taken by the running server');

    // The kernel frees the lock with the process, however it dies.
    await killed(first.child, 'SIGKILL');
    const restoredDir = path.join(scratch, 'restored');
    const restored = await run(['src/cli/main.ts', 'restore', '--in', archive], restoredDir);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('19 users, 1 uploaded files');
    expect(
      fs.readFileSync(path.join(restoredDir, 'uploads', 'seminars', 'event-1', 'slides.pdf'), 'utf8'),
    ).toBe('%PDF-1.4 資料');

    const migrated = await run(['src/cli/main.ts', 'migrate'], dataDir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    const after = await startServer(dataDir);
    expect((await fetch(`http://127.0.0.1:${after.port}/healthz`)).status).toBe(200);
    await killed(after.child, 'SIGTERM');
  }, 600_000);
});

describe('an unusable DATA_DIR stops start-up with one line naming the path and the reason', () => {
  it('a read-only mount', async () => {
    const mount = path.join(scratch, 'readonly');
    fs.mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', mount]);
    mounts.push(mount);
    const server = await run(['src/server/main.ts'], mount);
    expect(server.code).toBe(1);
    expect(server.stderr.trim().split('\n')).toHaveLength(1);
    expect(server.stderr).toContain(`DATA_DIR ${mount}`);
    expect(server.stderr).toContain('read-only file system (EROFS)');
    const cli = await run(['src/cli/main.ts', 'migrate'], mount);
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain('read-only file system (EROFS)');
  }, 240_000);

  it('a path through a file', async () => {
    const file = path.join(scratch, 'not-a-directory');
    fs.writeFileSync(file, 'x');
    const dataDir = path.join(file, 'data');
    const server = await run(['src/server/main.ts'], dataDir);
    expect(server.code).toBe(1);
    expect(server.stderr.trim().split('\n')).toHaveLength(1);
    expect(server.stderr).toContain(`cannot create DATA_DIR ${dataDir}`);
    expect(server.stderr).toContain('ENOTDIR');
  }, 240_000);
});
