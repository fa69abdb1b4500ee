import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import pino from 'pino';
import { createApp } from '../src/server/app';
import { type DatabaseHandle, type Executor, openDatabase } from '../src/server/db/client';
import {
  areas,
  fiscalYears,
  municipalities,
  organizations,
  prefectures,
  regions,
  supportProjects,
  surveyResponses,
  surveys,
  users,
} from '../src/server/db/schema';
import { parseCsvRecords } from '../src/server/platform/csv';
import { demoNeedsAnswers, needsSurveySections } from '../src/server/db/seed/surveys-demo';
import { readReferenceFile } from '../src/server/db/seed/reference-data';
import { createSession, sessionCookieName } from '../src/server/platform/auth/sessions';
import { defaultConfig } from '../src/server/platform/deps';

/**
 * `npm run bench:dashboards [-- --seconds 5 --connections 32 --municipalities 1741 --years 10
 * --answers 100000]`: the coverage and maturity dashboards on a synthetic national-scale tenant
 * (every municipality of Japan in one prefecture, ten fiscal years, 100,000 needs-survey answers),
 * at 32 concurrent connections, with p99 and throughput as ratios to /healthz measured in the
 * same run. Targets (ADR 014): p99 < 100 ms and at least 1/3 of /healthz's throughput.
 * PGlite in memory; PostgreSQL when DATABASE_URL is set. Loopback only; not a test.
 *
 * The dataset is built by parts (`syntheticParts`), each adding one kind of row. The projects
 * feature's activities (50,000) plug in as one more part once its activity table exists.
 */

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    municipalities: { type: 'string', default: '1741' },
    years: { type: 'string', default: '10' },
    answers: { type: 'string', default: '100000' },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const size = {
  municipalities: Number(args.municipalities),
  years: Number(args.years),
  answers: Number(args.answers),
};
// The one place a bench reads the environment: which engine to run on, as the test harness does.
const databaseUrl = process.env.DATABASE_URL;

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

/** A small deterministic generator (mulberry32), so every run builds the same data. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, chunk = 1000) {
  for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk));
}

/** What the parts share: the tenant and the rows made so far. */
interface Synthetic {
  prefectureId: string;
  municipalities: { id: string; code: string; kind: string; isEvacuationArea: boolean }[];
  years: { id: string; year: number }[];
  adminUserId: string;
  townUserId: string;
}

interface SyntheticPart {
  name: string;
  build(db: Executor, data: Synthetic, random: () => number): Promise<string>;
}

/** The tenant: one prefecture holding the first N municipalities of Japan, 8 regions, 47 areas. */
async function buildTenant(db: Executor): Promise<Synthetic> {
  const [prefecture] = await db
    .insert(prefectures)
    .values({ code: '99', name: '全国合成県', nameEn: 'Synthetic national prefecture' })
    .returning();
  const prefectureId = prefecture!.id;
  const { records } = parseCsvRecords(readReferenceFile('japan-municipalities.csv'));
  const regionRows = await db
    .insert(regions)
    .values(
      Array.from({ length: 8 }, (_, i) => ({
        prefectureId,
        name: `地方${i + 1}`,
        nameEn: `Region ${i + 1}`,
        sortOrder: i,
      })),
    )
    .returning();
  const prefCodes = [...new Set(records.map((r) => r.prefecture_code!))];
  const areaRows = await db
    .insert(areas)
    .values(
      prefCodes.map((code, i) => ({
        prefectureId,
        regionId: regionRows[i % regionRows.length]!.id,
        name: `地域${code}`,
        nameEn: `Area ${code}`,
        sortOrder: i,
      })),
    )
    .returning();
  const areaOf = new Map(prefCodes.map((code, i) => [code, areaRows[i]!.id]));
  const chosen = records.slice(0, size.municipalities);
  const rows = chosen.map((r) => ({
    prefectureId,
    code: r.code!,
    name: r.name!,
    nameKana: r.name!,
    nameEn: r.code!,
    kind: r.name!.endsWith('村') ? 'village' : r.name!.endsWith('町') ? 'town' : 'city',
    areaId: areaOf.get(r.prefecture_code!)!,
  }));
  const inserted: Synthetic['municipalities'] = [];
  await insertChunked(rows, async (chunk) => {
    const back = await db.insert(municipalities).values(chunk).returning();
    inserted.push(...back.map((m) => ({ id: m.id, code: m.code, kind: m.kind, isEvacuationArea: false })));
  });
  const firstYear = 2025 - size.years;
  const years = await db
    .insert(fiscalYears)
    .values(
      Array.from({ length: size.years }, (_, i) => ({ prefectureId, year: firstYear + i, status: 'closed' })),
    )
    .returning({ id: fiscalYears.id, year: fiscalYears.year });
  const [prefOrg] = await db
    .insert(organizations)
    .values({ prefectureId, kind: 'prefecture', name: '合成県庁', nameEn: 'Synthetic office' })
    .returning();
  const [townOrg] = await db
    .insert(organizations)
    .values({
      prefectureId,
      kind: 'municipality',
      name: chosen[0]!.name!,
      nameEn: chosen[0]!.code!,
      municipalityId: inserted[0]!.id,
    })
    .returning();
  const [admin] = await db
    .insert(users)
    .values({
      prefectureId,
      organizationId: prefOrg!.id,
      email: 'bench-admin@example.jp',
      displayName: 'bench admin',
      roles: ['prefecture_admin'],
    })
    .returning();
  const [town] = await db
    .insert(users)
    .values({
      prefectureId,
      organizationId: townOrg!.id,
      email: 'bench-town@example.jp',
      displayName: 'bench town',
      roles: ['municipality_staff'],
    })
    .returning();
  return {
    prefectureId,
    municipalities: inserted,
    years: years.map((y) => ({ ...y, year: Number(y.year) })),
    adminUserId: admin!.id,
    townUserId: town!.id,
  };
}

