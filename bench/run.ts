import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { createApp } from '../src/server/app';
import { type DatabaseHandle, openDatabase } from '../src/server/db/client';
import { fiscalYears, surveys, users } from '../src/server/db/schema';
import { seedDemo } from '../src/server/db/seed/demo';
import { createSession, sessionCookieName } from '../src/server/platform/auth/sessions';
import { defaultConfig } from '../src/server/platform/deps';

/**
 * `npm run bench [-- --seconds 5 --connections 10]`: what a request costs
 * beyond the bare minimum, and what the test template saves. Absolute numbers
 * depend on the machine, so everything is also printed as a ratio to a
 * baseline measured in the same run. Loopback only; not a test.
 */

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    repeats: { type: 'string', default: '3' },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const repeats = Number(args.repeats);

type PgliteClient = { dumpDataDir(compression: 'gzip'): Promise<Blob> };

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const format = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const ratio = (n: number) => n.toFixed(2);

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)));
  console.log(line(headers).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row).join('  '));
}

// ---------------------------------------------------------------------------
// 1. Database start-up: migrate + seed from nothing vs. load a dumped template.

console.log(
  `Kakehashi bench — Node ${process.version}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''}\n`,
);
console.log(`PGlite start-up (in memory), median of ${repeats}:`);

const freshRuns: number[] = [];
let template: Blob | undefined;
for (let i = 0; i < repeats; i++) {
  const { ms, value: handle } = await timed(async () => {
    const handle = await openDatabase({});
    await handle.migrate();
    await seedDemo(handle.db, { now: new Date() });
    return handle;
  });
  freshRuns.push(ms);
  if (!template)
    template = await (handle.db as unknown as { $client: PgliteClient }).$client.dumpDataDir('gzip');
  await handle.close();
}
const templateRuns: number[] = [];
for (let i = 0; i < repeats; i++) {
  const { ms, value: handle } = await timed(() => openDatabase({ pgliteTemplate: template }));
  templateRuns.push(ms);
  await handle.close();
}
printTable(
  ['how', 'first ms', 'median ms', 'ratio'],
  [
    ['open + migrate + seed', format(freshRuns[0]!), format(median(freshRuns)), '1.00'],
    [
      `open a template copy (${format(template!.size / 1024)} KiB gzip)`,
      format(templateRuns[0]!),
      format(median(templateRuns)),
      ratio(median(templateRuns) / median(freshRuns)),
    ],
  ],
);

// ---------------------------------------------------------------------------
// 2. HTTP: a request that touches nothing vs. signed-in API calls.

const database: DatabaseHandle = await openDatabase({ pgliteTemplate: template });
// Request logs go where production sends them (one JSON line each), but into /dev/null.
const logger = pino({ level: 'info' }, pino.destination({ dest: os.devNull, sync: false }));
const { app } = createApp({ database, config: defaultConfig, logger });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function cookieOf(email: string): Promise<string> {
  const [user] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const session = await createSession(database.db, user!.id, {
    ...defaultConfig.sessionPolicy,
    isMfaComplete: true,
    ipAddress: null,
    userAgent: 'bench',
    now: new Date(),
  });
  return `${sessionCookieName}=${session.token}`;
}
const cookie = await cookieOf('dx@nishiaizu.example.jp');
const adminCookie = await cookieOf('admin@pref.example.jp');
// The demo year's needs survey: 59 submitted responses, the heaviest read pages of the cycle.
const [fy2024] = await database.db
  .select({ id: fiscalYears.id })
  .from(fiscalYears)
  .where(eq(fiscalYears.year, 2024));
const [needsSurvey] = await database.db
  .select({ id: surveys.id })
  .from(surveys)
  .where(and(eq(surveys.fiscalYearId, fy2024!.id), eq(surveys.kind, 'needs')));

const targets = [
  { name: 'GET /healthz', path: '/healthz', headers: {} as Record<string, string> },
  { name: 'GET /api/municipalities (signed in)', path: '/api/municipalities', headers: { cookie } },
  { name: 'GET /api/auth/me (signed in)', path: '/api/auth/me', headers: { cookie } },
  {
    name: 'GET survey results, 59 responses (admin)',
    path: `/api/surveys/${needsSurvey!.id}/results`,
    headers: { cookie: adminCookie },
  },
  {
    name: 'GET menu recommendations (municipality)',
    path: `/api/menus/recommendations?fiscalYearId=${fy2024!.id}`,
    headers: { cookie },
  },
  {
    name: 'GET seminar reach FY2024 (admin)',
    path: '/api/seminar-reach?fiscalYear=2024',
    headers: { cookie: adminCookie },
  },
];

console.log(`\nHTTP on loopback, ${seconds} s per target, ${connections} connections (in-process server):`);
const results = [];
for (const target of targets) {
  const result = await autocannon({
    url: `${baseUrl}${target.path}`,
    connections,
    duration: seconds,
    headers: target.headers,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  results.push({ target, result });
}
const baseline = results[0]!.result;
printTable(
  ['target', 'req/s', 'p50 ms', 'p99 ms', 'req/s vs /healthz', 'p99 vs /healthz'],
  results.map(({ target, result }) => [
    target.name,
    format(result.requests.average),
    format(result.latency.p50),
    format(result.latency.p99),
    ratio(result.requests.average / baseline.requests.average),
    ratio(result.latency.p99 / Math.max(baseline.latency.p99, 1)),
  ]),
);

server.close();
await database.close();
