import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { summarySheetSections } from '../../../shared/summary-sheet-text';
import type {
  BudgetReport,
  MunicipalityProfile,
  OpenDataCatalog,
  SummarySheet,
} from '../../../shared/schemas/reports';
import {
  fiscalYears,
  municipalities,
  programs,
  seminarRegistrations,
  seminarWalkIns,
  supportProjects,
  users,
} from '../../db/schema';
import { readTabularFile } from '../../platform/spreadsheet';
import { createTestContext } from '../../testing/harness';
import { suppressedMark, suppressRow } from './reports.open-data';

/** Reports over the seeded demo: the figures of the prefecture's own document (令和6年3月). */
const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const council = await ctx.sessionCookieFor('secretariat@council.example.jp');
const nishiaizuStaff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const koriyamaStaff = await ctx.sessionCookieFor('dx@koriyama.example.jp');
const company = await ctx.sessionCookieFor('advisor@company-a.example.jp');

async function get(path: string, cookie?: string) {
  const res = await ctx.request('GET', path, { cookie });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return res;
}
// biome-ignore lint/suspicious/noExplicitAny: JSON read field by field
const json = async <T = any>(path: string, cookie?: string) => (await (await get(path, cookie)).json()) as T;

async function programId(year: number, kind: string): Promise<string> {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .innerJoin(fiscalYears, eq(fiscalYears.id, programs.fiscalYearId))
    .where(and(eq(fiscalYears.year, year), eq(programs.kind, kind)));
  return row!.id;
}
const [nishiaizu] = await db.select().from(municipalities).where(eq(municipalities.code, '074055'));
const allTowns = await db.select().from(municipalities);
const otherTowns = allTowns.filter((m) => m.id !== nishiaizu!.id);

describe('budget per program and year', () => {
  it('gives the document’s figures: 69,545 vs 30,947 千円 for the dispatch program, 1,320 千円 for the seminars', async () => {
    const report = await json<BudgetReport>('/api/reports/budget', admin);
    // What the delivery demo has finished (completed, reported, evaluated) is what has been spent.
    const [fy2024] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
    const delivered = (
      await db.select().from(supportProjects).where(eq(supportProjects.fiscalYearId, fy2024!.id))
    )
      .filter((p) => ['completed', 'reported', 'evaluated'].includes(p.status))
      .reduce((sum, p) => sum + (p.costThousandYen ?? 0), 0);
    expect(delivered).toBeGreaterThan(0);
    const row = (year: number, kind: string) =>
      report.rows.find((r) => r.fiscalYear === year && r.programKind === kind)!;
    expect(row(2024, 'advisor_dispatch')).toMatchObject({
      budgetThousandYen: 69_545,
      previousBudgetThousandYen: 30_947,
      budgetChangeThousandYen: 69_545 - 30_947,
      // The published allocation: 45 projects in 41 municipalities costing 69,200 千円.
      units: 45,
      municipalities: 41,
      committedThousandYen: 69_200,
      spentThousandYen: delivered,
      remainingThousandYen: 345,
      unitsWithoutCost: 0,
      costPerMunicipalityThousandYen: Math.round((69_200 / 41) * 10) / 10,
    });
    // Imported history has no costs: counted, not summed, and no remaining shown.
    expect(row(2023, 'advisor_dispatch')).toMatchObject({
      budgetThousandYen: 30_947,
      units: 20,
      municipalities: 20,
      unitsWithoutCost: 20,
      remainingThousandYen: null,
      costPerMunicipalityThousandYen: null,
    });
    expect(row(2022, 'advisor_dispatch')).toMatchObject({
      budgetThousandYen: null,
      units: 19,
      municipalities: 19,
    });
    expect(row(2024, 'seminar_series')).toMatchObject({
      budgetThousandYen: 1_320,
      previousBudgetThousandYen: 1_320,
      budgetChangeThousandYen: 0,
      committedThousandYen: 1_320,
      units: 4,
    });
    expect(report.rows[0]!.fiscalYear).toBe(2024);
  });

  it('is read by the council too, but by no municipality or company', async () => {
    await get('/api/reports/budget', council);
    for (const cookie of [nishiaizuStaff, company]) {
      expect((await ctx.request('GET', '/api/reports/budget', { cookie })).status).toBe(403);
    }
  });

  it('exports the same table as xlsx and as CSV with a BOM', async () => {
    const xlsx = new Uint8Array(
      await (await get('/api/reports/budget/export?format=xlsx', admin)).arrayBuffer(),
    );
    const table = await readTabularFile(xlsx, 'budget.xlsx');
    expect(table.headers).toContain('当初予算額（千円）');
    expect(table.records.some((r) => r['当初予算額（千円）'] === '69545' && r.年度 === '2024')).toBe(true);
    const csv = await get('/api/reports/budget/export?format=csv', admin);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('69545');
  });
});

