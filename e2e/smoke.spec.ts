import { afterAll, describe, expect, it } from 'vitest';
import { assertNoOutsideRequests, launchBrowser, newPage, startServer, waitForNetworkQuiet } from './support';

/** The built app starts, serves its shell and documents its API without touching another host. */

// From an empty data directory, as a first installation: migrations and the demo seed on start.
const server = await startServer({ fresh: true });
const browser = await launchBrowser();
afterAll(async () => {
  await browser?.close();
  await server.stop();
});

describe('smoke', () => {
  it('/healthz answers ok once the database is up', async () => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET / returns the app shell HTML with its bundled script', async () => {
    const res = await fetch(`${server.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toMatch(/<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);
    // A client-side route gets the same shell.
    const deepLink = await fetch(`${server.baseUrl}/login`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(html);
  });

  it('/api/openapi.json is OpenAPI 3.1 with the real /api paths', async () => {
    const res = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.paths['/api/auth/login']?.post).toBeDefined();
  });

  it.skipIf(!browser)('/api/docs shows the API reference without outside requests', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await page.goto('/api/docs');
    await expect
      .poll(() => page.locator('.swagger-ui .info .title').textContent())
      .toContain('Kakehashi API');
    await page.locator('[data-path="/api/auth/login"]').first().waitFor();
    await waitForNetworkQuiet(page);
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it.skipIf(!browser)('/api/docs calls no outside host under a public host name either', async () => {
    // Swagger UI treats localhost and 127.0.0.1 specially (no validator badge), so serve
    // the same pages under an ordinary name to see what a real deployment would load.
    const publicOrigin = 'http://kakehashi.pref.example.jp';
    const page = await newPage(browser!, publicOrigin);
    const context = page.context();
    await context.route(
      (url) => url.origin !== publicOrigin,
      (route) => route.abort(),
    );
    await context.route(`${publicOrigin}/**`, async (route) => {
      const url = new URL(route.request().url());
      const response = await route.fetch({ url: `${server.baseUrl}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    });
    await page.goto('/api/docs');
    await page.locator('[data-path="/api/auth/login"]').first().waitFor();
    await waitForNetworkQuiet(page);
    assertNoOutsideRequests(page);
    await context.close();
  });
});
