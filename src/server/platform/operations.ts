import fs from 'node:fs';
import path from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseHandle } from '../db/client';
import { resolveMigrationsFolder, rowsOf } from '../db/client';
import type { AppEnv } from './http';

/**
 * What an operator sees of a running process: `/metrics` in Prometheus text format, `/readyz` for
 * a load balancer. Each app gets its own registry (no module-level state), so tests can build many
 * apps in one process and every process reports only itself.
 *
 * Route labels are the matched route patterns (`/api/surveys/:id`), never raw paths, so the number
 * of series stays bounded whatever URLs clients invent. Queue and outbox figures are read from
 * their tables at scrape time: they are shared by every process, so every process reports the
 * same values (sum by route, but take max of the queue gauges across instances).
 */
export interface Operations {
  /** Times every request into the per-route counter and histogram. */
  middleware: MiddlewareHandler<AppEnv>;
  /** GET /metrics: Prometheus text; only for a bearer token (METRICS_TOKEN) or, without one, loopback callers. */
  metrics: (c: Context<AppEnv>) => Promise<Response>;
  /** GET /readyz: 200 when the database answers and every migration this build ships is applied. */
  readiness: (c: Context<AppEnv>) => Promise<Response>;
}

export interface OperationsOptions {
  database: DatabaseHandle;
  /** When set, /metrics requires `Authorization: Bearer <token>`; otherwise only loopback sockets. */
  metricsToken?: string | undefined;
  /** postgres-js pool size, reported beside the connections in use (PostgreSQL only). */
  poolMax?: number;
}

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createOperations(options: OperationsOptions): Operations {
  const { database } = options;
  const db = database.db;
  const registry = new Registry();
  registry.setDefaultLabels({ engine: database.engine });

  const requests = new Counter({
    name: 'kakehashi_http_requests_total',
    help: 'HTTP requests answered, by method, matched route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'kakehashi_http_request_duration_seconds',
    help: 'Time from receiving a request to its response, by method and matched route.',
    labelNames: ['method', 'route'] as const,
    buckets: latencyBuckets,
    registers: [registry],
  });
  new Gauge({
    name: 'kakehashi_jobs',
    help: 'Background jobs by status (shared by all processes).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.execute<{ status: string; n: number }>(
        sql`select status, count(*)::int as n from jobs where status in ('queued', 'running', 'failed') group by status`,
      );
      for (const status of ['queued', 'running', 'failed']) {
        this.set(
          { status },
          Number(rowsOf<{ status: string; n: number }>(rows).find((r) => r.status === status)?.n ?? 0),
        );
      }
    },
  });
  new Gauge({
    name: 'kakehashi_jobs_oldest_due_seconds',
    help: 'Age of the oldest queued job that is due: how far behind the job runners are.',
    registers: [registry],
    async collect() {
      const rows = await db.execute<{ age: number | null }>(
        sql`select extract(epoch from (now() - min(run_at)))::float8 as age from jobs where status = 'queued' and run_at <= now()`,
      );
      this.set(Math.max(0, Number(rowsOf<{ age: number | null }>(rows)[0]?.age ?? 0)));
    },
  });
  new Gauge({
    name: 'kakehashi_mail_outbox',
    help: 'Mails in the outbox by status (queued, sending, failed).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.execute<{ status: string; n: number }>(
        sql`select status, count(*)::int as n from mail_outbox where status in ('queued', 'sending', 'failed') group by status`,
      );
      for (const status of ['queued', 'sending', 'failed']) {
        this.set(
          { status },
          Number(rowsOf<{ status: string; n: number }>(rows).find((r) => r.status === status)?.n ?? 0),
        );
      }
    },
  });
  new Gauge({
    name: 'kakehashi_mail_outbox_oldest_queued_seconds',
    help: 'Age of the oldest mail still waiting to be sent (0 when none).',
    registers: [registry],
    async collect() {
      const rows = await db.execute<{ age: number | null }>(
        sql`select extract(epoch from (now() - min(created_at)))::float8 as age from mail_outbox where status in ('queued', 'sending')`,
      );
      this.set(Math.max(0, Number(rowsOf<{ age: number | null }>(rows)[0]?.age ?? 0)));
    },
  });
  if (database.engine === 'postgres') {
    new Gauge({
      name: 'kakehashi_db_connections',
      help: "Connections to this database by state (all processes), and this process's pool size as state=pool_max.",
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await db.execute<{ state: string | null; n: number }>(
          sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity where datname = current_database() group by 1`,
        );
        for (const row of rowsOf<{ state: string | null; n: number }>(rows))
          this.set({ state: row.state ?? 'unknown' }, Number(row.n));
        if (options.poolMax) this.set({ state: 'pool_max' }, options.poolMax);
      },
    });
  }

  const lastMigration = latestShippedMigration();

  return {
    middleware: async (c, next) => {
      const started = performance.now();
      await next();
      const route = routeLabel(c);
      const seconds = (performance.now() - started) / 1000;
      requests.inc({ method: c.req.method, route, status: String(c.res.status) });
      latency.observe({ method: c.req.method, route }, seconds);
    },
    metrics: async (c) => {
      if (!isAllowedScraper(c, options.metricsToken)) return c.text('Forbidden\n', 403);
      const body = await registry.metrics();
      return c.body(body, 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    },
    readiness: async (c) => {
      const isUp = await database.ping();
      if (!isUp) return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
      const applied = await latestAppliedMigration(database);
      const isCurrent = applied !== null && applied >= lastMigration;
      return isCurrent
        ? c.json({ status: 'ready' }, 200)
        : c.json({ status: 'unavailable', database: 'migrations pending' }, 503);
    },
  };
}

/** The matched route pattern of the handler that answered; middleware-only matches are 'unmatched'. */
function routeLabel(c: Context): string {
  const routes = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  const route = routes[routes.length - 1];
  if (!route) return 'unmatched';
  return route.path;
}

function isAllowedScraper(c: Context<AppEnv>, token: string | undefined): boolean {
  if (token) return c.req.header('authorization') === `Bearer ${token}`;
  // Without a token only this machine may read it; nginx forwards nothing to /metrics (deploy/).
  // The socket's own address counts, never X-Forwarded-For.
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    // Not served by the Node server (app.request in tests): no socket to speak of.
    address = undefined;
  }
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** drizzle-kit's journal: the `when` of the last migration this build ships. */
function latestShippedMigration(): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(resolveMigrationsFolder(), 'meta', '_journal.json'), 'utf8'),
  ) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

/** Drizzle's migrator records each applied migration's `when` as created_at in drizzle.__drizzle_migrations. */
async function latestAppliedMigration(database: DatabaseHandle): Promise<number | null> {
  try {
    const rows = await database.db.execute<{ latest: string | number | null }>(
      sql`select max(created_at) as latest from drizzle.__drizzle_migrations`,
    );
    const latest = rowsOf<{ latest: string | number | null }>(rows)[0]?.latest;
    return latest === null || latest === undefined ? null : Number(latest);
  } catch {
    return null;
  }
}
