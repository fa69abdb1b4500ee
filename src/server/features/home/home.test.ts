import { eq } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { jstDate } from '../../../shared/fiscal-year';
import { type Home, homeSchema } from '../../../shared/schemas/fiscal-years';
import { fiscalYears } from '../../db/schema';
import { resolveSession } from '../../platform/auth/sessions';
import type { RequestContext } from '../../platform/context';
import { defaultConfig } from '../../platform/deps';
import { createTestContext, testServiceDeps } from '../../testing/harness';
import { testPresentYear, testSeedNow } from '../../testing/seed-clock';
import { routedPage } from '../../testing/web-pages';
import type { HomeTaskProvider } from './home-tasks';
import { createFiscalYearsService } from '../fiscal-years/fiscal-years.service';
import { createHomeService, deadlineKindsFor } from './home.service';

// The demo seeded at a fixed moment of its year in progress (FY2025), in a database of its own.
const ctx = await createTestContext({}, { seedNow: testSeedNow });

async function requestAs(email: string, now: Date): Promise<RequestContext> {
  const cookie = await ctx.sessionCookieFor(email);
  const token = cookie.slice(cookie.indexOf('=') + 1);
  const session = await resolveSession(ctx.database.db, token, defaultConfig.sessionPolicy, new Date());
  return {
    actor: session!.actor,
    requestId: 'home-test',
    locale: 'ja',
    ipAddress: null,
    userAgent: null,
    now,
  };
}

async function homeAt(email: string, now: Date): Promise<Home> {
  return ctx.services.home.get(await requestAs(email, now));
}

/**
 * The seeded moment (testing/seed-clock.ts): 2 June 2025 10:00 JST, in the demo's year in progress
 * (FY2025). The needs survey closes on 12 June 17:00, the proposals on 10 June, the call on 20 June
 * at 15:00 (db/seed/present-demo.ts).
 */
const now = testSeedNow;

describe('deadlines by role', () => {
  it('shows a municipality the survey, call and evaluation deadlines but not the companies’ proposals', async () => {
    for (const email of ['dx@nishiaizu.example.jp', 'mayor@nishiaizu.example.jp']) {
      const home = await homeAt(email, now);
      expect(home.deadlines.map((d) => d.kind)).toEqual(['survey', 'call', 'evaluation']);
      expect(home.deadlines[0]).toMatchObject({
        programName: 'ICTアドバイザー市町村派遣事業',
        programNameEn: 'ICT Advisor Dispatch to Municipalities',
        deadlineAt: '2025-06-12T08:00:00.000Z',
        // 10 days and 7 hours before the cut-off: rounded down, never promising more time.
        remaining: { ja: 'あと10日', en: '10 days left' },
      });
    }
  });

  it('shows a company its proposal deadline, a reviewer the review deadlines, the prefecture all', async () => {
    expect((await homeAt('advisor@company-a.example.jp', now)).deadlines.map((d) => d.kind)).toEqual([
      'proposals',
    ]);
    // The demo review phase has no deadline, so a reviewer has none to watch.
    expect((await homeAt('reviewer@pref.example.jp', now)).deadlines).toEqual([]);
    const all = ['proposals', 'survey', 'call', 'evaluation'];
    expect((await homeAt('admin@pref.example.jp', now)).deadlines.map((d) => d.kind)).toEqual(all);
    expect((await homeAt('secretariat@council.example.jp', now)).deadlines.map((d) => d.kind)).toEqual(all);
  });

  it('drops deadlines once they pass', async () => {
    const home = await homeAt('dx@nishiaizu.example.jp', jstDate(2025, 6, 20, 15, 1));
    expect(home.deadlines.map((d) => d.kind)).toEqual(['evaluation']);
  });

  it('combines the deadline kinds of a user holding several roles', () => {
    expect(deadlineKindsFor(['company_member', 'reviewer'])).toEqual(['proposals', 'review']);
    expect(deadlineKindsFor([])).toEqual([]);
  });
});

describe('the year and its phases', () => {
  it('shows the year in progress as the active year, each phase’s state at the injected moment', async () => {
    const home = await homeAt('dx@nishiaizu.example.jp', now);
    expect(home.fiscalYear).toMatchObject({
      year: testPresentYear,
      label: { ja: '令和7年度（2025）', en: 'FY2025 (Reiwa 7)' },
    });
    const dispatch = home.programs.find((p) => p.kind === 'advisor_dispatch')!;
    // The year in progress claims no budget: the document's figures are FY2022–FY2024's.
    expect(dispatch.budgetThousandYen).toBeNull();
    expect(Object.fromEntries(dispatch.phases.map((p) => [p.kind, p.state]))).toEqual({
      survey: 'open',
      proposals: 'open',
      review: 'open',
      call: 'open',
      delivery: 'upcoming',
      evaluation: 'upcoming',
    });
    const later = await homeAt('dx@nishiaizu.example.jp', jstDate(2025, 8, 1, 9));
    const phasesLater = later.programs.find((p) => p.kind === 'advisor_dispatch')!.phases;
    expect(Object.fromEntries(phasesLater.map((p) => [p.kind, p.state]))).toMatchObject({
      survey: 'closed',
      call: 'closed',
      delivery: 'open',
      evaluation: 'upcoming',
    });
  });

  it('answers the same through the API, in the shared response shape', async () => {
    const res = await ctx.request('GET', '/api/home', {
      cookie: await ctx.sessionCookieFor('dx@koriyama.example.jp'),
    });
    expect(res.status).toBe(200);
    const body = homeSchema.parse(await res.json());
    expect(body.fiscalYear?.year).toBe(testPresentYear);
    expect((await ctx.request('GET', '/api/home')).status).toBe(401);
  });
});