const supportProjectsPart: SyntheticPart = {
  name: 'support projects',
  async build(db, data, random) {
    const rows = data.years.flatMap((fy) =>
      data.municipalities.flatMap((m) => {
        if (random() > 0.3) return [];
        const count = random() < 0.15 ? 2 : 1;
        return Array.from({ length: count }, (_, k) => ({
          prefectureId: data.prefectureId,
          fiscalYearId: fy.id,
          municipalityId: m.id,
          title: `伴走支援 ${k + 1}`,
          companyName: '合成事業者',
          costThousandYen: 500 + Math.floor(random() * 1500),
          source: 'import' as const,
          status: 'completed' as const,
        }));
      }),
    );
    await insertChunked(rows, (chunk) => db.insert(supportProjects).values(chunk));
    return `${format(rows.length)} support projects`;
  },
};

/**
 * Needs-survey answers: every municipality × year answers the year's survey, and later versions
 * of the question set (the earlier ones superseded) take the rest, until `answers` are stored.
 */
const needsAnswersPart: SyntheticPart = {
  name: 'needs-survey answers',
  async build(db, data) {
    const perRound = data.municipalities.length * data.years.length;
    const rounds = Math.ceil(size.answers / perRound);
    const surveyOf = new Map<string, string>();
    for (const fy of data.years) {
      for (let version = 0; version < rounds; version++) {
        const [row] = await db
          .insert(surveys)
          .values({
            prefectureId: data.prefectureId,
            fiscalYearId: fy.id,
            kind: 'needs',
            audience: 'municipalities',
            title: `ニーズ調査 ${fy.year} v${version + 1}`,
            titleEn: `Needs survey ${fy.year} v${version + 1}`,
            opensAt: new Date(`${fy.year}-04-08T00:00:00Z`),
            closesAt: new Date(`${fy.year}-04-26T08:00:00Z`),
            definition: needsSurveySections,
            surveyVersion: version + 1,
            supersededAt: version < rounds - 1 ? new Date(`${fy.year}-05-01T00:00:00Z`) : null,
            share: { isPublished: true, includeMunicipalityNames: false, rawAnswerKeys: [] },
          })
          .returning({ id: surveys.id });
        surveyOf.set(`${fy.year}|${version}`, row!.id);
      }
    }
    let stored = 0;
    for (let version = 0; version < rounds && stored < size.answers; version++) {
      for (const fy of data.years) {
        const rows = [];
        for (const [i, m] of data.municipalities.entries()) {
          if (stored >= size.answers) break;
          stored++;
          rows.push({
            prefectureId: data.prefectureId,
            surveyId: surveyOf.get(`${fy.year}|${version}`)!,
            respondentKey: `municipality:${m.id}`,
            municipalityId: m.id,
            status: 'submitted' as const,
            answers: demoNeedsAnswers(m, fy.year),
            submittedAt: new Date(Date.parse(`${fy.year}-04-09T00:00:00Z`) + version * 86_400_000 + i * 1000),
          });
        }
        await insertChunked(rows, (chunk) => db.insert(surveyResponses).values(chunk), 500);
      }
    }
    return `${format(stored)} needs-survey answers in ${format(surveyOf.size)} survey versions`;
  },
};

