import os from 'node:os';
import { parseArgs } from 'node:util';
import { createStorage, type Engine, measure, printTable, signIn, startServer, type Target } from './harness';
import { buildNationalTenant, format, nationalParts, rng } from './synthetic';

/**
 * `npm run bench:dashboards [-- --seconds 5 --connections 32 --engines pglite,postgres
 * --municipalities 1741 --years 10 --answers 100000 --activities 50000]`: the coverage and
 * maturity dashboards on a synthetic national-scale tenant (every municipality of Japan in one
 * prefecture, ten fiscal years, 100,000 needs-survey answers, 50,000 project activities —
 * bench/synthetic.ts), at 32 concurrent connections, with p99 and throughput as ratios to
 * /healthz measured in the same run. Targets (ADR 014): p99 < 100 ms and at least 1/3 of
 * /healthz's throughput. The server runs as its own process (bench/harness.ts); PGlite in a
 * fresh DATA_DIR, PostgreSQL in a database created on `--postgres` and dropped after.
 */

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    engines: { type: 'string', default: 'pglite,postgres' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    municipalities: { type: 'string', default: '1741' },
    years: { type: 'string', default: '10' },
    answers: { type: 'string', default: '100000' },
    activities: { type: 'string', default: '50000' },
  },
});
const options = { seconds: Number(args.seconds), connections: Number(args.connections) };
const size = {
  municipalities: Number(args.municipalities),
  years: Number(args.years),
  answers: Number(args.answers),
  activities: Number(args.activities),
};

console.log(
  `Kakehashi dashboards bench — Node ${process.version}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''}, load ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}\n`,
);

for (const engine of args.engines.split(',') as Engine[]) {
  const storage = await createStorage(engine, args.postgres);
  try {
    const database = await storage.open();
    await database.migrate();
    let started = performance.now();
    const data = await buildNationalTenant(database.db, size);
    console.log(
      `${engine}: tenant of ${format(data.municipalities.length)} municipalities, ${data.years.length} fiscal years (${format(performance.now() - started)} ms)`,
    );
    const random = rng(20260401);
    for (const part of nationalParts) {
      started = performance.now();
      const what = await part.build(database.db, data, size, random);
      console.log(`${engine}: ${part.name}: ${what} (${format(performance.now() - started)} ms)`);
    }
    const admin = { cookie: await signIn(database, data.adminUserId) };
    const town = { cookie: await signIn(database, data.townUserId) };
    await database.close();
    const lastYear = Math.max(...data.years.map((y) => y.year));
    // As a browser asks: the prefecture-wide views go out compressed (once per data generation).
    const browser = { 'accept-encoding': 'gzip, deflate, br' };
    const targets: Target[] = [
      { name: 'GET /healthz', path: '/healthz', headers: {} },
      // The floor of any signed-in API request (session lookup): what the dashboards add is above it.
      { name: 'GET /api/auth/me (floor)', path: '/api/auth/me', headers: admin },
      ...(['coverage', 'maturity'] as const).flatMap((view) =>
        (
          [
            ['prefecture', admin],
            ['municipality', town],
          ] as const
        ).map(([who, headers]) => ({
          name: `${view} (${who})`,
          path: `/api/dashboards/${view}?fiscalYear=${lastYear}`,
          headers: { ...headers, ...browser },
        })),
      ),
    ];
    const server = await startServer(storage);
    console.log(`${engine}: server listening after ${format(server.startupMs)} ms`);
    // The first request after a change gathers the read model (scores every answer): timed apart.
    for (const target of targets.slice(2, 4)) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}${target.path}`, { headers: target.headers });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${target.name}: ${res.status}`);
      console.log(
        `${engine}: first ${target.name}: ${format(performance.now() - t0)} ms, ${format(body.byteLength / 1024)} KiB`,
      );
    }
    let results: Awaited<ReturnType<typeof measure>>;
    try {
      results = await measure(server.url, targets, options, server.pid);
    } finally {
      await server.stop();
    }
    const baseline = results[0]!;
    console.log(`\n${engine}, ${options.seconds} s per target, ${options.connections} connections:`);
    printTable(
      [
        'target',
        'req/s',
        'p50 ms',
        'p99 ms',
        'req/s vs /healthz',
        'p99 < 100 ms',
        '≥ 1/3 of /healthz',
        'KiB sent',
        'server busy',
        'server CPU ms/req',
      ],
      results.map((r) => {
        const share = r.requestsPerSecond / baseline.requestsPerSecond;
        return [
          r.name,
          format(r.requestsPerSecond),
          format(r.p50),
          format(r.p99),
          share.toFixed(2),
          r.p99 < 100 ? 'yes' : 'NO',
          share >= 1 / 3 ? 'yes' : 'NO',
          (r.wireBytes / 1024).toFixed(1),
          r.serverBusy === null ? '—' : `${Math.round(r.serverBusy * 100)}%`,
          r.serverCpuMsPerRequest === null ? '—' : r.serverCpuMsPerRequest.toFixed(2),
        ];
      }),
    );
    console.log(
      'server busy: CPU time of the server process over the run (100% = one core). Well below 100% the\n' +
        'server was waiting for the load generator on the other core (large answers), not working.',
    );
    console.log('');
  } finally {
    await storage.dispose();
  }
}
