import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { demoAdminTotpSecret, demoPassword } from '../src/server/db/seed/demo-accounts';
import { generateTotpCode, totpStep } from '../src/server/platform/auth/totp';

export { demoPassword };

/**
 * What every browser spec needs: the built app on its own port and database,
 * Debian's Chromium, sign-in as a demo account, an accessibility check, and a
 * guard that the app never calls another host (municipal PCs sit on closed
 * networks).
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = path.join(repoRoot, 'dist', 'server', 'main.js');
const chromiumPath = '/usr/bin/chromium';
const isCi = process.env.CI === 'true';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts `node dist/server/main.js` on a free port with a fresh DATA_DIR
 * (so a fresh PGlite with the demo data) and waits until /healthz answers.
 */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  if (!fs.existsSync(serverEntry)) {
    throw new Error(`${serverEntry} is missing: run "npm run build" (npm run test:e2e does it for you)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-e2e-'));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // A developer's DATABASE_URL would make every server share one database; use one only when asked.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--enable-source-maps', serverEntry], {
    cwd: repoRoot,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `The server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return { baseUrl, dataDir, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`The server did not answer /healthz within 60 s:\n${output}`);
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
  outsideRequests.set(context, seen);
  context.on('request', (request) => {
    const url = new URL(request.url());
    // data:, blob: and about: never leave the machine.
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.host !== appHost) {
      seen.push(`${request.method()} ${request.url()}`);
    }
  });
  return context.newPage();
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

async function currentUnusedTotpCode(key: string): Promise<{ code: string; step: number }> {
  let step = totpStep(new Date());
  const lastUsed = usedTotpSteps.get(key);
  if (lastUsed !== undefined && step <= lastUsed) {
    // The server refuses a replayed step: wait for the next 30-second window.
    const nextStepAt = (lastUsed + 1) * 30_000;
    await new Promise((r) => setTimeout(r, Math.max(0, nextStepAt - Date.now()) + 200));
    step = totpStep(new Date());
  }
  usedTotpSteps.set(key, step);
  return { code: generateTotpCode(demoAdminTotpSecret, step), step };
}

/**
 * Signs in through the login page as a screen-reader user would: by labels
 * and button names. For the demo administrator it also enters the TOTP code.
 */
export async function loginAs(page: Page, email: string, password = demoPassword): Promise<void> {
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
    const { code } = await currentUnusedTotpCode(key);
    await codeField.fill(code);
    await page.getByRole('button', { name: '確認', exact: true }).click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** WCAG 2.2 AA (the JIS X 8341-3 target) on the page as it is now. */
export async function expectNoAxeViolations(page: Page, context?: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
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

/** Full-page PNG in e2e/screenshots/<name>.png (not committed), for reviewing the UI by eye. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(repoRoot, 'e2e', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