/** Every part, in order. Activities (projects feature) join here once their table exists. */
const syntheticParts: SyntheticPart[] = [supportProjectsPart, needsAnswersPart];

// ---------------------------------------------------------------------------

console.log(
  `Kakehashi dashboards bench — Node ${process.version}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''}`,
);
console.log(`Engine: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (in memory)'}\n`);

const database: DatabaseHandle = await openDatabase(databaseUrl ? { databaseUrl, maxConnections: 10 } : {});
await database.migrate();
let started = performance.now();
const data = await buildTenant(database.db);
console.log(
  `tenant: ${format(data.municipalities.length)} municipalities, ${data.years.length} fiscal years (${format(performance.now() - started)} ms)`,
);
const random = rng(20260401);
for (const part of syntheticParts) {
  started = performance.now();
  const what = await part.build(database.db, data, random);
  console.log(`${part.name}: ${what} (${format(performance.now() - started)} ms)`);
}

const logger = pino({ level: 'info' }, pino.destination({ dest: os.devNull, sync: false }));
const { app } = createApp({ database, config: defaultConfig, logger });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function cookieOf(userId: string): Promise<string> {
  const session = await createSession(database.db, userId, {
    ...defaultConfig.sessionPolicy,
    isMfaComplete: true,
    ipAddress: null,
    userAgent: 'bench',
    now: new Date(),
  });
  return `${sessionCookieName}=${session.token}`;
}
const adminCookie = await cookieOf(data.adminUserId);
const townCookie = await cookieOf(data.townUserId);
const lastYear = Math.max(...data.years.map((y) => y.year));

// As a browser asks: the prefecture-wide views go out compressed (once per data generation).
const browser = { 'accept-encoding': 'gzip, deflate, br' };
const targets = [
  { name: 'GET /healthz', path: '/healthz', headers: {} as Record<string, string> },
  // The floor of any signed-in API request (session lookup): what the dashboards add is above it.
  { name: 'GET /api/auth/me (floor)', path: '/api/auth/me', headers: { cookie: adminCookie } },
  {
    name: 'coverage (prefecture)',
    path: `/api/dashboards/coverage?fiscalYear=${lastYear}`,
    headers: { cookie: adminCookie, ...browser },
  },
  {
    name: 'maturity (prefecture)',
    path: `/api/dashboards/maturity?fiscalYear=${lastYear}`,
    headers: { cookie: adminCookie, ...browser },
  },
  {
    name: 'coverage (municipality)',
    path: `/api/dashboards/coverage?fiscalYear=${lastYear}`,
    headers: { cookie: townCookie, ...browser },
  },
  {
    name: 'maturity (municipality)',
    path: `/api/dashboards/maturity?fiscalYear=${lastYear}`,
    headers: { cookie: townCookie, ...browser },
  },
];

// The first request of a process gathers the read model (scores every answer): timed apart.
console.log('\nFirst request after a change (the read model is gathered once per data generation):');
for (const target of targets.slice(2, 4)) {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${target.path}`, { headers: target.headers });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${target.name}: ${res.status}`);
  console.log(
    `  ${target.name}: ${format(performance.now() - t0)} ms, ${format(body.byteLength / 1024)} KiB`,
  );
}

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
  ['target', 'req/s', 'p50 ms', 'p99 ms', 'req/s vs /healthz', 'p99 < 100 ms', '≥ 1/3 of /healthz'],
  results.map(({ target, result }) => {
    const share = result.requests.average / baseline.requests.average;
    return [
      target.name,
      format(result.requests.average),
      format(result.latency.p50),
      format(result.latency.p99),
      ratio(share),
      result.latency.p99 < 100 ? 'yes' : 'NO',
      share >= 1 / 3 ? 'yes' : 'NO',
    ];
  }),
);

server.close();
await database.close();
