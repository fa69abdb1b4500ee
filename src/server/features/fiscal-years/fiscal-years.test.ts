import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jstDate } from '../../../shared/fiscal-year';
import type {
  FiscalYearDetail,
  FiscalYearSummary,
  Phase,
  Program,
} from '../../../shared/schemas/fiscal-years';
import { auditLog, fiscalYears, prefectures, programPhases, programs } from '../../db/schema';
import { resolveSession } from '../../platform/auth/sessions';
import { defaultConfig } from '../../platform/deps';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const company = await ctx.sessionCookieFor('advisor@company-a.example.jp');

async function call(method: string, path: string, body?: unknown, cookie = admin) {
  const res = await ctx.request(method, path, { cookie, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function listYears(cookie = admin): Promise<FiscalYearSummary[]> {
  const res = await call('GET', '/api/fiscal-years', undefined, cookie);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function yearId(year: number): Promise<string> {
  const found = (await listYears()).find((fy) => fy.year === year);
  if (!found) throw new Error(`no FY${year}`);
  return found.id;
}

async function detail(year: number, cookie = admin): Promise<FiscalYearDetail> {
  const res = await call('GET', `/api/fiscal-years/${await yearId(year)}`, undefined, cookie);
  expect(res.status).toBe(200);
  return res.body;
}

async function dispatchProgram(year: number): Promise<Program> {
  return (await detail(year)).programs.find((p) => p.kind === 'advisor_dispatch')!;
}

async function createProgram(year: number, name = 'テスト事業'): Promise<Program> {
  const res = await call('POST', `/api/fiscal-years/${await yearId(year)}/programs`, {
    kind: 'other',
    name,
    nameEn: 'Test program',
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await ctx.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, entityId))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => r.action);
}

describe('reading the plan', () => {
  it('lists the years newest first with labels, program counts and null-safe budget totals', async () => {
    const years = await listYears(staff);
    expect(years.map((fy) => fy.year)).toEqual([2024, 2023, 2022]);
    const [fy2024, fy2023, fy2022] = years as [FiscalYearSummary, FiscalYearSummary, FiscalYearSummary];
    expect(fy2024.label).toEqual({ ja: '令和6年度（2024）', en: 'FY2024 (Reiwa 6)' });
    expect(fy2024).toMatchObject({ status: 'active', programCount: 2, totalBudgetThousandYen: 70_865 });
    expect(fy2024.undecidedBudgetCount).toBe(0);
    // The seminar series costs 1,320千円 every demo year (the same figure as the series table).
    expect(fy2023).toMatchObject({
      status: 'closed',
      totalBudgetThousandYen: 32_267,
      undecidedBudgetCount: 0,
    });
    // FY2022: the dispatch budget is unknown, so it is counted as undecided (null), not as zero.
    expect(fy2022).toMatchObject({ totalBudgetThousandYen: 1_320, undecidedBudgetCount: 1 });
  });

  it('shows a year with its programs and phases sorted by start, deadlines in JST and as instants', async () => {
    const fy = await detail(2024, staff);
    expect(fy.phaseWindow).toEqual({ from: '2023-10-01', to: '2025-03-31' });
    const dispatch = fy.programs.find((p) => p.kind === 'advisor_dispatch')!;
    expect(dispatch.budgetThousandYen).toBe(69_545);
    expect(dispatch.description).toContain('41市町村');
    expect(dispatch.phases.map((p) => p.kind)).toEqual([
      'survey',
      'proposals',
      'review',
      'call',
      'delivery',
      'evaluation',
    ]);
    const call = dispatch.phases.find((p) => p.kind === 'call')!;
    expect(call.deadline).toEqual({ date: '2024-06-21', time: '15:00' });
    expect(call.deadlineAt).toBe('2024-06-21T06:00:00.000Z');
    const review = dispatch.phases.find((p) => p.kind === 'review')!;
    expect(review.deadline).toBeNull();
    expect(review.deadlineAt).toBeNull();
  });

  it('computes each phase state against the moment it is asked for', async () => {
    const cookie = admin.split('=')[1]!;
    const session = await resolveSession(ctx.database.db, cookie, defaultConfig.sessionPolicy, new Date());
    const request = {
      actor: session!.actor,
      requestId: 't',
      locale: 'ja' as const,
      ipAddress: null,
      userAgent: null,
    };
    const id = await yearId(2024);
    const at = async (now: Date) => {
      const fy = await ctx.services.fiscalYears.get({ ...request, now }, id);
      const phases = fy.programs.find((p) => p.kind === 'advisor_dispatch')!.phases;
      return Object.fromEntries(phases.map((p) => [p.kind, p.state]));
    };
    expect(await at(jstDate(2024, 6, 15, 12))).toMatchObject({
      survey: 'closed',
      proposals: 'closed',
      review: 'closed',
      call: 'open',
      delivery: 'upcoming',
    });
    // The call closes at its 15:00 cut-off even though its last day is not over.
    expect((await at(jstDate(2024, 6, 21, 15, 0))).call).toBe('open');
    expect((await at(jstDate(2024, 6, 21, 15, 1))).call).toBe('closed');
    // A phase opens at 00:00 JST on its first day.
    expect((await at(jstDate(2024, 6, 9, 23, 59))).call).toBe('upcoming');
    expect((await at(jstDate(2024, 6, 10, 0, 0))).call).toBe('open');
    // Without a deadline a phase stays open through its last day.
    expect((await at(jstDate(2024, 6, 7, 23, 59))).review).toBe('open');
    expect((await at(jstDate(2024, 6, 8, 0, 0))).review).toBe('closed');
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await call('GET', '/api/fiscal-years/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('GET', '/api/fiscal-years/not-a-uuid')).status).toBe(422);
  });
});

describe('creating a year', () => {
  it('creates a planning year and refuses the same year twice with 409 and the existing year', async () => {
    const created = await call('POST', '/api/fiscal-years', { year: 2030 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      year: 2030,
      status: 'planning',
      label: { ja: '令和12年度（2030）', en: 'FY2030 (Reiwa 12)' },
      programs: [],
      adjustedDeadlines: [],
      programCount: 0,
      totalBudgetThousandYen: null,
    });
    expect(await auditActions(created.body.id)).toEqual(['fiscal_year.create']);

    const again = await call('POST', '/api/fiscal-years', { year: 2030 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE');
    expect(again.body.error.fields[0]).toMatchObject({ path: ['year'], code: 'duplicate' });
    expect(again.body.error.current.id).toBe(created.body.id);
  });

  it('validates the year range and the request shape', async () => {
    for (const year of [1999, 2101, 2024.5]) {
      const res = await call('POST', '/api/fiscal-years', { year });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].path).toEqual(['year']);
    }
    const badStatus = await call('POST', '/api/fiscal-years', { year: 2031, status: 'archived' });
    expect(badStatus.status).toBe(422);
    const unknownSource = await call('POST', '/api/fiscal-years', {
      year: 2031,
      copyFrom: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownSource.status).toBe(422);
    expect(unknownSource.body.error.fields[0]).toMatchObject({ path: ['copyFrom'], code: 'not_found' });
    expect((await listYears()).some((fy) => fy.year === 2031)).toBe(false);
  });

  it('copies last year’s programs and phases shifted by a year, budgets left undecided', async () => {
    // A needs survey in the preceding winter, ending on the leap day 2024-02-29 (a Thursday).
    const source = await dispatchProgram(2024);
    const winterSurvey = await call('POST', `/api/programs/${source.id}/phases`, {
      kind: 'survey',
      startsOn: '2024-02-01',
      endsOn: '2024-02-29',
      deadline: { date: '2024-02-29', time: '10:00' },
      note: '冬の事前アンケート',
    });
    expect(winterSurvey.status).toBe(201);

    const res = await call('POST', '/api/fiscal-years', { year: 2025, copyFrom: await yearId(2024) });
    expect(res.status).toBe(201);
    const copy: FiscalYearDetail & { adjustedDeadlines: unknown[] } = res.body;
    expect(copy.programs.map((p) => p.name).sort()).toEqual(
      ['ICTアドバイザー市町村派遣事業', '市町村DX推進トップセミナー事業'].sort(),
    );
    expect(copy.programs.every((p) => p.budgetThousandYen === null)).toBe(true);
    expect(copy).toMatchObject({ totalBudgetThousandYen: null, undecidedBudgetCount: 2 });

    const dispatch = copy.programs.find((p) => p.kind === 'advisor_dispatch')!;
    const byStart = (startsOn: string) => dispatch.phases.find((p) => p.startsOn === startsOn)!;
    // 2024-02-29 + 1 year = 2025-02-28: 2025 has no leap day, so the last day of February is used.
    expect(byStart('2025-02-01')).toMatchObject({
      kind: 'survey',
      endsOn: '2025-02-28',
      deadline: { date: '2025-02-28', time: '10:00' },
      note: '冬の事前アンケート',
    });
    expect(byStart('2025-07-01')).toMatchObject({ kind: 'delivery', endsOn: '2026-02-28' });
    expect(byStart('2026-03-03').deadline).toEqual({ date: '2026-03-19', time: '17:00' });
    // 2024-06-21 (Fri) + 1 year is Saturday 2025-06-21: the copy is pulled forward to Friday, time kept.
    expect(byStart('2025-06-10')).toMatchObject({
      kind: 'call',
      deadline: { date: '2025-06-20', time: '15:00' },
    });
    expect(copy.adjustedDeadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'survey', from: '2025-04-26', to: '2025-04-25' }),
        expect.objectContaining({ kind: 'proposals', from: '2025-05-24', to: '2025-05-23' }),
        expect.objectContaining({ kind: 'call', from: '2025-06-21', to: '2025-06-20' }),
      ]),
    );
    expect(copy.adjustedDeadlines).toHaveLength(3);

    // Four years on, the leap day exists again and is kept.
    const fourYears = await call('POST', '/api/fiscal-years', { year: 2028, copyFrom: await yearId(2024) });
    expect(fourYears.status).toBe(201);
    const later = (fourYears.body as FiscalYearDetail).programs.find((p) => p.kind === 'advisor_dispatch')!;
    expect(later.phases.find((p) => p.startsOn === '2028-02-01')!.endsOn).toBe('2028-02-29');

    // The source year is untouched.
    expect((await dispatchProgram(2024)).budgetThousandYen).toBe(69_545);
  });
});

describe('unknown fields', () => {
  it('refuses a misspelled field with a 422 naming it, and creates nothing', async () => {
    const source = await yearId(2024);
    const before = (await listYears()).length;
    const res = await call('POST', '/api/fiscal-years', { year: 2031, copyFrm: source });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      {
        path: ['copyFrm'],
        code: 'unrecognized_keys',
        ja: '「copyFrm」という項目はありません。',
        en: 'Unknown field "copyFrm".',
      },
    ]);
    expect(await listYears()).toHaveLength(before);
    // Spelled right, the same request creates the year with the copied plan.
    const created = await call('POST', '/api/fiscal-years', { year: 2031, copyFrom: source });
    expect(created.status).toBe(201);
  });

  it('names an unknown field at any depth, on every write', async () => {
    const id = await yearId(2024);
    const detail = (await call('GET', `/api/fiscal-years/${id}`)).body;
    const patched = await call('PATCH', `/api/fiscal-years/${id}`, {
      version: detail.version,
      stauts: 'active',
    });
    expect(patched.status).toBe(422);
    expect(patched.body.error.fields.map((f: { path: unknown }) => f.path)).toEqual([['stauts']]);
    const program = await call('POST', `/api/fiscal-years/${id}/programs`, {
      kind: 'other',
      name: '追加事業',
      nameEn: 'Extra program',
      description: '',
      budgetThousandYen: 100,
      budgetThousandYn: 100,
    });
    expect(program.status).toBe(422);
    expect(program.body.error.fields.map((f: { path: unknown }) => f.path)).toEqual([['budgetThousandYn']]);
  });
});

