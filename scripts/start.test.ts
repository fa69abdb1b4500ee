import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start` for real: npm → shell → scripts/start.mjs → the bundled server. The repository's
 * own dist/ is left alone: a scratch checkout holds copies of the start scripts, a server bundle
 * built from the current sources, and node_modules linked from the repository.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let scratchRoot: string;

beforeAll(async () => {
  scratchRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-start-'));
  fs.mkdirSync(path.join(scratchRoot, 'scripts'));
  for (const file of ['start.mjs', 'build-state.mjs']) {
    fs.copyFileSync(path.join(repoRoot, 'scripts', file), path.join(scratchRoot, 'scripts', file));
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(scratchRoot, 'node_modules'));
  const outdir = path.join(scratchRoot, 'dist', 'server');
  await build({
    absWorkingDir: repoRoot,
    entryPoints: { main: 'src/server/main.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  fs.cpSync(path.join(repoRoot, 'src', 'server', 'db', 'migrations'), path.join(outdir, 'migrations'), {
    recursive: true,
  });
  fs.mkdirSync(path.join(scratchRoot, 'dist', 'web'));
  fs.writeFileSync(path.join(scratchRoot, 'dist', 'web', 'index.html'), '<!doctype html>');
  const packageJson = path.join(scratchRoot, 'package.json');
  fs.writeFileSync(
    packageJson,
    JSON.stringify({ name: 'kakehashi-start-test', scripts: { start: 'node scripts/start.mjs' } }),
  );
  // Older than the bundle, so start.mjs finds dist/ current and does not rebuild.
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(packageJson, past, past);
}, 120_000);

afterAll(() => {
  // A failing run must not leave servers behind: they would hold their ports.
  if (scratchRoot) for (const pid of serverProcessIds()) process.kill(pid, 'SIGKILL');
  if (scratchRoot) fs.rmSync(scratchRoot, { recursive: true, force: true });
});

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

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function isHealthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}

async function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Node processes whose command line names this scratch checkout's server bundle. */
function serverProcessIds(): number[] {
  const bundle = path.join(scratchRoot, 'dist', 'server', 'main.js');
  const listing = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.includes(bundle))
    .map((line) => Number.parseInt(line.trim(), 10));
}

async function startApp(): Promise<{ npm: ChildProcess; port: number; output: () => string }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(scratchRoot, 'data-'));
  let output = '';
  // The embedded database of a fresh DATA_DIR, whatever the test run itself was given.
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const npm = spawn('npm', ['start'], {
    cwd: scratchRoot,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_MODE: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  npm.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  npm.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  let hasExited = false;
  npm.once('exit', () => {
    hasExited = true;
  });
  const healthy = (await waitFor(async () => hasExited || (await isHealthy(port)), 60_000)) && !hasExited;
  expect(healthy, `the server did not answer /healthz:\n${output}`).toBe(true);
  return { npm, port, output: () => output };
}

describe('npm start', () => {
  it('stops the server when npm itself receives SIGTERM', async () => {
    const { npm, port, output } = await startApp();
    expect(serverProcessIds()).toHaveLength(1);
    npm.kill('SIGTERM');
    const closed = await waitFor(async () => !(await acceptsConnections(port)), 5_000);
    expect(closed, `port ${port} still open after SIGTERM to npm:\n${output()}`).toBe(true);
    expect(await waitFor(async () => serverProcessIds().length === 0, 5_000)).toBe(true);
  }, 90_000);

  it('stops the server when the start script is killed outright', async () => {
    const { port, output } = await startApp();
    const [serverPid] = serverProcessIds();
    // The server's parent is start.mjs; SIGKILL leaves it no chance to pass anything on.
    const starterPid = Number.parseInt(
      execFileSync('ps', ['-o', 'ppid=', '-p', String(serverPid)], { encoding: 'utf8' }).trim(),
      10,
    );
    expect(execFileSync('ps', ['-o', 'args=', '-p', String(starterPid)], { encoding: 'utf8' })).toContain(
      'scripts/start.mjs',
    );
    process.kill(starterPid, 'SIGKILL');
    const closed = await waitFor(async () => !(await acceptsConnections(port)), 5_000);
    expect(closed, `port ${port} still open after SIGKILL to start.mjs:\n${output()}`).toBe(true);
  }, 90_000);
});
