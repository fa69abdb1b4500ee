import zlib from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fiscalYears, municipalities, surveyResponses, surveys } from '../../db/schema';
import { publishEvent } from '../../platform/jobs/events';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const reviewer = await ctx.sessionCookieFor('reviewer@pref.example.jp');
const council = await ctx.sessionCookieFor('secretariat@council.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const company = await ctx.sessionCookieFor('advisor@company-a.example.jp');

async function get(path: string, cookie: string) {
  const res = await ctx.request('GET', path, { cookie });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field
  return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as any, res };
}
async function ok(path: string, cookie = admin) {
  const r = await get(path, cookie);
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  return r.body;
}

const [nishiaizu] = await db.select().from(municipalities).where(eq(municipalities.name, '西会津町'));
const [koriyama] = await db.select().from(municipalities).where(eq(municipalities.name, '郡山市'));
const [iwaki] = await db.select().from(municipalities).where(eq(municipalities.name, 'いわき市'));

// Constructed before the first dashboard request (each process gathers its read model once per
// data generation): いわき市 did not answer the FY2024 needs survey, its FY2023 answer is kept.
const [fy2024] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
const [needs2024] = await db
  .select()
  .from(surveys)
  .where(and(eq(surveys.fiscalYearId, fy2024!.id), eq(surveys.kind, 'needs')));
await db
  .delete(surveyResponses)
  .where(and(eq(surveyResponses.surveyId, needs2024!.id), eq(surveyResponses.municipalityId, iwaki!.id)));

describe('coverage', () => {
  it('shows the demo years from the support projects: FY2022 19, FY2023 20, FY2024 45 projects in 41', async () => {
    const body = await ok('/api/dashboards/coverage?fiscalYear=2024');
    const year = (y: number) => body.years.find((r: { fiscalYear: number }) => r.fiscalYear === y);
    expect(year(2022).municipalities).toBe(19);
    expect(year(2023).municipalities).toBe(20);
    expect(year(2024)).toEqual({ fiscalYear: 2024, municipalities: 41, projects: 45 });
    expect(body.municipalityCount).toBe(59);
    expect(body.municipalities).toHaveLength(59);
    const statuses = body.municipalities.map((m: { status: string }) => m.status);
    expect(statuses.filter((s: string) => s === 'this_year')).toHaveLength(41);
    // The three-year window FY2022–FY2024 counts each municipality once.
    const supported = body.municipalities.filter(
      (m: { projectsByYear: unknown[] }) => m.projectsByYear.length > 0,
    );
    expect(body.window).toMatchObject({
      fromYear: 2022,
      toYear: 2024,
      supported: supported.length,
      total: 59,
    });
    expect(body.window.share).toBeCloseTo(supported.length / 59, 3);
  });

  it('classifies a year by the years before it', async () => {
    const body = await ok('/api/dashboards/coverage?fiscalYear=2023');
    const counts = (s: string) =>
      body.municipalities.filter((m: { status: string }) => m.status === s).length;
    expect(counts('this_year')).toBe(20);
    expect(counts('past_two_years')).toBe(19);
    expect(counts('never')).toBe(20);
    expect(body.window).toMatchObject({ fromYear: 2021, toYear: 2023, supported: 39 });
  });

  it('gives a municipality its own row and the prefecture totals only', async () => {
    const body = await ok('/api/dashboards/coverage?fiscalYear=2024', staff);
    expect(body.detail).toBe('own');
    expect(body.municipalities.map((m: { id: string }) => m.id)).toEqual([nishiaizu!.id]);
    expect(body.years.find((r: { fiscalYear: number }) => r.fiscalYear === 2024).municipalities).toBe(41);
    expect(JSON.stringify(body)).not.toContain(koriyama!.id);
  });

  it('moves on when a history import is published as an event (after one runner pass)', async () => {
    const before = await ok('/api/dashboards/coverage?fiscalYear=2022');
    const year2022 = (body: typeof before) =>
      body.years.find((r: { fiscalYear: number }) => r.fiscalYear === 2022);
    const town = before.municipalities.find((m: { status: string }) => m.status !== 'this_year');
    const form = new FormData();
    const text = `\uFEFF年度,市町村コード,市町村名,支援内容,事業者名,費用（千円）\r\n2022,${town.code},${town.name},BPR伴走支援,サンプル社,\r\n`;
    form.append('file', new Blob([text], { type: 'text/csv' }), 'history.csv');
    const res = await ctx.request('POST', '/api/support-projects/import', { cookie: admin, body: form });
    expect(res.status, await res.text()).toBe(200);
    // Before the runner passes, this process still answers from what it gathered.
    expect(year2022(await ok('/api/dashboards/coverage?fiscalYear=2022')).municipalities).toBe(19);
    await ctx.runJobs();
    const after = await ok('/api/dashboards/coverage?fiscalYear=2022');
    expect(year2022(after)).toEqual({
      fiscalYear: 2022,
      municipalities: 20,
      projects: year2022(before).projects + 1,
    });
    expect(after.municipalities.find((m: { id: string }) => m.id === town.id).status).toBe('this_year');
  });
});