describe('program summary sheet (事業概要)', () => {
  it('writes the dispatch program’s results per year, its budget against the year before and its schedule', async () => {
    const sheet = await json<SummarySheet>(
      `/api/reports/summary-sheets/${await programId(2024, 'advisor_dispatch')}`,
      admin,
    );
    const sections = summarySheetSections(sheet, 'ja');
    const lines = (key: string) => sections.find((s) => s.key === key)!.lines;
    expect(lines('results')).toEqual([
      '令和4年度実績：19市町村',
      '令和5年度実績：20市町村',
      '令和6年度：41市町村で45事業を実施予定',
    ]);
    expect(lines('budget')).toEqual(['令和6年度当初予算額 69,545千円（令和5年度当初予算額 30,947千円）']);
    expect(lines('purpose')[0]).toContain('県内全59市町村を対象に');
    expect(lines('schedule').some((l) => l.includes('伴走支援') && l.includes('2024年7月1日'))).toBe(true);
    expect(lines('schedule')).toHaveLength(6);
    expect(lines('effects')[0]).toBe('令和4年度からの支援市町村数（累計）：59市町村（全59市町村中）');
    // The demo's FY2024 evaluations: 27 of the 45 projects answered, every one of them "it helped".
    expect(sheet.effects.evaluations).toMatchObject({ projects: 45, evaluations: 27, helpedRate: 1 });
    expect(lines('effects')[1]).toBe(
      '令和6年度の事後アンケート：45事業中27事業が回答、課題解決に役立った 100%、満足度 平均4.7（5段階）、他団体に薦める 100%',
    );
    // Before anyone answered, the sheet says where the results will appear instead of a row of dashes.
    const unanswered = {
      ...sheet.effects.evaluations!,
      evaluations: 0,
      helpedRate: null,
      avgSatisfaction: null,
      recommendRate: null,
    };
    const pending = summarySheetSections(
      { ...sheet, effects: { ...sheet.effects, evaluations: unanswered } },
      'ja',
    );
    expect(pending.find((s) => s.key === 'effects')!.lines[1]).toBe(
      '事後アンケート（評価）の結果は、評価の実施後にここへ掲載します。',
    );
    const en = summarySheetSections(sheet, 'en');
    expect(en.find((s) => s.key === 'results')!.lines[0]).toBe('FY2022 results: 19 municipalities');
  });

  it('writes the seminars’ reach: heads of 54 and staff of 38 municipalities in FY2024, 1,320 千円', async () => {
    const sheet = await json<SummarySheet>(
      `/api/reports/summary-sheets/${await programId(2024, 'seminar_series')}`,
      admin,
    );
    expect(sheet.effects.seminarReach).toEqual({ fiscalYear: 2024, heads: 54, staff: 38 });
    expect(sheet.effects.evaluations).toBeNull();
    const sections = summarySheetSections(sheet, 'ja');
    const results = sections.find((s) => s.key === 'results')!.lines;
    expect(results).toContain('令和6年度開催実績：首長・副首長等向け 54市町村、職員向け 38市町村');
    expect(sections.find((s) => s.key === 'budget')!.lines[0]).toBe(
      '令和6年度当初予算額 1,320千円（令和5年度当初予算額 1,320千円）',
    );
  });

  it('lists every program and exports the sheet as a workbook with the same sentences', async () => {
    const list = await json<{ items: { programId: string }[] }>('/api/reports/summary-sheets', council);
    expect(list.items).toHaveLength(6);
    const id = await programId(2024, 'advisor_dispatch');
    const xlsx = new Uint8Array(
      await (await get(`/api/reports/summary-sheets/${id}/export?format=xlsx`, admin)).arrayBuffer(),
    );
    const table = await readTabularFile(xlsx, 'sheet.xlsx');
    const text = table.records.map((r) => r.内容).join('\n');
    expect(text).toContain('令和4年度実績：19市町村');
    expect(text).toContain('69,545千円');
    const csv = await (await get(`/api/reports/summary-sheets/${id}/export?format=csv`, admin)).text();
    expect(csv).toContain('令和5年度実績：20市町村');
  });

  it('is another tenant’s or an unknown program → 404, and refused to municipalities', async () => {
    expect(
      (await ctx.request('GET', `/api/reports/summary-sheets/${crypto.randomUUID()}`, { cookie: admin }))
        .status,
    ).toBe(404);
    const id = await programId(2024, 'advisor_dispatch');
    expect(
      (await ctx.request('GET', `/api/reports/summary-sheets/${id}`, { cookie: nishiaizuStaff })).status,
    ).toBe(403);
  });
});

