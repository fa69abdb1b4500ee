import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { demoAdminTotpSecret, demoPassword } from '../src/server/db/seed/demo-accounts';
import { generateTotpCode, totpStep } from '../src/server/platform/auth/totp';
import { inject } from 'vitest';
import { e2eClockOffsetMs, e2eNow } from './clock';
import { launchServer, repoRoot } from './server-process';

export { e2eNow };

export { demoPassword };

/**
 * What every browser spec needs: the built app on its own port and database,
 * Debian's Chromium, sign-in as a demo account, an accessibility check, and a
 * guard that the app never calls another host (municipal PCs sit on closed
 * networks).
 */

const chromiumPath = '/usr/bin/chromium';
const isCi = process.env.CI === 'true';

export interface RunningServer {
  /** Changes when the server is relaunched (a new port). */
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
  /**
   * Stops the server and serves the same data directory again with its clock `aheadMs` past the
   * tests' day (e2e/clock.ts): what the app does when a date comes. Pages made afterwards live on
   * that day too; pre-made sessions do not carry over (sign in through the form).
   */
  relaunchLater(aheadMs: number): Promise<void>;
}

/** How far past the tests' day each server's clock runs, by base URL (relaunchLater). */
const clockAheadOf = new Map<string, number>();
const aheadMsFor = (baseUrl: string | undefined) => (baseUrl ? (clockAheadOf.get(baseUrl) ?? 0) : 0);

/** Pre-made sessions per server base URL, from the run's template data directory. */
const sessionPools = new Map<string, { cookieName: string; tokensByEmail: Map<string, string[]> }>();

/**
 * Starts `node dist/server/main.js` on a free port with its own DATA_DIR and
 * waits until /healthz answers. The DATA_DIR is a copy of the run's migrated,
 * demo-seeded one (e2e/global-setup.ts), so the server starts without
 * seeding; `fresh: true` starts from an empty directory instead, as a first
 * installation does (and always when the environment changes the database or
 * the demo mode).
 */
export async function startServer(
  options: { env?: Record<string, string>; fresh?: boolean } = {},
): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-e2e-'));
  const template = templateDataDir();
  const changesDatabase =
    options.env !== undefined && ('DATABASE_URL' in options.env || 'DEMO_MODE' in options.env);
  const fromTemplate = Boolean(template) && !options.fresh && !changesDatabase;
  let server: Awaited<ReturnType<typeof launchServer>>;
  const launch = async (aheadMs: number) => {
    const launched = await launchServer(dataDir, {
      CLOCK_OFFSET_MS: String(e2eClockOffsetMs() + aheadMs),
      ...options.env,
    });
    clockAheadOf.set(launched.baseUrl, aheadMs);
    return launched;
  };
  try {
    if (fromTemplate) fs.cpSync(template, dataDir, { recursive: true });
    server = await launch(0);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  if (fromTemplate) {
    const { cookieName, tokensByEmail } = inject('e2eSessions');
    // Copied per server: each server's copy of the template holds the same sessions, used once each.
    sessionPools.set(server.baseUrl, {
      cookieName,
      tokensByEmail: new Map(Object.entries(tokensByEmail).map(([email, tokens]) => [email, [...tokens]])),
    });
  }
  const stop = async () => {
    await server.kill();
    sessionPools.delete(server.baseUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const running: RunningServer = {
    baseUrl: server.baseUrl,
    dataDir,
    stop,
    async relaunchLater(aheadMs) {
      await server.kill();
      sessionPools.delete(server.baseUrl);
      server = await launch(aheadMs);
      running.baseUrl = server.baseUrl;
    },
  };
  return running;
}

/** The run's pre-seeded data directory, or '' when the specs run without the global setup. */
function templateDataDir(): string {
  try {
    return inject('e2eTemplateDataDir') ?? '';
  } catch {
    return '';
  }
}

/**
 * Debian's Chromium, headless. Outside CI a machine without it skips the
 * browser specs (null); in CI a missing browser is an error, never a skip.
 */
export async function launchBrowser(): Promise<Browser | null> {
  if (!fs.existsSync(chromiumPath) && !isCi) return null;
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Requests to any host other than the app's, per browser context. */
const outsideRequests = new WeakMap<BrowserContext, string[]>();
/** Requests sent and not yet answered (or failed), per browser context. */
const pendingRequests = new WeakMap<BrowserContext, Set<Request>>();
/** Callbacks waiting for the next request of a context to finish (see waitForNetworkQuiet). */
const finishWaiters = new WeakMap<BrowserContext, Set<() => void>>();
/** The server each context was made for, so loginAs can find its pre-made sessions. */
const baseUrls = new WeakMap<BrowserContext, string>();

/** A page in a new context (fresh cookies), Japanese by default, recording calls to other hosts. */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  options: { locale?: 'ja-JP' | 'en-US' } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'ja-JP',
    viewport: { width: 1280, height: 900 },
  });
  const appHost = new URL(baseUrl).host;
  const seen: string[] = [];
  const pending = new Set<Request>();
  outsideRequests.set(context, seen);
  pendingRequests.set(context, pending);
  baseUrls.set(context, baseUrl);
  // The page lives on its server's day (e2e/clock.ts); its time runs on from there.
  await context.clock.install({ time: e2eNow().getTime() + aheadMsFor(baseUrl) });
  context.on('request', (request) => {
    const url = new URL(request.url());
    // data:, blob: and about: never leave the machine.
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
      pending.add(request);
      if (url.host !== appHost) seen.push(`${request.method()} ${request.url()}`);
    }
  });
  // A redirected request finishes too; its follow-up is a request of its own.
  const waiters = new Set<() => void>();
  finishWaiters.set(context, waiters);
  const finished = (request: Request) => {
    pending.delete(request);
    for (const wake of [...waiters]) wake();
  };
  context.on('requestfinished', finished);
  context.on('requestfailed', finished);
  return context.newPage();
}