describe('only one active year', () => {
  it('activating a year closes the previously active one in the same change', async () => {
    const fy2030 = await detail(2030);
    const res = await call('PATCH', `/api/fiscal-years/${fy2030.id}`, {
      version: fy2030.version,
      status: 'active',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', version: fy2030.version + 1 });
    const statuses = Object.fromEntries((await listYears()).map((fy) => [fy.year, fy.status]));
    expect(statuses).toMatchObject({ 2030: 'active', 2024: 'closed', 2023: 'closed' });
    expect(Object.values(statuses).filter((s) => s === 'active')).toHaveLength(1);
    expect(await auditActions(await yearId(2024))).toContain('fiscal_year.close');

    // Creating a year directly as active closes the current one as well.
    const created = await call('POST', '/api/fiscal-years', { year: 2032, status: 'active' });
    expect(created.status).toBe(201);
    const after = Object.fromEntries((await listYears()).map((fy) => [fy.year, fy.status]));
    expect(after).toMatchObject({ 2032: 'active', 2030: 'closed' });
  });

  it('rolls the closing back when the activation itself loses to a newer version', async () => {
    const fy2025 = await detail(2025);
    const stale = await call('PATCH', `/api/fiscal-years/${fy2025.id}`, {
      version: fy2025.version + 5,
      status: 'active',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.current).toMatchObject({
      id: fy2025.id,
      version: fy2025.version,
      status: 'planning',
    });
    // 2032 is still the one active year: the close made before the failed update was undone.
    const active = (await listYears()).filter((fy) => fy.status === 'active').map((fy) => fy.year);
    expect(active).toEqual([2032]);
  });

  it('the database refuses a second active year even if a caller skipped the service', async () => {
    const fy2025 = await yearId(2025);
    await expect(
      ctx.database.db.update(fiscalYears).set({ status: 'active' }).where(eq(fiscalYears.id, fy2025)),
    ).rejects.toThrow();
  });

  it('serializes concurrent activations so that both succeed in turn and one year stays active', async () => {
    const [a, b] = await Promise.all([detail(2025), detail(2028)]);
    const results = await Promise.all([
      call('PATCH', `/api/fiscal-years/${a.id}`, { version: a.version, status: 'active' }),
      call('PATCH', `/api/fiscal-years/${b.id}`, { version: b.version, status: 'active' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const active = (await listYears()).filter((fy) => fy.status === 'active').map((fy) => fy.year);
    expect(active).toHaveLength(1);
    expect([2025, 2028]).toContain(active[0]);
  });

  it('answers one of two concurrent creations of the same year with 409', async () => {
    const results = await Promise.all([
      call('POST', '/api/fiscal-years', { year: 2033 }),
      call('POST', '/api/fiscal-years', { year: 2033 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('DUPLICATE');
  });
});

describe('programs', () => {
  it('creates, updates with optimistic locking and answers 409 with the current program', async () => {
    const created = await call('POST', `/api/fiscal-years/${await yearId(2025)}/programs`, {
      kind: 'other',
      name: '  デジタル人材育成事業 ',
      nameEn: 'Digital talent development',
      description: '市町村職員向け研修',
      budgetThousandYen: 5_000,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'デジタル人材育成事業',
      budgetThousandYen: 5_000,
      version: 1,
    });
    const id = created.body.id;

    const updated = await call('PATCH', `/api/programs/${id}`, { version: 1, budgetThousandYen: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ budgetThousandYen: null, version: 2, name: 'デジタル人材育成事業' });

    const conflict = await call('PATCH', `/api/programs/${id}`, { version: 1, name: '上書き' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('VERSION_CONFLICT');
    expect(conflict.body.error.current).toMatchObject({
      id,
      version: 2,
      name: 'デジタル人材育成事業',
      phases: [],
    });
    expect(await auditActions(id)).toEqual(['program.create', 'program.update']);
  });

  it('validates budgets in 千円 as non-negative whole numbers', async () => {
    const fy = await yearId(2025);
    for (const budgetThousandYen of [-1, 1.5, '100']) {
      const res = await call('POST', `/api/fiscal-years/${fy}/programs`, {
        kind: 'other',
        name: 'x',
        nameEn: 'x',
        budgetThousandYen,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].path).toEqual(['budgetThousandYen']);
    }
    const noKind = await call('POST', `/api/fiscal-years/${fy}/programs`, {
      kind: 'party',
      name: 'x',
      nameEn: 'x',
    });
    expect(noKind.status).toBe(422);
  });

  it('deletes a program only once it has no phases, saying why otherwise', async () => {
    const program = await createProgram(2025, '削除する事業');
    const phase = await call('POST', `/api/programs/${program.id}/phases`, {
      kind: 'other',
      startsOn: '2025-05-01',
      endsOn: '2025-05-30',
    });
    expect(phase.status).toBe(201);

    const refused = await call('DELETE', `/api/programs/${program.id}?version=1`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('IN_USE');
    expect(refused.body.error.fields[0]).toMatchObject({ path: ['phases'], code: 'has_phases' });
    expect(refused.body.error.fields[0].ja).toContain('日程が1件');
    expect(refused.body.error.fields[0].en).toContain('Delete them first');

    expect((await call('DELETE', `/api/phases/${phase.body.id}?version=1`)).status).toBe(204);
    const stale = await call('DELETE', `/api/programs/${program.id}?version=7`);
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id: program.id, version: 1 });
    const deleted = await ctx.request('DELETE', `/api/programs/${program.id}?version=1`, { cookie: admin });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await call('DELETE', `/api/programs/${program.id}?version=1`)).status).toBe(404);
    expect(await auditActions(program.id)).toEqual(['program.create', 'program.delete']);
    expect(await auditActions(phase.body.id)).toEqual(['program_phase.create', 'program_phase.delete']);
  });
});

describe('phase date rules', () => {
  async function addPhase(body: Record<string, unknown>, year = 2024) {
    const program = await dispatchProgram(year);
    return call('POST', `/api/programs/${program.id}/phases`, { kind: 'other', ...body });
  }

  it('refuses a deadline on a national holiday and proposes the previous business day', async () => {
    const res = await addPhase({
      startsOn: '2024-05-01',
      endsOn: '2024-05-10',
      deadline: { date: '2024-05-03', time: '17:00' },
    });
    expect(res.status).toBe(422);
    const [field] = res.body.error.fields;
    expect(field).toMatchObject({ path: ['deadline', 'date'], code: 'non_business_day' });
    // 2024-05-03 is 憲法記念日 (a Friday); the previous business day is Thursday 2024-05-02.
    expect(field.ja).toContain('憲法記念日');
    expect(field.ja).toContain('2024年5月2日（木）');
    expect(field.ja).toContain('2024-05-02');
    expect(field.en).toContain('Constitution Memorial Day');
    expect(field.en).toContain('2024-05-02');
  });

  it('refuses weekends and the year-end closure the same way', async () => {
    const saturday = await addPhase({
      startsOn: '2024-05-07',
      endsOn: '2024-05-17',
      deadline: { date: '2024-05-11', time: '17:00' },
    });
    expect(saturday.status).toBe(422);
    expect(saturday.body.error.fields[0].ja).toContain('土曜日');
    expect(saturday.body.error.fields[0].en).toContain('2024-05-10');

    // 12/30 is a Monday in 2024 but the office is closed until 1/3; the previous business day is Friday 12/27.
    const yearEnd = await addPhase({
      startsOn: '2024-12-16',
      endsOn: '2025-01-10',
      deadline: { date: '2024-12-30', time: '12:00' },
    });
    expect(yearEnd.status).toBe(422);
    expect(yearEnd.body.error.fields[0].ja).toContain('年末年始');
    expect(yearEnd.body.error.fields[0].en).toContain('2024-12-27');
  });

  it('keeps the deadline inside the phase and the end after the start', async () => {
    const outside = await addPhase({
      startsOn: '2024-05-07',
      endsOn: '2024-05-17',
      deadline: { date: '2024-05-20', time: '17:00' },
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields[0]).toMatchObject({
      path: ['deadline', 'date'],
      code: 'deadline_outside_phase',
    });

    const reversed = await addPhase({ startsOn: '2024-05-17', endsOn: '2024-05-07' });
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.fields[0].path).toEqual(['endsOn']);

    for (const deadline of [
      { date: '2024-02-30', time: '17:00' },
      { date: '2024-05-10', time: '24:00' },
      { date: '2024/05/10', time: '17:00' },
    ]) {
      const bad = await addPhase({ startsOn: '2024-05-07', endsOn: '2024-05-17', deadline });
      expect(bad.status).toBe(422);
      expect(bad.body.error.fields[0].path[0]).toBe('deadline');
    }
  });

  it('keeps phases within April–March of the year, extended six months back', async () => {
    const tooEarly = await addPhase({ startsOn: '2023-09-30', endsOn: '2023-10-20' });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.error.fields).toEqual([
      expect.objectContaining({ path: ['startsOn'], code: 'outside_fiscal_year' }),
    ]);
    expect(tooEarly.body.error.fields[0].ja).toContain('2023年10月1日');
    const tooLate = await addPhase({ startsOn: '2025-03-10', endsOn: '2025-04-01' });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.error.fields[0]).toMatchObject({ path: ['endsOn'], code: 'outside_fiscal_year' });

    const edges = await addPhase({
      startsOn: '2023-10-01',
      endsOn: '2025-03-31',
      deadline: { date: '2025-03-31', time: '17:00' },
    });
    expect(edges.status).toBe(201);
    expect(edges.body).toMatchObject({ deadline: { date: '2025-03-31', time: '17:00' } });
    expect(await auditActions(edges.body.id)).toEqual(['program_phase.create']);
  });

  it('says so instead of failing when the holiday calendar does not reach the deadline year', async () => {
    const fy = await call('POST', '/api/fiscal-years', { year: 2100 });
    expect(fy.status).toBe(201);
    const program = await call('POST', `/api/fiscal-years/${fy.body.id}/programs`, {
      kind: 'other',
      name: '遠い将来',
      nameEn: 'Far future',
    });
    const res = await call('POST', `/api/programs/${program.body.id}/phases`, {
      kind: 'call',
      startsOn: '2100-06-01',
      endsOn: '2100-06-30',
      deadline: { date: '2100-06-30', time: '17:00' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].code).toBe('calendar_unsupported');
  });

  it('applies the rules to edits, re-judging a deadline only when it changes', async () => {
    const created = await addPhase({
      startsOn: '2024-09-02',
      endsOn: '2024-09-20',
      deadline: { date: '2024-09-13', time: '17:00' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const holiday = await call('PATCH', `/api/phases/${id}`, {
      version: 1,
      deadline: { date: '2024-09-16', time: '17:00' },
    });
    expect(holiday.status).toBe(422);
    expect(holiday.body.error.fields[0].ja).toContain('敬老の日');
    expect(holiday.body.error.fields[0].en).toContain('2024-09-13');

    const shrink = await call('PATCH', `/api/phases/${id}`, { version: 1, endsOn: '2024-09-10' });
    expect(shrink.status).toBe(422);
    expect(shrink.body.error.fields[0].code).toBe('deadline_outside_phase');

    const outside = await call('PATCH', `/api/phases/${id}`, { version: 1, startsOn: '2023-09-01' });
    expect(outside.status).toBe(422);

    // A deadline already announced on a closed day (legacy data) does not block editing the note.
    await ctx.database.db
      .update(programPhases)
      .set({ deadlineAt: jstDate(2024, 9, 14, 17) })
      .where(eq(programPhases.id, id));
    const note = await call('PATCH', `/api/phases/${id}`, { version: 1, note: '説明会あり' });
    expect(note.status).toBe(200);
    expect(note.body).toMatchObject({ note: '説明会あり', version: 2, deadline: { date: '2024-09-14' } });

    const moved = await call('PATCH', `/api/phases/${id}`, {
      version: 2,
      deadline: { date: '2024-09-12', time: '12:00' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.deadlineAt).toBe('2024-09-12T03:00:00.000Z');

    const removed = await call('PATCH', `/api/phases/${id}`, { version: 3, deadline: null });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ deadline: null, deadlineAt: null, version: 4 });

    const conflict = await call('PATCH', `/api/phases/${id}`, { version: 3, note: '古い版' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.current).toMatchObject({ id, version: 4, note: '説明会あり', deadline: null });
    const staleDelete = await call('DELETE', `/api/phases/${id}?version=3`);
    expect(staleDelete.status).toBe(409);
    expect(staleDelete.body.error.current.version).toBe(4);
    expect((await call('DELETE', `/api/phases/${id}?version=4`)).status).toBe(204);
    expect(await auditActions(id)).toEqual([
      'program_phase.create',
      'program_phase.update',
      'program_phase.update',
      'program_phase.update',
      'program_phase.delete',
    ]);
  });
});

describe('who may change the plan', () => {
  it('answers 403 to municipality and company users on every write, and changes nothing', async () => {
    const fy = await detail(2025);
    const program = fy.programs[0]!;
    const phase = program.phases[0] as Phase;
    const writes: [string, string, unknown][] = [
      ['POST', '/api/fiscal-years', { year: 2040 }],
      ['PATCH', `/api/fiscal-years/${fy.id}`, { version: fy.version, status: 'closed' }],
      ['POST', `/api/fiscal-years/${fy.id}/programs`, { kind: 'other', name: 'x', nameEn: 'x' }],
      ['PATCH', `/api/programs/${program.id}`, { version: program.version, name: '書き換え' }],
      ['DELETE', `/api/programs/${program.id}?version=${program.version}`, undefined],
      [
        'POST',
        `/api/programs/${program.id}/phases`,
        { kind: 'other', startsOn: '2025-05-01', endsOn: '2025-05-02' },
      ],
      ['PATCH', `/api/phases/${phase.id}`, { version: phase.version, note: '書き換え' }],
      ['DELETE', `/api/phases/${phase.id}?version=${phase.version}`, undefined],
    ];
    for (const cookie of [staff, company]) {
      for (const [method, path, body] of writes) {
        const res = await call(method, path, body, cookie);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
    expect(await detail(2025)).toEqual(fy);
    expect((await listYears()).some((y) => y.year === 2040)).toBe(false);
  });

  it('answers 401 without a session', async () => {
    expect((await ctx.request('GET', '/api/fiscal-years')).status).toBe(401);
    expect((await ctx.request('POST', '/api/fiscal-years', { body: { year: 2041 } })).status).toBe(401);
  });
});

describe('tenancy', () => {
  it('treats another prefecture’s years, programs and phases as absent', async () => {
    const db = ctx.database.db;
    const [other] = await db
      .insert(prefectures)
      .values({ code: '13', name: '東京都', nameEn: 'Tokyo' })
      .returning();
    const [otherYear] = await db
      .insert(fiscalYears)
      .values({ prefectureId: other!.id, year: 2024 })
      .returning();
    const [otherProgram] = await db
      .insert(programs)
      .values({
        prefectureId: other!.id,
        fiscalYearId: otherYear!.id,
        kind: 'other',
        name: '都の事業',
        nameEn: 'x',
      })
      .returning();
    const [otherPhase] = await db
      .insert(programPhases)
      .values({
        prefectureId: other!.id,
        programId: otherProgram!.id,
        kind: 'other',
        startsOn: '2024-05-01',
        endsOn: '2024-05-31',
      })
      .returning();

    expect((await listYears()).some((fy) => fy.id === otherYear!.id)).toBe(false);
    const attempts: [string, string, unknown][] = [
      ['GET', `/api/fiscal-years/${otherYear!.id}`, undefined],
      ['PATCH', `/api/fiscal-years/${otherYear!.id}`, { version: 1, status: 'active' }],
      ['POST', `/api/fiscal-years/${otherYear!.id}/programs`, { kind: 'other', name: 'x', nameEn: 'x' }],
      ['PATCH', `/api/programs/${otherProgram!.id}`, { version: 1, name: '乗っ取り' }],
      ['DELETE', `/api/programs/${otherProgram!.id}?version=1`, undefined],
      [
        'POST',
        `/api/programs/${otherProgram!.id}/phases`,
        { kind: 'other', startsOn: '2024-05-01', endsOn: '2024-05-02' },
      ],
      ['PATCH', `/api/phases/${otherPhase!.id}`, { version: 1, note: '乗っ取り' }],
      ['DELETE', `/api/phases/${otherPhase!.id}?version=1`, undefined],
    ];
    for (const cookie of [admin, staff]) {
      for (const [method, path, body] of attempts) {
        const res = await call(method, path, body, cookie);
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
    const copy = await call('POST', '/api/fiscal-years', { year: 2042, copyFrom: otherYear!.id });
    expect(copy.status).toBe(422);
    expect(copy.body.error.fields[0].path).toEqual(['copyFrom']);

    const [unchanged] = await db
      .select()
      .from(programs)
      .where(and(eq(programs.id, otherProgram!.id), eq(programs.version, 1)));
    expect(unchanged?.name).toBe('都の事業');
  });
});