/** Every link on a home page opens a page of the web app. */
function expectRoutedLinks(home: Home) {
  for (const href of [
    ...home.tasks.map((t) => t.href),
    ...home.facts.flatMap((f) => (f.href ? [f.href] : [])),
  ])
    expect(routedPage(href), href).toBe(true);
}

const kindsOf = (home: Home) => new Set(home.tasks.map((t) => t.kind));

describe('each role’s home is a list of what needs its action now', () => {
  it('prefecture: the survey’s response rate, proposals to assign and decide, the open call, nearly full seminars', async () => {
    const home = await homeAt('admin@pref.example.jp', now);
    expectRoutedLinks(home);
    const rate = home.tasks.find((t) => t.kind === 'survey_response_rate')!;
    // 34 of 59 municipalities submitted in the seed: 3 in 5 of them, less 西会津町.
    expect(rate.title.ja).toMatch(/回答 34\/59（58%）、未回答 25件/);
    expect(rate.href).toMatch(/^\/surveys\/[^/]+\/results$/);
    expect(home.tasks.find((t) => t.kind === 'menu_assign_reviewers')!.title.ja).toContain('1件');
    expect(home.tasks.find((t) => t.kind === 'menu_decide')!.title.ja).toContain('2件');
    const call = home.tasks.find((t) => t.kind === 'application_call_open')!;
    expect(call.title.ja).toContain('申請8件');
    expect(call.dueAt).toBe('2025-06-20T06:00:00.000Z');
    expect(home.tasks.find((t) => t.kind === 'seminar_nearly_full')!.title.ja).toContain('38/40席');
    expect(home.facts).toEqual([]);
  });

  it('municipality staff: the survey and the call with their deadlines, seminars ahead, its maturity beside the average', async () => {
    const home = await homeAt('dx@nishiaizu.example.jp', now);
    expectRoutedLinks(home);
    expect(kindsOf(home)).toEqual(new Set(['survey_answer', 'application_open_call', 'seminar_upcoming']));
    expect(home.tasks.find((t) => t.kind === 'survey_answer')!.dueAt).toBe('2025-06-12T08:00:00.000Z');
    const seminars = home.tasks.filter((t) => t.kind === 'seminar_upcoming');
    // Staff seminars only, the soonest three, each with its seats left.
    expect(seminars).toHaveLength(3);
    expect(seminars.every((t) => /職員向け.*残り\d+席/.test(t.title.ja))).toBe(true);
    const maturity = home.facts.find((f) => f.kind === 'town_maturity')!;
    expect(maturity.value.ja).toMatch(/^レベル\d\.\d$/);
    expect(maturity.detail!.ja).toMatch(/^県平均 \d\.\d（令和6年度（2024）ニーズ調査、59市町村）$/);
  });

  it('mayor: the town’s summary (maturity, support, seminars) and what is pending, without the staff’s seminars', async () => {
    const home = await homeAt('mayor@nishiaizu.example.jp', now);
    expectRoutedLinks(home);
    expect(home.facts.map((f) => f.kind)).toEqual(['town_maturity', 'town_support', 'town_seminars']);
    expect(home.facts.every((f) => f.href === '/reports/my-profile')).toBe(true);
    const seminars = home.tasks.filter((t) => t.kind === 'seminar_upcoming');
    expect(seminars.map((t) => t.title.ja)).toEqual([
      expect.stringMatching(/^令和7年度 DXトップセミナー（首長・副首長向け）：申込受付中（残り85席）$/),
    ]);
    expect(kindsOf(home).has('survey_answer')).toBe(true);
  });

  it('company: the open call for proposals with its criteria and deadline, the shared needs, its returned and draft menus', async () => {
    const home = await homeAt('advisor@company-a.example.jp', now);
    expectRoutedLinks(home);
    const call = home.tasks.find((t) => t.kind === 'menu_call_for_proposals')!;
    expect(call.title.ja).toBe(
      '支援メニューの提案を受付中です（評価基準：市町村ニーズとの合致30・期待される効果30・実現可能性20・費用の妥当性20）',
    );
    expect(call.dueAt).toBe('2025-06-10T08:00:00.000Z');
    expect(kindsOf(home)).toEqual(
      new Set([
        'menu_call_for_proposals',
        'menu_proposal_draft',
        'menu_proposal_returned',
        'survey_shared_needs',
        'project_log_sessions',
      ]),
    );
    expect(home.tasks.find((t) => t.kind === 'survey_shared_needs')!.href).toMatch(
      /^\/surveys\/[^/]+\/shared$/,
    );
  });

  it('reviewer and council: what is assigned to them', async () => {
    const reviewer = await homeAt('reviewer@pref.example.jp', now);
    expectRoutedLinks(reviewer);
    // Two proposals of the second round wait for this reviewer's scores.
    expect(reviewer.tasks.filter((t) => t.kind === 'menu_review')).toHaveLength(2);
    const council = await homeAt('secretariat@council.example.jp', now);
    expectRoutedLinks(council);
    expect(kindsOf(council)).toEqual(new Set(['survey_shared_needs']));
  });

  it('has nothing for a role once the year’s work is done', async () => {
    const home = await homeAt('dx@nishiaizu.example.jp', jstDate(2025, 12, 1, 9));
    expect(home.tasks.filter((t) => t.kind === 'survey_answer' || t.kind === 'seminar_upcoming')).toEqual([]);
  });
});