describe('seminar reach', () => {
  it('shows FY2024 heads of 54 and staff of 38 municipalities from the data', async () => {
    const body = await ok('/api/dashboards/seminars?fiscalYear=2024');
    expect(body.summary).toMatchObject({ heads: 54, staff: 38, total: 59 });
    const regions = body.byRegion.reduce((n: number, r: { heads: number }) => n + r.heads, 0);
    expect(regions).toBe(54);
    expect(body.municipalities.filter((m: { heads: string }) => m.heads === 'reached')).toHaveLength(54);
  });

  it('gives a municipality its own row and the counts', async () => {
    const body = await ok('/api/dashboards/seminars?fiscalYear=2024', staff);
    expect(body.municipalities.map((m: { id: string }) => m.id)).toEqual([nishiaizu!.id]);
    expect(body.summary.heads).toBe(54);
  });
});

describe('maturity', () => {
  it('scores every answer of the year; distribution, heatmap and trend agree with the rows', async () => {
    const body = await ok('/api/dashboards/maturity?fiscalYear=2024');
    expect(body.detail).toBe('all');
    expect(body.surveyId).toBe(needs2024!.id);
    expect(body.fiscalYears).toEqual([2023, 2024]);
    const answered = body.municipalities.filter((m: { answered: boolean }) => m.answered);
    expect(answered).toHaveLength(58);
    expect(body.notAnswered).toBe(1);
    const levelled = body.distribution.reduce((n: number, d: { count: number }) => n + d.count, 0);
    expect(levelled + body.noLevel).toBe(58);
    for (const d of body.distribution) {
      expect(answered.filter((m: { overallLevel: number }) => m.overallLevel === d.level)).toHaveLength(
        d.count,
      );
    }
    expect(body.heatmap.length).toBe(3 * 10);
    const trend2024 = body.trend.find((t: { fiscalYear: number }) => t.fiscalYear === 2024);
    expect(trend2024.answered).toBe(58);
    expect(body.trend.find((t: { fiscalYear: number }) => t.fiscalYear === 2023).answered).toBe(59);
  });

  it('a submitted needs answer (its event) moves the maturity view on after one runner pass', async () => {
    const before = await ok('/api/dashboards/maturity?fiscalYear=2024');
    // The change itself, as the surveys feature would have written it: 郡山市 withdrawn here,
    // announced by the event the survey answering publishes in the same transaction.
    await db
      .delete(surveyResponses)
      .where(
        and(eq(surveyResponses.surveyId, needs2024!.id), eq(surveyResponses.municipalityId, koriyama!.id)),
      );
    await publishEvent(
      db,
      { now: new Date(), actor: null },
      'surveys.response_submitted',
      {
        surveyId: needs2024!.id,
        responseId: needs2024!.id,
        municipalityId: koriyama!.id,
        respondentKey: `municipality:${koriyama!.id}`,
      },
      koriyama!.prefectureId,
    );
    expect((await ok('/api/dashboards/maturity?fiscalYear=2024')).notAnswered).toBe(before.notAnswered);
    await ctx.runJobs();
    const after = await ok('/api/dashboards/maturity?fiscalYear=2024');
    expect(after.notAnswered).toBe(before.notAnswered + 1);
    expect(after.municipalities.find((m: { id: string }) => m.id === koriyama!.id).answered).toBe(false);
  });

  it('the council sees aggregates only while the survey shares no municipality names', async () => {
    const body = await ok('/api/dashboards/maturity?fiscalYear=2024', council);
    expect(body.detail).toBe('none');
    expect(body.municipalities).toEqual([]);
    expect(body.surveyId).toBeNull();
    expect(body.heatmap.length).toBe(30);
  });

  it('the council sees every municipality once the survey shares names (within a second)', async () => {
    const config = await ok(`/api/surveys/${needs2024!.id}/share`);
    const shared = async (includeMunicipalityNames: boolean, version: number) => {
      const res = await ctx.request('PUT', `/api/surveys/${needs2024!.id}/share`, {
        cookie: admin,
        body: { ...config, version, includeMunicipalityNames },
      });
      expect(res.status, await res.text()).toBe(200);
      return (
        await ctx
          .request('GET', `/api/surveys/${needs2024!.id}/share`, { cookie: admin })
          .then((r) => r.json())
      ).version as number;
    };
    const version = await shared(true, config.version);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const named = await ok('/api/dashboards/maturity?fiscalYear=2024', council);
    expect(named.detail).toBe('all');
    expect(named.municipalities).toHaveLength(59);
    await shared(false, version);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await ok('/api/dashboards/maturity?fiscalYear=2024', council)).municipalities).toEqual([]);
  });

  it('a municipality sees its own levels, and the region heatmap only of a published survey', async () => {
    const published = await ok('/api/dashboards/maturity?fiscalYear=2024', staff);
    expect(published.detail).toBe('own');
    expect(published.municipalities.map((m: { id: string }) => m.id)).toEqual([nishiaizu!.id]);
    expect(published.heatmap.length).toBe(30);
    const unpublished = await ok('/api/dashboards/maturity?fiscalYear=2023', staff);
    expect(unpublished.heatmap).toEqual([]);
    expect(unpublished.municipalities).toHaveLength(1);
    expect(JSON.stringify(unpublished)).not.toContain(koriyama!.id);
  });

  it('the prefecture reviewer reads as the prefecture; companies are refused', async () => {
    expect((await ok('/api/dashboards/maturity?fiscalYear=2024', reviewer)).detail).toBe('all');
    for (const path of ['coverage', 'maturity', 'seminars', 'left-behind', 'boundaries']) {
      expect((await get(`/api/dashboards/${path}`, company)).status).toBe(403);
    }
  });
});

