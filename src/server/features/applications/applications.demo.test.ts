import { describe, expect, it } from 'vitest';
import { allocationRuns, applications, fiscalYears, municipalities, supportProjects } from '../../db/schema';
import { createTestContext } from '../../testing/harness';

/** The seeded demo tells the document's three years (db/seed/applications-demo.ts). */
const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const koriyama = await ctx.sessionCookieFor('dx@koriyama.example.jp');

const years = new Map((await db.select().from(fiscalYears)).map((y) => [y.year, y.id]));
const projects = await db.select().from(supportProjects);
const townsOf = (year: number) =>
  new Set(projects.filter((p) => p.fiscalYearId === years.get(year)).map((p) => p.municipalityId));

async function get(path: string, cookie = admin) {
  const res = await ctx.request('GET', path, { cookie });
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  return (await res.json()) as any;
}

describe('demo: three years to support every municipality', () => {
  it('FY2022 19 and FY2023 20 other municipalities, imported as illustrative history', () => {
    const y2022 = townsOf(2022);
    const y2023 = townsOf(2023);
    expect(y2022.size).toBe(19);
    expect(y2023.size).toBe(20);
    expect([...y2022].filter((id) => y2023.has(id))).toEqual([]);
    const history = projects.filter((p) => p.source === 'import');
    expect(history.every((p) => p.notes.includes('例示') && p.title.includes('例示'))).toBe(true);
  });

  it('FY2024: a published run of the real engine, 45 projects in 41 municipalities within 69,545 千円', async () => {
    const [run] = await db.select().from(allocationRuns);
    expect(run!.status).toBe('published');
    const detail = await get(`/api/runs/${run!.id}`);
    expect(detail.solverStatus).toBe('optimal');
    expect(detail.totals).toMatchObject({ projects: 45, municipalities: 41 });
    expect(detail.totals.costThousandYen).toBeLessThanOrEqual(69_545);
    expect(detail.budgetThousandYen).toBe(69_545);
    const fy2024 = projects.filter((p) => p.fiscalYearId === years.get(2024));
    expect(fy2024).toHaveLength(45);
    // Published as planned; the projects demo then delivers them (every state of the flow).
    expect(fy2024.every((p) => p.source === 'allocation' && p.status !== 'cancelled')).toBe(true);
    expect(townsOf(2024).size).toBe(41);
    expect(fy2024.reduce((s, p) => s + (p.costThousandYen ?? 0), 0)).toBeLessThanOrEqual(69_545);
    const codes = new Set(
      detail.explanations.flatMap((e: { reasons: { code: string }[] }) => e.reasons.map((r) => r.code)),
    );
    for (const code of [
      'capacity_full',
      'municipality_limit',
      'budget_exhausted',
      'excluded_by_admin',
      'selected_first_choice',
    ])
      expect(codes).toContain(code);
  });

  it('every one of the 59 municipalities is supported by the end of FY2024', async () => {
    const all = await db.select({ id: municipalities.id }).from(municipalities);
    expect(all).toHaveLength(59);
    const covered = new Set([...townsOf(2022), ...townsOf(2023), ...townsOf(2024)]);
    expect(all.filter((m) => !covered.has(m.id))).toEqual([]);
    const applied = await db.select().from(applications);
    const appliedTowns = new Set(applied.map((a) => a.municipalityId));
    expect(appliedTowns.size).toBeGreaterThanOrEqual(45);
    const neverBefore = all.filter((m) => !townsOf(2022).has(m.id) && !townsOf(2023).has(m.id));
    expect(neverBefore).toHaveLength(20);
    expect(neverBefore.every((m) => appliedTowns.has(m.id))).toBe(true);
    const calls = await get(`/api/calls?fiscalYearId=${years.get(2024)}`);
    expect(calls.items[0]).toMatchObject({ state: 'published' });
    const plan = await get(`/api/calls/${calls.items[0].id}/planner`);
    expect(plan).toMatchObject({ fromYear: 2025, neverSupported: [] });
  });

  it('the challenge is proposed from the town’s latest needs-survey answers', async () => {
    const [fy2024Call] = (await get(`/api/calls?fiscalYearId=${years.get(2024)}`)).items;
    const prefill = await get(
      `/api/calls/${fy2024Call.id}/prefill`,
      await ctx.sessionCookieFor('dx@nishiaizu.example.jp'),
    );
    expect(prefill.source).toBe('2024年度 ニーズ調査の回答');
    expect(prefill.challenge.length).toBeGreaterThan(0);
  });

  it('a town not selected reads why, in both languages', async () => {
    const [fy2024Call] = (await get(`/api/calls?fiscalYearId=${years.get(2024)}`, koriyama)).items;
    const own = await get(`/api/calls/${fy2024Call.id}/applications`, koriyama);
    expect(own.items).toHaveLength(1);
    const result = own.items[0].result;
    expect(result.outcome).toBe('not_selected');
    expect(result.reasons[0]).toMatchObject({ code: 'capacity_full' });
    expect(result.reasons[0].ja).toContain('定員');
    expect(result.reasons[0].en).toContain('full');
  });
});