describe('tasks', () => {
  it('gives the prefecture admin a task for every open phase', async () => {
    const admin = await homeAt('admin@pref.example.jp', now);
    expect(admin.tasks.find((t) => t.kind === 'open_phase' && t.title.en.includes('Needs survey'))).toEqual({
      kind: 'open_phase',
      title: {
        ja: 'ICTアドバイザー市町村派遣事業：課題把握アンケートを実施中です',
        en: 'ICT Advisor Dispatch to Municipalities: Needs survey is open',
      },
      href: `/fiscal-years/${admin.fiscalYear!.id}`,
      dueAt: '2025-06-12T08:00:00.000Z',
    });
    // In autumn both delivery and the seminar series run; neither has a deadline.
    const autumn = await homeAt('admin@pref.example.jp', jstDate(2025, 10, 1, 9));
    expect(
      autumn.tasks
        .filter((t) => t.kind === 'open_phase')
        .map((t) => t.title.en)
        .sort(),
    ).toEqual([
      'ICT Advisor Dispatch to Municipalities: Support delivery is open',
      'Municipal DX Top Seminars: DX top seminars is open',
    ]);
  });

  it('collects tasks from registered providers, sorted by due date, and survives a failing one', async () => {
    const seen: { role: string[]; year: number | null; now: Date }[] = [];
    const surveyTasks: HomeTaskProvider = async ({ actor, fiscalYear, now }) => {
      seen.push({ role: actor.roles, year: fiscalYear?.year ?? null, now });
      return [
        {
          kind: 'survey_answer',
          title: { ja: '回答', en: 'Answer' },
          href: '/surveys/1',
          dueAt: '2024-04-26T08:00:00.000Z',
        },
        { kind: 'survey_read', title: { ja: '確認', en: 'Read' }, href: '/surveys/2', dueAt: null },
        {
          kind: 'survey_early',
          title: { ja: '先', en: 'Early' },
          href: '/surveys/3',
          dueAt: '2024-04-12T08:00:00.000Z',
        },
      ];
    };
    const broken: HomeTaskProvider = async () => {
      throw new Error('provider down');
    };
    const logged: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const deps = testServiceDeps(ctx.database.db, logger);
    const service = createHomeService(deps, {
      fiscalYears: createFiscalYearsService(deps),
      tasks: [broken, surveyTasks],
    });
    const request = await requestAs('dx@nishiaizu.example.jp', now);
    const home = await service.get(request);
    expect(home.tasks.map((t) => t.kind)).toEqual(['survey_early', 'survey_answer', 'survey_read']);
    expect(seen).toEqual([{ role: ['municipality_staff'], year: testPresentYear, now }]);
    expect(logged).toEqual([
      expect.objectContaining({ msg: 'home task provider failed', requestId: 'home-test' }),
    ]);
  });
});

describe('which year the home shows', () => {
  it('falls back to the latest year when none is active, and to nothing before any year exists', async () => {
    const db = ctx.database.db;
    await db.update(fiscalYears).set({ status: 'closed' }).where(eq(fiscalYears.year, testPresentYear));
    const closed = await homeAt('dx@nishiaizu.example.jp', now);
    expect(closed.fiscalYear?.year).toBe(testPresentYear);
    // A closed year's deadlines are no longer announced.
    expect(closed.deadlines).toEqual([]);

    await db.update(fiscalYears).set({ status: 'active' }).where(eq(fiscalYears.year, 2023));
    expect((await homeAt('dx@nishiaizu.example.jp', now)).fiscalYear?.year).toBe(2023);
  });
});