describe('left behind', () => {
  it('names each reason with its next action as a link', async () => {
    const body = await ok('/api/dashboards/left-behind?fiscalYear=2024');
    const entry = (id: string) =>
      body.entries.find((e: { municipality: { id: string } }) => e.municipality.id === id);
    const iwakiEntry = entry(iwaki!.id);
    expect(iwakiEntry.reasons.map((r: { kind: string }) => r.kind)).toContain('no_survey_answer');
    expect(iwakiEntry.actions).toContainEqual({
      kind: 'offer_proxy_answer',
      href: `/surveys/${needs2024!.id}/answer?municipality=${iwaki!.id}`,
    });
    // Every listed reason matches the other dashboards' figures.
    const coverage = await ok('/api/dashboards/coverage?fiscalYear=2024');
    const seminars = await ok('/api/dashboards/seminars?fiscalYear=2024');
    const maturity = await ok('/api/dashboards/maturity?fiscalYear=2024');
    for (const m of coverage.municipalities) {
      const reasons = (entry(m.id)?.reasons ?? []).map((r: { kind: string }) => r.kind);
      expect(reasons.includes('never_supported')).toBe(
        m.projectsByYear.every((p: { fiscalYear: number }) => p.fiscalYear > 2024),
      );
      const level = maturity.municipalities.find((x: { id: string }) => x.id === m.id);
      if (level.answered) {
        expect(reasons.includes('low_maturity')).toBe(level.overallLevel !== null && level.overallLevel <= 2);
      }
      expect(reasons.includes('no_survey_answer')).toBe(!level.answered);
    }
    const everReachedHeads = new Set<string>();
    for (const y of [2022, 2023, 2024]) {
      const s = await ok(`/api/dashboards/seminars?fiscalYear=${y}`);
      for (const m of s.municipalities) if (m.heads === 'reached') everReachedHeads.add(m.id);
    }
    for (const m of seminars.municipalities) {
      const reasons = (entry(m.id)?.reasons ?? []).map((r: { kind: string }) => r.kind);
      expect(reasons.includes('never_reached_heads')).toBe(!everReachedHeads.has(m.id));
    }
    for (const e of body.entries) {
      for (const a of e.actions) expect(a.href).toMatch(/^\/(calls|seminars|surveys)(\/|$)/);
    }
  });

  it('in FY2022 the towns without support are invited to the call', async () => {
    const body = await ok('/api/dashboards/left-behind?fiscalYear=2022');
    const never = body.counts.find((c: { kind: string }) => c.kind === 'never_supported');
    // 19 in the demo, and the one imported above.
    expect(never.count).toBe(59 - 20);
    const one = body.entries.find((e: { reasons: { kind: string }[] }) =>
      e.reasons.some((r) => r.kind === 'never_supported'),
    );
    expect(
      one.actions.some(
        (a: { kind: string; href: string }) => a.kind === 'invite_to_call' && a.href.startsWith('/calls'),
      ),
    ).toBe(true);
  });

  it('is not for municipalities; the council does not get survey reasons it may not see', async () => {
    expect((await get('/api/dashboards/left-behind', staff)).status).toBe(403);
    const body = await ok('/api/dashboards/left-behind?fiscalYear=2024', council);
    expect(body.surveyReasonsShown).toBe(false);
    for (const e of body.entries) {
      for (const r of e.reasons) expect(['low_maturity', 'no_survey_answer']).not.toContain(r.kind);
    }
  });
});

