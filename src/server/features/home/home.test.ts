import { eq } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { jstDate } from '../../../shared/fiscal-year';
import { type Home, homeSchema } from '../../../shared/schemas/fiscal-years';
import { fiscalYears } from '../../db/schema';
import { resolveSession } from '../../platform/auth/sessions';
import type { RequestContext } from '../../platform/context';
import { defaultConfig } from '../../platform/deps';
import { createTestContext } from '../../testing/harness';
import type { HomeTaskProvider } from './home-tasks';
import { createFiscalYearsService } from '../fiscal-years/fiscal-years.service';
import { createHomeService, deadlineKindsFor } from './home.service';

const ctx = await createTestContext();

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

/** 2024-04-10 12:00 JST: the FY2024 needs survey is open, menu proposals have not started. */
const april10 = jstDate(2024, 4, 10, 12);

describe('deadlines by role', () => {
  it('shows a municipality the survey, call and evaluation deadlines but not the companies’ proposals', async () => {
    for (const email of ['dx@nishiaizu.example.jp', 'mayor@nishiaizu.example.jp']) {
      const home = await homeAt(email, april10);
      expect(home.deadlines.map((d) => d.kind)).toEqual(['survey', 'call', 'evaluation']);
      const survey = home.deadlines[0]!;
      expect(survey).toMatchObject({
        programName: 'ICTアドバイザー市町村派遣事業',
        programNameEn: 'ICT Advisor Dispatch to Municipalities',
        deadlineAt: '2024-04-26T08:00:00.000Z',
        // 16 days and 5 hours before the cut-off: rounded down, never promising more time.
        remaining: { ja: 'あと16日', en: '16 days left' },
      });
    }
  });

  it('shows a company its proposal deadline, a reviewer the review deadlines, the prefecture all', async () => {
    expect((await homeAt('advisor@company-a.example.jp', april10)).deadlines.map((d) => d.kind)).toEqual([
      'proposals',
    ]);
    // The demo review phase has no deadline, so a reviewer has none to watch.
    expect((await homeAt('reviewer@pref.example.jp', april10)).deadlines).toEqual([]);
    const all = ['survey', 'proposals', 'call', 'evaluation'];
    expect((await homeAt('admin@pref.example.jp', april10)).deadlines.map((d) => d.kind)).toEqual(all);
    expect((await homeAt('secretariat@council.example.jp', april10)).deadlines.map((d) => d.kind)).toEqual(
      all,
    );
  });

  it('drops deadlines once they pass', async () => {
    const home = await homeAt('dx@nishiaizu.example.jp', jstDate(2024, 6, 21, 15, 1));
    expect(home.deadlines.map((d) => d.kind)).toEqual(['evaluation']);
  });

  it('combines the deadline kinds of a user holding several roles', () => {
    expect(deadlineKindsFor(['company_member', 'reviewer'])).toEqual(['proposals', 'review']);
    expect(deadlineKindsFor([])).toEqual([]);
  });
});

describe('the year and its phases', () => {
  it('shows the active year with each phase’s state at the injected moment', async () => {
    const home = await homeAt('dx@nishiaizu.example.jp', april10);
    expect(home.fiscalYear).toMatchObject({
      year: 2024,
      label: { ja: '令和6年度（2024）', en: 'FY2024 (Reiwa 6)' },
    });
    const dispatch = home.programs.find((p) => p.kind === 'advisor_dispatch')!;
    expect(dispatch.budgetThousandYen).toBe(69_545);
    expect(Object.fromEntries(dispatch.phases.map((p) => [p.kind, p.state]))).toEqual({
      survey: 'open',
      proposals: 'upcoming',
      review: 'upcoming',
      call: 'upcoming',
      delivery: 'upcoming',
      evaluation: 'upcoming',
    });
    const later = await homeAt('dx@nishiaizu.example.jp', jstDate(2024, 8, 1, 9));
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
    expect(body.fiscalYear?.year).toBe(2024);
    expect(body.tasks).toEqual([]);
    expect((await ctx.request('GET', '/api/home')).status).toBe(401);
  });
});

describe('tasks', () => {
  it('gives the prefecture admin a task for every open phase, and other roles none yet', async () => {
    const admin = await homeAt('admin@pref.example.jp', april10);
    expect(admin.tasks).toEqual([
      {
        kind: 'open_phase',
        title: {
          ja: 'ICTアドバイザー市町村派遣事業：課題把握アンケートを実施中です',
          en: 'ICT Advisor Dispatch to Municipalities: Needs survey is open',
        },
        href: `/fiscal-years/${admin.fiscalYear!.id}`,
        dueAt: '2024-04-26T08:00:00.000Z',
      },
    ]);
    // In autumn both delivery and the seminar series run; neither has a deadline.
    const autumn = await homeAt('admin@pref.example.jp', jstDate(2024, 10, 1, 9));
    expect(autumn.tasks.map((t) => t.title.en).sort()).toEqual([
      'ICT Advisor Dispatch to Municipalities: Support delivery is open',
      'Municipal DX Top Seminars: DX top seminars is open',
    ]);
    expect((await homeAt('dx@nishiaizu.example.jp', april10)).tasks).toEqual([]);
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
    const deps = { db: ctx.database.db, config: defaultConfig, logger };
    const service = createHomeService(deps, {
      fiscalYears: createFiscalYearsService(deps),
      tasks: [broken, surveyTasks],
    });
    const request = await requestAs('dx@nishiaizu.example.jp', april10);
    const home = await service.get(request);
    expect(home.tasks.map((t) => t.kind)).toEqual(['survey_early', 'survey_answer', 'survey_read']);
    expect(seen).toEqual([{ role: ['municipality_staff'], year: 2024, now: april10 }]);
    expect(logged).toEqual([
      expect.objectContaining({ msg: 'home task provider failed', requestId: 'home-test' }),
    ]);
  });
});

describe('which year the home shows', () => {
  it('falls back to the latest year when none is active, and to nothing before any year exists', async () => {
    const db = ctx.database.db;
    await db.update(fiscalYears).set({ status: 'closed' }).where(eq(fiscalYears.year, 2024));
    const closed = await homeAt('dx@nishiaizu.example.jp', april10);
    expect(closed.fiscalYear?.year).toBe(2024);
    // A closed year's deadlines are no longer announced.
    expect(closed.deadlines).toEqual([]);

    await db.update(fiscalYears).set({ status: 'active' }).where(eq(fiscalYears.year, 2023));
    expect((await homeAt('dx@nishiaizu.example.jp', april10)).fiscalYear?.year).toBe(2023);
  });
});