describe('a municipality’s own profile', () => {
  const path = `/api/reports/municipalities/${nishiaizu!.id}/profile`;

  it('shows the town its maturity, projects and seminars beside anonymised prefecture averages', async () => {
    const profile = await json<MunicipalityProfile>(path, nishiaizuStaff);
    expect(profile.municipality.name).toBe('西会津町');
    const fy2024 = profile.years.find((y) => y.fiscalYear === 2024)!;
    expect(fy2024.survey).toMatchObject({ asked: true, submitted: true, respondents: 59 });
    expect(fy2024.survey.overallLevel).not.toBeNull();
    expect(fy2024.survey.prefectureOverallAverage).not.toBeNull();
    expect(fy2024.survey.areas.length).toBeGreaterThan(0);
    // The prefecture average is the mean over all 59 answers, whatever the town's own level.
    const admin2024 = await json<MunicipalityProfile>(path, admin);
    expect(admin2024.years[0]!.survey.prefectureOverallAverage).toBe(fy2024.survey.prefectureOverallAverage);
    const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
    const levels = (await ctx.services.surveys.needsProfiles(nishiaizu!.prefectureId, fy!.id)).map(
      (p) => p.overallLevel!,
    );
    expect(levels).toHaveLength(59);
    const expected = Math.round((levels.reduce((a, b) => a + b, 0) / levels.length) * 100) / 100;
    expect(fy2024.survey.prefectureOverallAverage).toBe(expected);
    expect(fy2024.seminars.map((s) => s.audience)).toEqual(['heads', 'staff']);
    expect(fy2024.seminars.find((s) => s.audience === 'heads')!.prefectureShare).toBeCloseTo(54 / 59, 2);
    const supportedYears = profile.years.filter((y) => y.supportProjects.length > 0).map((y) => y.fiscalYear);
    expect(supportedYears.length).toBeGreaterThan(0);
  });

  it('contains no other municipality’s name or id, in JSON or in its exports', async () => {
    const texts = [
      JSON.stringify(await json(path, nishiaizuStaff)),
      await (await get(`${path}/export?format=csv`, nishiaizuStaff)).text(),
    ];
    const xlsx = await readTabularFile(
      new Uint8Array(await (await get(`${path}/export?format=xlsx`, nishiaizuStaff)).arrayBuffer()),
      'p.xlsx',
    );
    texts.push(JSON.stringify(xlsx));
    for (const text of texts) {
      for (const other of otherTowns) {
        expect(text.includes(other.id), other.name).toBe(false);
        // 会津美里町 etc. share no full name with 西会津町; a name inside another name would be a false alarm.
        if (!'西会津町'.includes(other.name)) expect(text.includes(other.name), other.name).toBe(false);
      }
    }
  });

  it('is another town’s → 404 for a municipality, 403 for a company, readable by the council', async () => {
    expect((await ctx.request('GET', path, { cookie: koriyamaStaff })).status).toBe(404);
    expect((await ctx.request('GET', path, { cookie: company })).status).toBe(403);
    await get(path, council);
    expect(
      (
        await ctx.request('GET', `/api/reports/municipalities/${crypto.randomUUID()}/profile`, {
          cookie: admin,
        })
      ).status,
    ).toBe(404);
  });
});

