import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../src/web/routes';
import {
  assertNoOutsideRequests,
  expectNoAxeViolations,
  launchBrowser,
  loginAs,
  newPage,
  type RunningServer,
  startServer,
  waitForPageSettled,
} from './support';
import { repoRoot } from './server-process';

/**
 * Every page of the web router, at a desktop (1280 px) and a phone (390 px) width, as the role
 * that uses it: the page may not be wider than the window (`scrollWidth ≤ clientWidth` on the body
 * and the document), so nothing needs sideways scrolling except inside a table's own scroll box.
 * One signed-in page per role visits its pages in turn; each page is photographed at both widths
 * under e2e/screenshots/layout/ for review by eye.
 */

const widths = [1280, 390] as const;
const screenshotDir = path.join(repoRoot, 'e2e', 'screenshots', 'layout');

type Role = 'public' | 'admin' | 'staff' | 'mayor' | 'company' | 'reviewer' | 'council';
const emails: Record<Exclude<Role, 'public'>, string> = {
  admin: 'admin@pref.example.jp',
  staff: 'dx@nishiaizu.example.jp',
  mayor: 'mayor@nishiaizu.example.jp',
  company: 'advisor@company-a.example.jp',
  reviewer: 'reviewer@pref.example.jp',
  council: 'secretariat@council.example.jp',
};

/** The demo's records behind the parameterised routes, read from the API as the role sees them. */
interface DemoIds {
  municipality: string;
  fiscalYear: string;
  needsSurvey: string;
  seminarEvent: string;
  proposal: string;
  catalogMenu: string;
  call: string;
  application: string;
  runs: string[];
  publicCase: string;
  managedCase: string;
  project: string;
  summarySheetProgram: string;
}

/** A page to photograph; `landsOn` when the route sends the role on (its own profile, say). */
type Visit = { path: string; name: string; landsOn?: RegExp };

/** The pages each role is photographed on; every route of the router appears at least once. */
function visitsFor(role: Role, ids: DemoIds): Visit[] {
  const v = (name: string, pathname: string): Visit => ({ name, path: pathname });
  switch (role) {
    case 'public':
      return [
        v('login', '/login'),
        v('password-reset', '/password-reset'),
        v('password-reset-confirm', '/password-reset/confirm?token=demo'),
        v('invitation-accept', '/invitations/accept?token=demo'),
        v('about', '/about'),
        v('open-data', '/open-data'),
        v('cases', '/cases'),
        v('case-booklet', '/cases/booklet'),
        v('case', `/cases/${ids.publicCase}`),
        v('not-found', '/no-such-page'),
      ];
    case 'admin':
      return [
        v('home', '/'),
        v('municipalities', '/municipalities'),
        v('municipality-import', '/municipalities/import'),
        v('municipality', `/municipalities/${ids.municipality}`),
        v('fiscal-years', '/fiscal-years'),
        v('fiscal-year', `/fiscal-years/${ids.fiscalYear}`),
        v('year-setup', `/fiscal-years/${ids.fiscalYear}/setup`),
        v('surveys', '/surveys'),
        v('survey-results', `/surveys/${ids.needsSurvey}/results`),
        v('survey-edit', `/surveys/${ids.needsSurvey}/edit`),
        v('seminars', '/seminars'),
        v('seminar-reach', '/seminars/reach'),
        v('seminar-event', `/seminars/events/${ids.seminarEvent}`),
        v('seminar-attendance', `/seminars/events/${ids.seminarEvent}/attendance`),
        v('account', '/account'),
        v('notification-preferences', '/account/notifications'),
        v('notifications', '/notifications'),
        v('proposals', '/menus/proposals'),
        v('proposal', `/menus/proposals/${ids.proposal}`),
        v('menu-admin', '/menus/admin'),
        v('catalog', '/menus/catalog'),
        v('catalog-menu', `/menus/catalog/${ids.catalogMenu}`),
        v('calls', '/calls'),
        v('call', `/calls/${ids.call}`),
        v('allocation', `/calls/${ids.call}/allocation`),
        v('planner', `/calls/${ids.call}/planner`),
        v('application', `/applications/${ids.application}`),
        v('run', `/runs/${ids.runs[0]}`),
        v('run-compare', `/runs/compare?a=${ids.runs[0]}&b=${ids.runs[1] ?? ids.runs[0]}`),
        v('cases-manage', '/cases/manage'),
        v('case-edit', `/cases/manage/${ids.managedCase}`),
        v('reports', '/reports'),
        v('budget', '/reports/budget'),
        v('summary-sheet', `/reports/summary-sheets/${ids.summarySheetProgram}`),
        v('municipality-profile', `/reports/municipalities/${ids.municipality}`),
        v('coverage', '/dashboards'),
        v('left-behind', '/dashboards/left-behind'),
        v('maturity', '/dashboards/maturity'),
        v('dashboard-seminars', '/dashboards/seminars'),
        v('support-projects', '/support-projects'),
        v('projects', '/projects'),
        v('overdue-reports', '/projects/overdue'),
        v('project', `/projects/${ids.project}`),
        v('users', '/admin/users'),
        v('organizations', '/admin/organizations'),
        v('outbox', '/admin/outbox'),
        v('audit', '/admin/audit'),
      ];
    case 'staff':
      return [
        v('home', '/'),
        v('survey-answer', `/surveys/${ids.needsSurvey}/answer`),
        v('recommendations', '/menus/recommendations'),
        { ...v('my-profile', '/reports/my-profile'), landsOn: /^\/reports\/municipalities\/[0-9a-f-]{36}$/ },
        v('apply', `/calls/${ids.call}/apply`),
        v('case-new', '/cases/manage/new'),
      ];
    case 'mayor':
      return [v('home', '/')];
    case 'company':
      return [
        v('home', '/'),
        v('proposals', '/menus/proposals'),
        v('proposal-new', '/menus/proposals/new'),
        v('advisor-profile', '/menus/profile'),
      ];
    case 'reviewer':
      return [v('home', '/'), v('reviews', '/menus/reviews')];
    case 'council':
      return [v('home', '/'), v('survey-shared', `/surveys/${ids.needsSurvey}/shared`)];
  }
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  if (!response.ok()) throw new Error(`GET ${url} answered ${response.status()}`);
  return (await response.json()) as T;
}

