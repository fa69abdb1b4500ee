import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { fiscalYears, surveys } from '../db/schema';
import { csrfHeaderName } from './middleware';
import { createTestContext } from '../testing/harness';
import { defaultConfig } from './deps';

const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');

/** The app with a built web shell, to check the HTML pages the browser loads. */
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-web-'));
fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Kakehashi</title>');
fs.mkdirSync(path.join(webDir, 'assets'));
fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
const withWeb = createApp({
  database: ctx.database,
  config: defaultConfig,
  logger: pino({ level: 'silent' }),
  webDir,
}).app;

/**
 * Served by the real Node HTTP server, as in production: the way a response is rebuilt there
 * differs from app.request(), and that is where headers used to go missing.
 */
const server = serve({ fetch: withWeb.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string, url: string, options: { cookie?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { [csrfHeaderName]: '1' };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return fetch(`${base}${url}`, { method, headers, body });
}

const [needsSurvey] = await ctx.database.db
  .select({ id: surveys.id })
  .from(surveys)
  .innerJoin(fiscalYears, eq(fiscalYears.id, surveys.fiscalYearId))
  .where(and(eq(fiscalYears.year, 2024), eq(surveys.kind, 'needs')));

/** Every kind of response the server sends, each as a browser would ask for it. */
const responses: [string, () => Promise<Response>][] = [
  ['the HTML app shell', () => send('GET', '/surveys')],
  ['a static asset file', () => send('GET', '/assets/app.js')],
  ['the API reference page (HTML)', () => send('GET', '/api/docs')],
  ['a bundled file', () => send('GET', '/api/docs/assets/swagger-ui.css')],
  ['JSON', () => send('GET', '/api/auth/me', { cookie: admin })],
  ['the health check', () => send('GET', '/healthz')],
  ['an error (401)', () => send('GET', '/api/auth/me')],
  ['an error (404)', () => send('GET', '/api/no-such-route')],
  ['an error (422)', () => send('POST', '/api/auth/login', { body: {} })],
  ['a CSV export', () => send('GET', `/api/surveys/${needsSurvey!.id}/export.csv`, { cookie: admin })],
  ['an xlsx export', () => send('GET', `/api/surveys/${needsSurvey!.id}/export.xlsx`, { cookie: admin })],
];

describe('security headers', () => {
  it.each(responses)('are on %s', async (_name, send) => {
    const res = await send();
    await res.arrayBuffer();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('caching', () => {
  const sensitive = responses.filter(([name]) => /JSON|error|export/.test(name));
  it.each(sensitive)('is forbidden for %s', async (_name, send) => {
    const res = await send();
    await res.arrayBuffer();
    expect(res.headers.get('cache-control')).toContain('no-store');
  });
});
