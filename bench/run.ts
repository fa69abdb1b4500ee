import os from 'node:os';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { fiscalYears, surveys, users } from '../src/server/db/schema';
import { seedDemo } from '../src/server/db/seed/demo';
import {
  createStorage,
  type Engine,
  type Measured,
  measure,
  printTable,
  signIn,
  startServer,
  type Target,
} from './harness';
import { format, growDemoPrefecture } from './synthetic';

/**
 * `npm run bench [-- --seconds 5 --connections 32 --engines pglite,postgres --sizes 59,600]`:
 * every signed-in read of the demo prefecture against `/healthz` measured in the same run, at
 * 59 municipalities (the demo) and at 600 (the demo grown by bench/synthetic.ts), on PGlite
 * (a fresh DATA_DIR) and on PostgreSQL (a database created on `--postgres`, dropped after).
 * The server runs as its own process, as `npm start` runs it; autocannon runs here.
 *
 * Targets (issue 13 item 12): each read ≥ 1/3 of /healthz's throughput with p99 < 100 ms at 32
 * connections at 59 municipalities, and at 600 no worse than half its 59 ratio. A cell that
 * misses its target is marked with `!`. Loopback only; not a test.
 */

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    engines: { type: 'string', default: 'pglite,postgres' },
    sizes: { type: 'string', default: '59,600' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** Only the endpoints whose name contains this text (and /healthz). */
    only: { type: 'string' },
    /** A directory for the server's V8 CPU profiles (one per server run). */
    profile: { type: 'string' },
  },
});
const options = { seconds: Number(args.seconds), connections: Number(args.connections) };
const engines = args.engines.split(',') as Engine[];
const sizes = args.sizes.split(',').map(Number);

console.log(
  `Kakehashi bench — Node ${process.version}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''}, load ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
console.log(
  `${options.seconds} s per target, ${options.connections} connections; server in its own process (tsx src/server/main.ts)\n`,
);

interface Column {
  engine: Engine;
  size: number;
  results: Measured[];
}
const columns: Column[] = [];

for (const engine of engines) {
  const storage = await createStorage(engine, args.postgres);
  try {
    let started = performance.now();
    let database = await storage.open();
    await database.migrate();
    await seedDemo(database.db, { now: new Date() });
    const userId = async (email: string) =>
      (await database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
    const townUser = await userId('dx@nishiaizu.example.jp');
    const adminUser = await userId('admin@pref.example.jp');
    const townSession = { cookie: await signIn(database, townUser) };
    const adminSession = { cookie: await signIn(database, adminUser) };
    const [fy2024] = await database.db
      .select({ id: fiscalYears.id })
      .from(fiscalYears)
      .where(eq(fiscalYears.year, 2024));
    const [needsSurvey] = await database.db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.fiscalYearId, fy2024!.id), eq(surveys.kind, 'needs')));
    await database.close();
    console.log(`${engine}: demo loaded (${format(performance.now() - started)} ms)`);
    // Every API request as the web app's fetch sends it: the browser always offers compression.
    const browser = { 'accept-encoding': 'gzip, deflate, br' };
    const town = { ...townSession, ...browser };
    const admin = { ...adminSession, ...browser };
    const targets: Target[] = [
      { name: 'GET /healthz', path: '/healthz', headers: {} },
      { name: 'auth/me (town)', path: '/api/auth/me', headers: town },
      { name: 'home (town)', path: '/api/home', headers: town },
      { name: 'municipalities, first page (town)', path: '/api/municipalities', headers: town },
      { name: 'municipalities, first page (admin)', path: '/api/municipalities', headers: admin },
      { name: 'survey results (admin)', path: `/api/surveys/${needsSurvey!.id}/results`, headers: admin },
      {
        name: 'menu recommendations (town)',
        path: `/api/menus/recommendations?fiscalYearId=${fy2024!.id}`,
        headers: town,
      },
      { name: 'seminar reach (admin)', path: '/api/seminar-reach?fiscalYear=2024', headers: admin },
      {
        name: 'seminar reach xlsx (admin)',
        path: '/api/seminar-reach/export?fiscalYear=2024',
        headers: admin,
      },
      {
        name: 'coverage dashboard (admin)',
        path: '/api/dashboards/coverage?fiscalYear=2024',
        headers: admin,
      },
      {
        name: 'maturity dashboard (admin)',
        path: '/api/dashboards/maturity?fiscalYear=2024',
        headers: admin,
      },
      {
        name: 'maturity dashboard (town)',
        path: '/api/dashboards/maturity?fiscalYear=2024',
        headers: town,
      },
    ];
    const chosen = targets.filter((t, i) => i === 0 || !args.only || t.name.includes(args.only));
    for (const size of sizes) {
      if (size > 59) {
        started = performance.now();
        database = await storage.open();
        const what = await growDemoPrefecture(database.db, size);
        await database.close();
        console.log(`${engine}: ${what} (${format(performance.now() - started)} ms)`);
      }
      const server = await startServer(storage, { profileDir: args.profile });
      console.log(`${engine} ${size}: server listening after ${format(server.startupMs)} ms; measuring`);
      try {
        columns.push({ engine, size, results: await measure(server.url, chosen, options, server.pid) });
      } finally {
        await server.stop();
      }
    }
  } finally {
    await storage.dispose();
  }
}

// ---------------------------------------------------------------------------
// One table: a row per endpoint, per engine and size its ratio to /healthz, p50 and p99.

const share = (column: Column, i: number) =>
  column.results[i]!.requestsPerSecond / column.results[0]!.requestsPerSecond;
const smallest = Math.min(...sizes);
const headers = ['endpoint'];
for (const c of columns) {
  const label = `${c.engine === 'pglite' ? 'PGlite' : 'PG'} ${c.size}`;
  headers.push(`${label} ×hz`, 'p50', 'p99', 'busy');
}
headers.push('KiB');
const rows = columns[0]!.results.map((r, i) => {
  const cells = [r.name];
  for (const c of columns) {
    const m = c.results[i]!;
    // No answer completed within the window (p50 above --seconds on a loaded machine): no figure.
    if (m.requestsPerSecond === 0) {
      cells.push('—', '—', '—', '—');
      continue;
    }
    const ratio = share(c, i);
    let isMissed: boolean;
    if (i === 0) isMissed = false;
    else if (c.size === smallest) isMissed = ratio < 1 / 3 || m.p99 >= 100;
    else {
      const base = columns.find((b) => b.engine === c.engine && b.size === smallest);
      isMissed = base ? ratio < share(base, i) / 2 : false;
    }
    cells.push(
      i === 0 ? `${format(m.requestsPerSecond)}/s` : `${ratio.toFixed(2)}${isMissed ? '!' : ''}`,
      format(m.p50),
      format(m.p99),
      m.serverBusy === null ? '—' : `${Math.round(m.serverBusy * 100)}%`,
    );
  }
  cells.push(format(Math.max(...columns.map((c) => c.results[i]!.bytes)) / 1024, 1));
  return cells;
});
console.log(
  '\n×hz: throughput as a share of /healthz in the same run (its row: requests/s). p50/p99 in ms. KiB: largest answer.\n' +
    'busy: the server process on a CPU over the run (100% = one core); well below it, the load generator was the limit.',
);
console.log(
  `! misses its target: at ${smallest}, ≥ 0.33 and p99 < 100 ms; at more, ≥ half the ${smallest}-municipality ratio.\n`,
);
printTable(headers, rows);
