/**
 * The deployment of deploy/ on one machine: two app processes on loopback behind nginx, one
 * PostgreSQL database, one shared uploads directory.
 *
 *   npx tsx scripts/local-cluster.ts            start it and keep it running (Ctrl-C stops it)
 *   npx tsx scripts/local-cluster.ts --check    CI: prove it survives losing a process, then stop
 *
 * Needs `npm run build` (it runs dist/server/main.js as systemd would), nginx on PATH (Debian's
 * `nginx`) and DATABASE_URL pointing at a PostgreSQL server whose user may create databases: a
 * fresh database is made for the run and dropped after it.
 *
 * The check: sign in through nginx, then keep writing (each write creates an account) from
 * several clients at once while one process is killed with SIGKILL halfway. Every write that was
 * acknowledged must be in the database; the other process must keep answering; sessions work on
 * both processes; a file uploaded through one is served by the other; the surviving process
 * stops cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { demoAdminTotpSecret, demoPassword } from '../src/server/db/seed/demo-accounts';
import { generateTotpCode, totpStep } from '../src/server/platform/auth/totp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isCheck = process.argv.includes('--check');
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) {
  console.error('DATABASE_URL is required (a PostgreSQL server whose user may create databases).');
  process.exit(2);
}
const serverEntry = path.join(root, 'dist', 'server', 'main.js');
if (!fs.existsSync(serverEntry)) {
  console.error('dist/server/main.js is missing: run `npm run build` first.');
  process.exit(2);
}

const proxyPort = Number(process.env.CLUSTER_PORT ?? 3100);
const appPorts = [3101, 3102] as const;
const proxyUrl = `http://127.0.0.1:${proxyPort}`;
const databaseName = `kk_cluster_${randomBytes(4).toString('hex')}`;
const databaseUrl = withDatabase(baseUrl, databaseName);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-cluster-'));
const dataDir = path.join(workDir, 'data');

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
const children = new Map<string, ChildProcess>();

function startApp(port: number): ChildProcess {
  const child = spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: proxyUrl,
      DEMO_MODE: 'true',
      COOKIE_SECURE: 'false',
      TRUST_PROXY: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set(`app:${port}`, child);
  return child;
}

function startNginx(): ChildProcess {
  const site = fs
    .readFileSync(path.join(root, 'deploy', 'nginx', 'kakehashi.conf'), 'utf8')
    .replace(/listen 80;/, `listen 127.0.0.1:${proxyPort};`);
  fs.writeFileSync(path.join(workDir, 'kakehashi.conf'), site);
  // The site file as deploy/ ships it, inside the smallest main configuration that runs unprivileged.
  fs.writeFileSync(
    path.join(workDir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${path.join(workDir, 'nginx.pid')};`,
      `error_log ${path.join(workDir, 'nginx-error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log ${path.join(workDir, 'nginx-access.log')};`,
      `  client_body_temp_path ${path.join(workDir, 'body')};`,
      `  proxy_temp_path ${path.join(workDir, 'proxy')};`,
      `  fastcgi_temp_path ${path.join(workDir, 'fastcgi')};`,
      `  uwsgi_temp_path ${path.join(workDir, 'uwsgi')};`,
      `  scgi_temp_path ${path.join(workDir, 'scgi')};`,
      `  include ${path.join(workDir, 'kakehashi.conf')};`,
      '}',
    ].join('\n'),
  );
  const nginx = spawn('nginx', ['-c', path.join(workDir, 'nginx.conf'), '-p', workDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set('nginx', nginx);
  return nginx;
}

async function waitFor(url: string, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not become ready at ${url}`);
}

async function stopAll(): Promise<void> {
  for (const child of children.values())
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => {});
  await admin.end();
  fs.rmSync(workDir, { recursive: true, force: true });
}

/** A browser's session: the cookie jar of one person, through whichever URL it is given. */
class Client {
  cookie = '';
  async request(base: string, method: string, pathname: string, body?: unknown | FormData) {
    const headers: Record<string, string> = { 'x-kakehashi-request': '1' };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${base}${pathname}`, { method, headers, body: payload });
    const setCookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('kk_session=') || c.startsWith('__Host-kk_session='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return res;
  }
}

async function signInAsAdministrator(client: Client): Promise<void> {
  const login = await client.request(proxyUrl, 'POST', '/api/auth/login', {
    email: 'admin@pref.example.jp',
    password: demoPassword,
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const code = generateTotpCode(demoAdminTotpSecret, totpStep(new Date()));
  const mfa = await client.request(proxyUrl, 'POST', '/api/auth/mfa/verify', { code });
  if (!mfa.ok) throw new Error(`TOTP failed: ${mfa.status} ${await mfa.text()}`);
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

async function check(): Promise<void> {
  const client = new Client();
  await signInAsAdministrator(client);

  // Sessions are rows: the one cookie works on each process directly.
  for (const port of appPorts) {
    const me = await client.request(`http://127.0.0.1:${port}`, 'GET', '/api/auth/me');
    assert(me.ok, `the session works on the process on port ${port} (got ${me.status})`);
  }
  const blockedMetrics = await fetch(`${proxyUrl}/metrics`);
  assert(blockedMetrics.status === 404, `nginx does not serve /metrics (got ${blockedMetrics.status})`);