/**
 * Waits until the page's context has no request in flight and has rendered what
 * the last one brought (two animation frames later still none, so a query a
 * render starts is waited for too). Unlike waitForLoadState('networkidle') it
 * does not sit out a fixed 500 ms of quiet.
 */
export async function waitForNetworkQuiet(page: Page, timeoutMs = 30_000): Promise<void> {
  const pending = pendingRequests.get(page.context());
  if (!pending) throw new Error('waitForNetworkQuiet needs a page made by newPage()');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (pending.size === 0) {
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
      );
      if (pending.size === 0) return;
    }
    if (Date.now() > deadline) {
      const urls = [...pending].map((r) => `  - ${r.method()} ${r.url()}`).join('\n');
      throw new Error(`Requests still in flight after ${timeoutMs} ms:\n${urls}`);
    }
    await nextFinishedRequest(page.context(), Math.min(1_000, Math.max(0, deadline - Date.now())));
  }
}

/**
 * Resolves when a request of the context finishes or fails, or after `ms`. Our own listener, set
 * up before the pending set is read again, so a request that finishes in between is not missed
 * (page.waitForEvent would only see the next one and sit out its timeout).
 */
function nextFinishedRequest(context: BrowserContext, ms: number): Promise<void> {
  const waiters = finishWaiters.get(context);
  if (!waiters) return new Promise((r) => setTimeout(r, ms));
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      waiters.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    waiters.add(wake);
  });
}

/**
 * The page has loaded its data: an h1, no request in flight, no loading
 * indicator (in either language).
 */
export async function waitForPageSettled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

/** Fails when the page (or any page of its context) requested another host. */
export function assertNoOutsideRequests(page: Page): void {
  const seen = outsideRequests.get(page.context());
  if (!seen) throw new Error('assertNoOutsideRequests needs a page made by newPage()');
  if (seen.length > 0) {
    throw new Error(`The app called hosts other than its own:\n${seen.map((r) => `  - ${r}`).join('\n')}`);
  }
}

/** Last TOTP step submitted per server and account: a step is accepted only once. */
const usedTotpSteps = new Map<string, number>();

async function currentUnusedTotpCode(key: string, aheadMs: number): Promise<{ code: string; step: number }> {
  // The server's clock is the tests' clock (e2e/clock.ts), so its 30-second steps are too.
  const serverNow = () => new Date(e2eNow().getTime() + aheadMs);
  let step = totpStep(serverNow());
  const lastUsed = usedTotpSteps.get(key);
  if (lastUsed !== undefined && step <= lastUsed) {
    // The server refuses a replayed step: wait for the next 30-second window.
    const nextStepAt = (lastUsed + 1) * 30_000;
    await new Promise((r) => setTimeout(r, Math.max(0, nextStepAt - serverNow().getTime()) + 200));
    step = totpStep(serverNow());
  }
  usedTotpSteps.set(key, step);
  return { code: generateTotpCode(demoAdminTotpSecret, step), step };
}

/**
 * Signs in as `email`. By default, on a server started from the run's template
 * with the demo password, with a session the global setup already created
 * (MFA done): the sign-in flow itself is covered by the specs about it, which
 * pass `via: 'form'`. Otherwise, and whenever no such session is left, through
 * the login page as a screen-reader user would: by labels and button names,
 * with the TOTP code for the demo administrator.
 */
export async function loginAs(
  page: Page,
  email: string,
  password = demoPassword,
  options: { via?: 'form' | 'session' } = {},
): Promise<void> {
  if (options.via !== 'form' && password === demoPassword && (await signInWithSession(page, email))) return;
  await loginWithForm(page, email, password);
}