type Items<T> = { items: T[] };
const first = <T>(list: T[], what: string): T => {
  const item = list[0];
  if (item === undefined) throw new Error(`The demo data has no ${what}`);
  return item;
};

/** Reads the ids as the prefecture administrator, who sees every record. */
async function readDemoIds(page: Page): Promise<DemoIds> {
  const municipalities = await getJson<Items<{ id: string; name: string }>>(page, '/api/municipalities');
  const municipality = municipalities.items.find((m) => m.name === '西会津町') ?? municipalities.items[0];
  const years = await getJson<Items<{ id: string; year: number; status: string }>>(page, '/api/fiscal-years');
  // The year in progress when there is one, else the latest: its pages carry the most data.
  const year =
    years.items.find((y) => y.status === 'active') ?? [...years.items].sort((a, b) => b.year - a.year)[0];
  if (!year || !municipality) throw new Error('The demo data has no fiscal year or municipality');
  const surveys = await getJson<Items<{ id: string; kind: string; fiscalYearId: string }>>(
    page,
    '/api/surveys',
  );
  const needs = surveys.items.filter((s) => s.kind === 'needs');
  const needsSurvey = needs.find((s) => s.fiscalYearId === year.id) ?? first(needs, 'needs survey');
  const events = await getJson<Items<{ id: string }>>(page, '/api/seminar-events');
  const proposals = await getJson<Items<{ id: string }>>(
    page,
    `/api/menus/proposals?fiscalYearId=${year.id}`,
  );
  const catalog = await getJson<Items<{ id: string }>>(page, `/api/menus/catalog?fiscalYearId=${year.id}`);
  // A call with applications and allocation runs, so those pages show real rows: the year in
  // progress may not have reached its allocation yet, so earlier years are tried after it.
  const yearsToTry = [year, ...years.items.filter((y) => y.id !== year.id).sort((a, b) => b.year - a.year)];
  let call: string | undefined;
  let applications: { id: string }[] = [];
  let runs: { id: string }[] = [];
  search: for (const candidateYear of yearsToTry) {
    const calls = await getJson<Items<{ id: string }>>(page, `/api/calls?fiscalYearId=${candidateYear.id}`);
    for (const candidate of calls.items) {
      applications = (await getJson<Items<{ id: string }>>(page, `/api/calls/${candidate.id}/applications`))
        .items;
      runs = (await getJson<Items<{ id: string }>>(page, `/api/calls/${candidate.id}/runs`)).items;
      call = candidate.id;
      if (applications.length > 0 && runs.length > 0) break search;
    }
  }
  if (call === undefined || runs.length === 0)
    throw new Error('The demo data has no call with allocation runs');
  const publicCases = await getJson<Items<{ id: string }>>(page, '/api/public/cases');
  const cases = await getJson<Items<{ id: string }>>(page, '/api/cases');
  const projects = await getJson<Items<{ id: string }>>(page, '/api/projects');
  const sheets = await getJson<Items<{ programId: string }>>(page, '/api/reports/summary-sheets');
  return {
    municipality: municipality.id,
    fiscalYear: year.id,
    needsSurvey: needsSurvey.id,
    seminarEvent: first(events.items, 'seminar event').id,
    proposal: first(proposals.items, 'proposal').id,
    catalogMenu: first(catalog.items, 'catalog menu').id,
    call,
    application: first(applications, 'application').id,
    runs: runs.map((r) => r.id),
    publicCase: first(publicCases.items, 'published case').id,
    managedCase: first(cases.items, 'case').id,
    project: first(projects.items, 'project').id,
    summarySheetProgram: first(sheets.items, 'summary sheet').programId,
  };
}

