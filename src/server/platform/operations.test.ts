import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client';
import { jobs, mailOutbox, prefectures } from '../db/schema';
import { createTestContext } from '../testing/harness';

const metricsToken = 'a-token-of-sixteen-or-more';
const ctx = await createTestContext({ metricsToken });
const db = ctx.database.db;

/** The same app without a token, served on a real socket so the caller's address is known. */
const loopbackCtx = await createTestContext();
const server = serve({ fetch: loopbackCtx.app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const loopbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function metricValue(text: string, name: string, labels: Record<string, string>): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const isMatch = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (isMatch) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return null;
}

describe('/metrics', () => {
  it('is refused without the token, and refused for a wrong one', async () => {
    expect((await ctx.request('GET', '/metrics')).status).toBe(403);
    const wrong = await ctx.request('GET', '/metrics', { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
  });

  it('counts requests per matched route pattern, never per raw path', async () => {
    const cookie = await ctx.sessionCookieFor('admin@pref.example.jp');
    for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']) {
      expect((await ctx.request('GET', `/api/municipalities/${id}`, { cookie })).status).toBe(404);
    }
    const res = await ctx.request('GET', '/metrics', {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(
      metricValue(text, 'kakehashi_http_requests_total', {
        method: 'GET',
        route: '/api/municipalities/:id',
        status: '404',
      }),
    ).toBe(2);
    expect(text).not.toContain('00000000-0000-4000-8000-000000000001');
    expect(
      metricValue(text, 'kakehashi_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/municipalities/:id',
      }),
    ).toBe(2);
  });

  it('reports the job queue and the mail outbox from their tables', async () => {
    const [prefecture] = await db.select({ id: prefectures.id }).from(prefectures).limit(1);
    await db.delete(jobs);
    await db.delete(mailOutbox);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await db.insert(jobs).values([
      { kind: 'test.metrics', payload: {}, runAt: anHourAgo },
      { kind: 'test.metrics', payload: {}, status: 'failed' },
    ]);
    await db.insert(mailOutbox).values({
      prefectureId: prefecture!.id,
      toAddress: 'town@example.jp',
      subject: '件名',
      bodyText: '本文',
      createdAt: anHourAgo,
    });
    const res = await ctx.request('GET', '/metrics', {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    const text = await res.text();
    expect(metricValue(text, 'kakehashi_jobs', { status: 'queued' })).toBe(1);
    expect(metricValue(text, 'kakehashi_jobs', { status: 'failed' })).toBe(1);
    expect(metricValue(text, 'kakehashi_jobs', { status: 'running' })).toBe(0);
    expect(metricValue(text, 'kakehashi_mail_outbox', { status: 'queued' })).toBe(1);
    const oldestJob = Number(/kakehashi_jobs_oldest_due_seconds\{[^}]*\} (\S+)/.exec(text)?.[1]);
    expect(oldestJob).toBeGreaterThan(3_500);
    const oldestMail = Number(/kakehashi_mail_outbox_oldest_queued_seconds\{[^}]*\} (\S+)/.exec(text)?.[1]);
    expect(oldestMail).toBeGreaterThan(3_500);
    await db.delete(jobs);
    await db.delete(mailOutbox);
  });

  // Both engines run in CI; the connection figures exist only where there is a server to ask.
  it.runIf(ctx.database.engine === 'postgres')(
    'reports PostgreSQL connections and the pool size',
    async () => {
      const poolCtx = await createTestContext({ metricsToken, databasePoolMax: 10 });
      const res = await poolCtx.request('GET', '/metrics', {
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      const text = await res.text();
      expect(metricValue(text, 'kakehashi_db_connections', { state: 'active' })).toBeGreaterThanOrEqual(1);
      expect(metricValue(text, 'kakehashi_db_connections', { state: 'pool_max' })).toBe(10);
    },
  );

  it('without a token answers a caller on this machine only', async () => {
    const res = await fetch(`${loopbackUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('kakehashi_http_requests_total');
    // X-Forwarded-For names no one: only the socket's address counts.
    const viaProxyHeader = await loopbackCtx.app.request('/metrics', {
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(viaProxyHeader.status).toBe(403);
  });
});

describe('/readyz', () => {
  it('is ready when the database answers and every shipped migration is applied', async () => {
    const res = await ctx.request('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('is not ready while the latest migration is missing', async () => {
    const [latest] = rowsOf<{ id: number; hash: string; created_at: string }>(
      await db.execute(
        sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
      ),
    );
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${latest!.id}`);
    try {
      const res = await ctx.request('GET', '/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', database: 'migrations pending' });
    } finally {
      await db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${latest!.id}, ${latest!.hash}, ${latest!.created_at})`,
      );
    }
    expect((await ctx.request('GET', '/readyz')).status).toBe(200);
  });
});