/** Sets a pre-made session cookie and opens the home page; false when there is none to use. */
async function signInWithSession(page: Page, email: string): Promise<boolean> {
  const context = page.context();
  const baseUrl = baseUrls.get(context);
  const pool = baseUrl ? sessionPools.get(baseUrl) : undefined;
  const token = pool?.tokensByEmail.get(email.toLowerCase())?.shift();
  if (!baseUrl || !pool || !token) return false;
  await context.addCookies([
    { name: pool.cookieName, value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
  ]);
  const me = await context.request.get(`${baseUrl}/api/auth/me`);
  if (!me.ok()) {
    // Idle past its limit (a very slow run): sign in through the form instead.
    await context.clearCookies({ name: pool.cookieName });
    return false;
  }
  await page.goto('/');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
  return true;
}

async function loginWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('メールアドレス', { exact: true }).fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();

  const isAway = () => !new URL(page.url()).pathname.startsWith('/login');
  const codeField = page.getByLabel('確認コード', { exact: true });
  // Whichever comes first; the loser's timeout must not surface as an unhandled rejection.
  const outcome = await Promise.race([
    page
      .waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 })
      .then(
        () => 'signed-in',
        () => 'timeout',
      ),
    codeField.waitFor({ state: 'visible', timeout: 30_000 }).then(
      () => 'code',
      () => 'timeout',
    ),
  ]);
  if (outcome === 'code' && !isAway()) {
    const key = `${new URL(page.url()).host} ${email.toLowerCase()}`;
    const { code } = await currentUnusedTotpCode(key, aheadMsFor(new URL(page.url()).origin));
    await codeField.fill(code);
    await page.getByRole('button', { name: '確認', exact: true }).click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** WCAG 2.2 AA (the JIS X 8341-3 target) on the page as it is now. */
export async function expectNoAxeViolations(page: Page, context?: string): Promise<void> {
  // axe runs in the page's own frame: a frame inside it would not be checked, so there must be none.
  const frames = page.frames().filter((f) => f !== page.mainFrame() && f.url() !== 'about:blank');
  if (frames.length > 0) {
    throw new Error(`axe checks the top frame only; ${page.url()} has frames: ${frames.map((f) => f.url())}`);
  }
  // Injected once per document (a client-side navigation keeps it), as a script of the debugging
  // protocol: the app's Content-Security-Policy forbids eval, rightly.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  const results = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } };
    return (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as Pick<AxeResults, 'violations'>;
  }, axeTags);
  if (results.violations.length > 0) {
    const lines = results.violations.map(
      (v) =>
        `  - ${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n      ${v.nodes.map((n) => n.target.join(' ')).join('\n      ')}`,
    );
    throw new Error(
      `${results.violations.length} accessibility violation(s)${context ? ` on ${context}` : ''} at ${page.url()}:\n${lines.join('\n')}`,
    );
  }
}

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let axeSourceText: string | undefined;
/**
 * axe-core's script, read once per spec file. Run in the page directly rather than through
 * @axe-core/playwright, whose analyze() re-injects the script and opens a blank page of its own to
 * combine frame results on every call: about 3 s of each check, for pages that have no frames.
 */
function axeSource(): string {
  axeSourceText ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSourceText;
}

/**
 * Runs a story played on several pages (one per person); when it fails, every page still open
 * is photographed as `<name>-failure-<i>`, to see what each user saw at that moment.
 */
export async function photographedOnFailure(
  name: string,
  story: (pages: Page[]) => Promise<void>,
): Promise<void> {
  const pages: Page[] = [];
  try {
    await story(pages);
  } catch (error) {
    for (const [i, p] of pages.entries()) if (!p.isClosed()) await screenshot(p, `${name}-failure-${i}`);
    throw error;
  }
}

/** Full-page PNG in e2e/screenshots/<name>.png (not committed), for reviewing the UI by eye. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(repoRoot, 'e2e', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The main menu as it reads: a top-level link's name, or a group's name with its links (in the
 * order shown, whether the group is open or not).
 */
export async function mainMenuOutline(page: Page, menuName = 'メインメニュー') {
  return page.getByRole('navigation', { name: menuName }).evaluate((nav) =>
    [...nav.querySelectorAll(':scope > ul > li')].map((li): string | Record<string, string[]> => {
      const button = li.querySelector(':scope > button');
      const links = [...li.querySelectorAll('a')].map((a) => a.textContent?.trim() ?? '');
      return button ? { [button.textContent?.trim() ?? '']: links } : (links[0] ?? '');
    }),
  );
}

/** Opens a group of the main menu (a disclosure button) and follows one of its links, as a person would. */
export async function followMenuLink(
  page: Page,
  group: string,
  link: string,
  menuName = 'メインメニュー',
): Promise<void> {
  const menu = page.getByRole('navigation', { name: menuName });
  const button = menu.getByRole('button', { name: group, exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await menu.getByRole('link', { name: link, exact: true }).click();
}

/**
 * A fiscal year a spec may create for itself: the demo already holds the current one (its year
 * in progress), so the next. Phases may start six months before a year (from 1 October): the
 * tests' day (e2e/clock.ts, 30 November) lets a spec date the next year's phases from today.
 */
export function nextFiscalYear(now = e2eNow()): number {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  const current = jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
  return current + 1;
}