/** Every path pattern of the web router, so a page added later without a visit here fails the spec. */
function routerPatterns(): string[] {
  const patterns: string[] = [];
  const walk = (list: typeof routes, prefix: string) => {
    for (const route of list) {
      const own = route.path ? `${prefix}/${route.path}`.replace(/\/+/g, '/') : prefix;
      if ((route.index || route.path) && (route.lazy || route.Component || route.element === undefined)) {
        if (!route.children) patterns.push(own || '/');
      }
      if (route.children) walk(route.children, own);
    }
  };
  walk(routes, '');
  return [...new Set(patterns)];
}

function matches(pattern: string, pathname: string): boolean {
  if (pattern === '/*') return true;
  const regex = new RegExp(`^${pattern.replace(/:[^/]+/g, '[^/]+')}/?$`);
  return regex.test(pathname);
}

interface Overflow {
  page: string;
  width: number;
  body: number;
  document: number;
  widest: string;
}

/** How wide the page is against its window, and the widest element that sticks out (for the report). */
async function measure(page: Page) {
  return page.evaluate(() => {
    const body = document.body;
    const root = document.documentElement;
    let widest = '';
    let widestRight = root.clientWidth;
    if (body.scrollWidth > body.clientWidth || root.scrollWidth > root.clientWidth) {
      for (const element of document.body.querySelectorAll('*')) {
        const right = element.getBoundingClientRect().right + window.scrollX;
        if (right > widestRight) {
          widestRight = right;
          const text = (element.textContent ?? '').trim().slice(0, 40);
          widest = `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)} «${text}» → ${Math.round(right)} px`;
        }
      }
    }
    return {
      bodyScroll: body.scrollWidth,
      bodyClient: body.clientWidth,
      rootScroll: root.scrollWidth,
      rootClient: root.clientWidth,
      widest,
    };
  });
}

