import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
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
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
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
    const result = await lighthouse(`${server.baseUrl}${page.path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
    });
    if (!result) throw new Error(`no result for ${page.path}`);
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
  await chrome.kill();
  await server.stop();
}
