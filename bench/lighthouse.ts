import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/support';
import { demoPassword } from '../src/server/db/seed/demo-accounts';

/**
 * `npm run bench:lighthouse` (after `npm run build`): Lighthouse's mobile profile (simulated slow
 * 4G and a 4× slower CPU, as a town office's old PC or phone) on the pages a newcomer opens first,
 * served by the built app as `npm start` serves it, in the machine's Chromium. Prints performance
 * and accessibility scores with the largest contentful paint and the bytes transferred. A
 * measurement, not a test: scores move a few points between runs.
 */

const townEmail = 'dx@nishiaizu.example.jp';

async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kakehashi-request': '1', origin: baseUrl },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

async function firstSurveyAnswerPath(baseUrl: string, cookie: string): Promise<string> {
  const years = (await (await fetch(`${baseUrl}/api/fiscal-years`, { headers: { cookie } })).json()) as {
    items: { id: string; status: string }[];
  };
  const active = years.items.find((y) => y.status === 'active') ?? years.items[0]!;
  const surveys = (await (
    await fetch(`${baseUrl}/api/surveys?fiscalYearId=${active.id}`, { headers: { cookie } })
  ).json()) as { items: { id: string }[] };
  return `/surveys/${surveys.items[0]!.id}/answer`;
}

const server = await startServer();
// The session cookie goes into the browser's own cookie jar (a persistent context is the
// browser's default one, where Lighthouse opens its tab). Sent as an extra header instead, it
// is dropped as soon as the app sets its language cookie: later requests then answer 401 and
// the signed-in pages were measured as the login page they redirect to.
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(free));
  });
});
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-lighthouse-'));
const browser = await chromium.launchPersistentContext(profileDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [`--remote-debugging-port=${port}`, '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const cookie = await signIn(server.baseUrl, townEmail);
  const pages: { name: string; path: string; cookie?: string }[] = [
    { name: 'login', path: '/login' },
    { name: 'about', path: '/about' },
    { name: 'home (municipality)', path: '/', cookie },
    { name: 'survey answer', path: await firstSurveyAnswerPath(server.baseUrl, cookie), cookie },
  ];
  const rows: string[][] = [];
  for (const page of pages) {
    await browser.clearCookies();
    if (page.cookie) {
      const [name, value] = page.cookie.split('=') as [string, string];
      await browser.addCookies([{ name, value, url: server.baseUrl }]);
    }
    const result = await lighthouse(`${server.baseUrl}${page.path}`, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error(`no result for ${page.path}`);
    // A signed-in page that lost its session ends on the login page: measuring that would be wrong.
    const shown = new URL(result.lhr.finalDisplayedUrl).pathname;
    if (shown !== page.path) throw new Error(`${page.path} ended on ${shown}`);
    const { categories, audits } = result.lhr;
    const score = (key: string) => Math.round((categories[key]?.score ?? 0) * 100).toString();
    rows.push([
      page.name,
      score('performance'),
      score('accessibility'),
      `${((audits['largest-contentful-paint']?.numericValue ?? 0) / 1000).toFixed(1)} s`,
      `${Math.round((audits['total-byte-weight']?.numericValue ?? 0) / 1024)} KiB`,
    ]);
  }
  const headers = ['page', 'performance', 'accessibility', 'LCP', 'transferred'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(headers));
  for (const row of rows) console.log(line(row));
} finally {
  await browser.close();
  fs.rmSync(profileDir, { recursive: true, force: true });
  await server.stop();
}