describe('layout at 1280 and 390 px', () => {
  let browser: Browser | null;
  let server: RunningServer;
  let ids: DemoIds;
  const visited = new Set<string>();
  const overflows: Overflow[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    if (!browser) return;
    server = await startServer();
    fs.rmSync(screenshotDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Visits the role's pages, each at both widths; the second width of one page is the first of the next. */
  async function photograph(role: Role) {
    if (!browser) return;
    const page = await newPage(browser, server.baseUrl);
    if (role !== 'public') await loginAs(page, emails[role]);
    if (role === 'admin') ids = await readDemoIds(page);
    let order: readonly number[] = widths;
    for (const visit of visitsFor(role, ids)) {
      const viewport = page.viewportSize();
      if (viewport?.width !== order[0]) await page.setViewportSize({ width: order[0]!, height: 900 });
      await page.goto(visit.path);
      await waitForPageSettled(page);
      const pathname = new URL(page.url()).pathname;
      if (visit.landsOn) expect(pathname).toMatch(visit.landsOn);
      else expect(pathname, `${role} ${visit.name} was sent elsewhere`).toBe(visit.path.split('?')[0]);
      expect(await page.getByRole('heading', { level: 1 }).first().textContent()).not.toBe(
        'このページを表示する権限がありません',
      );
      visited.add(new URL(visit.path, server.baseUrl).pathname);
      for (const width of order) {
        if (page.viewportSize()?.width !== width) {
          await page.setViewportSize({ width, height: 900 });
          // Let resize observers (tables, charts) lay the page out again.
          await page.evaluate(
            () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
          );
        }
        const m = await measure(page);
        if (m.bodyScroll > m.bodyClient || m.rootScroll > m.rootClient) {
          overflows.push({
            page: `${role} ${visit.path}`,
            width,
            body: m.bodyScroll,
            document: m.rootScroll,
            widest: m.widest,
          });
        }
        // JPEG: some 160 full pages per run, for the eye; PNG took two to three times as long to write.
        const file = path.join(screenshotDir, String(width), `${role}-${visit.name}.jpg`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file, fullPage: true, type: 'jpeg', quality: 70 });
      }
      order = [...order].reverse();
    }
    assertNoOutsideRequests(page);
    await page.context().close();
  }

  // The administrator first: it reads the demo ids the other roles' pages use.
  for (const role of ['admin', 'public', 'staff', 'mayor', 'company', 'reviewer', 'council'] as const) {
    // The administrator's forty-odd pages take longer than one test's default time.
    it(`${role}: every page fits the window at both widths`, async () => {
      await photograph(role);
    }, 300_000);
  }

  it('on a phone the header is one short row and the menu opens behind its button', async () => {
    if (!browser) return;
    const page = await newPage(browser, server.baseUrl);
    await loginAs(page, emails.staff);
    await page.setViewportSize({ width: 390, height: 844 });
    await waitForPageSettled(page);
    const header = await page.getByRole('banner').boundingBox();
    // It took 43 % of the screen with the menu spread out beneath it.
    expect(header!.height / 844).toBeLessThan(0.1);
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    expect(await menu.isVisible()).toBe(false);
    const button = page.getByRole('button', { name: 'メニュー', exact: true });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await menu.getByRole('button', { name: '分析・報告' }).click();
    await menu.getByRole('link', { name: '自団体のプロフィール' }).waitFor();
    // The person's tools (language, sign-out) are in the open menu.
    await menu.getByRole('button', { name: 'ログアウト' }).waitFor();
    await expectNoAxeViolations(page, 'the open phone menu');
    // Escape closes the group, then the menu, and focus returns to the menu button.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await menu.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe(
      await button.getAttribute('aria-controls'),
    );
    // Following a link closes the menu.
    await button.click();
    await menu.getByRole('link', { name: 'DXセミナー' }).click();
    await page.waitForURL((url) => url.pathname === '/seminars');
    await menu.waitFor({ state: 'hidden' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('the pages officials print have a print button, and print without the menu at A4 width', async () => {
    if (!browser) return;
    const page = await newPage(browser, server.baseUrl);
    await loginAs(page, emails.admin);
    const printed = [
      `/surveys/${ids.needsSurvey}/results`,
      '/menus/admin',
      '/seminars/reach',
      '/dashboards/seminars',
      `/municipalities/${ids.municipality}`,
      `/reports/municipalities/${ids.municipality}`,
      `/fiscal-years/${ids.fiscalYear}`,
    ];
    const tooWide: string[] = [];
    for (const pathname of printed) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ media: 'screen' });
      await page.goto(pathname);
      await waitForPageSettled(page);
      const print = page.getByRole('button', { name: '印刷する' });
      expect(await print.isVisible(), pathname).toBe(true);
      // A4 portrait less the 15 mm margins (styles.css @page): 180 mm ≈ 680 CSS px.
      await page.setViewportSize({ width: 680, height: 900 });
      await page.emulateMedia({ media: 'print' });
      expect(await print.isVisible(), pathname).toBe(false);
      expect(await page.getByRole('navigation', { name: 'メインメニュー' }).isVisible()).toBe(false);
      expect(await page.getByRole('banner').isVisible()).toBe(false);
      const m = await measure(page);
      if (m.rootScroll > m.rootClient) tooWide.push(`${pathname}: ${m.rootScroll} px; ${m.widest}`);
    }
    expect(tooWide, `printed wider than A4:\n${tooWide.join('\n')}`).toEqual([]);
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('no page is wider than the window, and every route of the router was visited', () => {
    if (!browser) return;
    const report = overflows.map(
      (o) => `  - ${o.page} at ${o.width} px: body ${o.body} px, document ${o.document} px; ${o.widest}`,
    );
    expect(report, `pages wider than the window:\n${report.join('\n')}`).toEqual([]);
    const unvisited = routerPatterns().filter(
      (pattern) => pattern !== '/*' && ![...visited].some((pathname) => matches(pattern, pathname)),
    );
    expect(unvisited).toEqual([]);
  });
});