  // Uploads: a file stored through one process is served by the other.
  const db = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const [event] = await db<{ id: string }[]>`select id from seminar_events order by starts_at limit 1`;
  assert(event, 'the demo has a seminar event');
  const form = new FormData();
  form.set('purpose', 'material');
  form.set('kind', 'file');
  form.set('title', '二つのプロセスで共有される資料');
  const pdf = `%PDF-1.4\n% shared between processes ${randomBytes(8).toString('hex')}\n`;
  form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'shared.pdf');
  const uploaded = await client.request(
    `http://127.0.0.1:${appPorts[0]}`,
    'POST',
    `/api/seminar-events/${event.id}/materials`,
    form,
  );
  assert(
    uploaded.status === 201,
    `upload through the first process (got ${uploaded.status} ${await uploaded.clone().text()})`,
  );
  const material = (await uploaded.json()) as { url: string };
  const served = await client.request(`http://127.0.0.1:${appPorts[1]}`, 'GET', material.url);
  assert(
    served.ok && (await served.text()) === pdf,
    `the second process serves the file (got ${served.status})`,
  );

  // Writes from several clients at once, through nginx, while one process is killed.
  const [organization] = await db<
    { id: string }[]
  >`select id from organizations where kind = 'municipality' limit 1`;
  assert(organization, 'a municipality organization exists');
  const acknowledged: string[] = [];
  const failed: string[] = [];
  let afterKill = 0;
  let killed = false;
  const total = 160;
  let next = 0;
  const latencies: number[] = [];
  async function writer() {
    while (next < total) {
      const n = next++;
      if (n === total / 2 && !killed) {
        killed = true;
        children.get(`app:${appPorts[0]}`)!.kill('SIGKILL');
      }
      const email = `cluster-${n}@town.example.jp`;
      const started = performance.now();
      const res = await client
        .request(proxyUrl, 'POST', '/api/users/invitations', {
          email,
          displayName: `負荷試験 ${n}`,
          organizationId: organization!.id,
          roles: ['municipality_staff'],
        })
        .catch(() => null);
      latencies.push(performance.now() - started);
      if (res?.status === 201) {
        acknowledged.push(email);
        if (killed) afterKill++;
      } else failed.push(`${email}: ${res?.status ?? 'no response'}`);
    }
  }
  await Promise.all(Array.from({ length: 4 }, writer));

  const stored = new Set(
    (await db<{ email: string }[]>`select email from users where email like 'cluster-%'`).map((r) => r.email),
  );
  const lost = acknowledged.filter((email) => !stored.has(email));
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      writes: total,
      acknowledged: acknowledged.length,
      acknowledgedAfterKill: afterKill,
      notAcknowledged: failed.length,
      lostAcknowledged: lost.length,
      p50ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
      p99ms: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
    }),
  );
  if (failed.length > 0) console.log(`not acknowledged (the client would retry): ${failed.join(', ')}`);
  assert(lost.length === 0, `every acknowledged write is stored (lost: ${lost.join(', ')})`);
  assert(
    afterKill >= total / 2 - 8,
    `the surviving process kept serving writes (${afterKill} after the kill)`,
  );
  const stillServing = await client.request(proxyUrl, 'GET', '/api/auth/me');
  assert(stillServing.ok, 'the session still works through nginx after the kill');

  // The survivor stops cleanly on SIGTERM.
  const survivor = children.get(`app:${appPorts[1]}`)!;
  const exited = new Promise<number | null>((resolve) => survivor.once('exit', (code) => resolve(code)));
  survivor.kill('SIGTERM');
  const code = await Promise.race([
    exited,
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000)),
  ]);
  assert(code === 0, `the surviving process exits 0 on SIGTERM (got ${code})`);
  await db.end();
}

async function main() {
  await admin.unsafe(`CREATE DATABASE ${databaseName}`);
  fs.mkdirSync(dataDir, { recursive: true });
  // The first process migrates and loads the demo; the second starts on the ready database.
  startApp(appPorts[0]);
  await waitFor(`http://127.0.0.1:${appPorts[0]}/readyz`, `the process on port ${appPorts[0]}`, 120_000);
  startApp(appPorts[1]);
  await waitFor(`http://127.0.0.1:${appPorts[1]}/readyz`, `the process on port ${appPorts[1]}`);
  startNginx();
  await waitFor(`${proxyUrl}/healthz`, 'nginx');
  console.log(
    `Kakehashi behind nginx: ${proxyUrl} (processes on ${appPorts.join(', ')}, database ${databaseName})`,
  );

  if (isCheck) {
    await check();
    console.log('two processes behind nginx: every check passed');
    await stopAll();
    return;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await stopAll();
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await stopAll().catch(() => {});
  process.exit(1);
});