describe('exports and boundaries', () => {
  it('every table exports as CSV with a BOM and as xlsx', async () => {
    const tables = [
      'coverage',
      'coverage_years',
      'maturity',
      'maturity_heatmap',
      'maturity_trend',
      'seminars',
      'seminars_regions',
      'left_behind',
    ];
    for (const table of tables) {
      const csv = await ctx.request(
        'GET',
        `/api/dashboards/export?table=${table}&format=csv&fiscalYear=2024`,
        {
          cookie: admin,
        },
      );
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const xlsx = await ctx.request(
        'GET',
        `/api/dashboards/export?table=${table}&format=xlsx&fiscalYear=2024`,
        {
          cookie: admin,
        },
      );
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(1);
    }
    const years = await ctx.request('GET', '/api/dashboards/export?table=coverage_years&format=csv', {
      cookie: admin,
    });
    const text = await years.text();
    expect(text).toContain('2023,20,');
    expect(text).toContain('2024,41,45');
  });

  it('a municipality exports only its own row; the left-behind list is refused', async () => {
    const csv = await ctx.request('GET', '/api/dashboards/export?table=coverage&format=csv&fiscalYear=2024', {
      cookie: staff,
    });
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('西会津町');
    const refused = await get('/api/dashboards/export?table=left_behind&format=csv', staff);
    expect(refused.status).toBe(403);
  });

  it('sends the large views compressed to a client that accepts it, the same JSON', async () => {
    const plain = await ok('/api/dashboards/coverage?fiscalYear=2024');
    for (const encoding of ['gzip', 'br'] as const) {
      const res = await ctx.request('GET', '/api/dashboards/coverage?fiscalYear=2024', {
        cookie: admin,
        headers: { 'accept-encoding': encoding },
      });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = (
        encoding === 'gzip' ? zlib.gunzipSync(bytes) : zlib.brotliDecompressSync(bytes)
      ).toString();
      expect(JSON.parse(text)).toEqual(plain);
    }
  });

  it('serves the boundaries with the five-digit codes of every municipality', async () => {
    const body = await ok('/api/dashboards/boundaries', staff);
    expect(body.type).toBe('Topology');
    const object = Object.values(body.objects)[0] as { geometries: { properties: { N03_007: string } }[] };
    const codes = new Set(object.geometries.map((g) => g.properties.N03_007));
    const all = await db.select({ code: municipalities.code }).from(municipalities);
    for (const m of all) expect(codes.has(m.code.slice(0, 5))).toBe(true);
  });
});