describe('open data', () => {
  it('lists four datasets without sign-in, under CC BY 4.0, named <団体コード>_<dataset>', async () => {
    const catalog = await json<OpenDataCatalog>('/api/open-data');
    expect(catalog.catalogs).toHaveLength(1);
    const c = catalog.catalogs[0]!;
    expect(c.publisher).toMatchObject({ code: '070009', name: '福島県' });
    expect(c.licence.id).toBe('CC-BY-4.0');
    expect(c.licence.name.ja).toContain('CC BY 4.0');
    expect(c.attribution.ja).toContain('福島県');
    expect(c.datasets.map((d) => d.files.csv)).toEqual([
      '070009_support_projects.csv',
      '070009_seminar_reach.csv',
      '070009_survey_maturity.csv',
      '070009_program_budget.csv',
    ]);
    for (const d of c.datasets) {
      expect(d.columns.slice(0, 3).map((x) => x.name)).toEqual([
        '全国地方公共団体コード',
        'ID',
        '地方公共団体名',
      ]);
      expect(d.updatedAt).not.toBeNull();
      expect(d.rowCount).toBeGreaterThan(0);
    }
  });

  async function csvRows(name: string) {
    const res = await get(`/api/open-data/${name}`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
    const table = await readTabularFile(bytes, name);
    return table;
  }

  it('counts support projects per municipality and year: 19, 20, then 45 in 41', async () => {
    const { headers, records } = await csvRows('070009_support_projects.csv');
    expect(headers.slice(0, 3)).toEqual(['全国地方公共団体コード', 'ID', '地方公共団体名']);
    const ofYear = (y: string) => records.filter((r) => r.年度 === y);
    const towns = (y: string) => ofYear(y).filter((r) => Number(r.支援事業数) > 0).length;
    const projects = (y: string) => ofYear(y).reduce((s, r) => s + Number(r.支援事業数), 0);
    expect([towns('2022'), towns('2023'), towns('2024')]).toEqual([19, 20, 41]);
    expect(projects('2024')).toBe(45);
    expect(ofYear('2024')).toHaveLength(59);
    expect(ofYear('2024')[0]!['年度（和暦）']).toBe('令和6年度');
  });

  it('tells seminar reach per municipality: heads of 54 and staff of 38 in FY2024', async () => {
    const { records } = await csvRows('070009_seminar_reach.csv');
    const fy2024 = records.filter((r) => r.年度 === '2024');
    expect(fy2024.reduce((s, r) => s + Number(r['首長・副首長等向け到達']), 0)).toBe(54);
    expect(fy2024.reduce((s, r) => s + Number(r.職員向け到達), 0)).toBe(38);
  });

  it('publishes survey maturity per region with small counts suppressed', async () => {
    const { records } = await csvRows('070009_survey_maturity.csv');
    expect(records.length).toBeGreaterThan(0);
    const levelColumns = [
      '成熟度レベル1',
      '成熟度レベル2',
      '成熟度レベル3',
      '成熟度レベル4',
      '成熟度レベル5',
      '成熟度算定不能',
    ];
    for (const r of records) {
      expect(r['回答率（％）']).toBe('100');
      const cells = levelColumns.map((c) => r[c]!);
      // No published count could single out one or two municipalities' answers.
      expect(cells.filter((v) => v === '1' || v === '2')).toEqual([]);
      const hidden = cells.filter((v) => v === suppressedMark).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
      const shown = cells.filter((v) => v !== suppressedMark).reduce((s, v) => s + Number(v), 0);
      expect(shown).toBeLessThanOrEqual(Number(r.回答市町村数));
    }
    expect(new Set(records.map((r) => r.地方))).toEqual(new Set(['中通り', '会津', '浜通り']));
  });

  it('gives JSON with the licence and attribution, and no personal data in any file', async () => {
    const people = [
      ...(await db.select({ name: users.displayName, email: users.email }).from(users)),
      ...(await db
        .select({ name: seminarRegistrations.attendeeName, email: seminarRegistrations.attendeeEmail })
        .from(seminarRegistrations)),
      ...(await db.select({ name: seminarWalkIns.name, email: seminarWalkIns.email }).from(seminarWalkIns)),
    ];
    const catalog = await json<OpenDataCatalog>('/api/open-data');
    for (const d of catalog.catalogs[0]!.datasets) {
      const data = await json(`/api/open-data/${d.files.json}`);
      expect(data.licence).toMatchObject({ id: 'CC-BY-4.0' });
      expect(data.attribution.ja).toContain('福島県');
      expect(data.rows).toHaveLength(d.rowCount);
      const csv = await (await get(`/api/open-data/${d.files.csv}`)).text();
      for (const text of [JSON.stringify(data), csv]) {
        expect(text).not.toMatch(/@/);
        for (const p of people) if (p.name.length > 2) expect(text.includes(p.name), p.name).toBe(false);
      }
    }
  });

  it('answers 404 for a file that is not published', async () => {
    for (const name of ['070009_users.csv', '080004_support_projects.csv', '070001_support_projects.json']) {
      expect((await ctx.request('GET', `/api/open-data/${name}`)).status, name).toBe(404);
    }
  });

  it('suppresses a row so that no hidden count can be recovered from the total', () => {
    expect(suppressRow([0, 1, 10, 20, 5, 0])).toEqual(['X', 'X', 10, 20, 5, 0]);
    expect(suppressRow([3, 4, 5])).toEqual([3, 4, 5]);
    expect(suppressRow([1, 2, 9])).toEqual(['X', 'X', 9]);
    // One small cell: the smallest other one (here a zero) goes with it.
    expect(suppressRow([0, 2, 9, 7])).toEqual(['X', 'X', 9, 7]);
  });
});
