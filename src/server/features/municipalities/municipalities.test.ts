import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, municipalities, prefectures } from '../../db/schema';
import { parseCsvRecords } from '../../platform/csv';
import type { RequestContext } from '../../platform/context';
import { createTestContext } from '../../testing/harness';
import { importMunicipalityList } from './municipalities.service';

const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const fixtures = path.join(import.meta.dirname, 'fixtures');

async function list(query = '') {
  const res = await ctx.request('GET', `/api/municipalities${query}`, { cookie: staff });
  expect(res.status).toBe(200);
  return (await res.json()).items as {
    id: string;
    code: string;
    name: string;
    kind: string;
    area: { name: string };
    region: { name: string };
    version: number;
  }[];
}

function upload(file: Blob, fileName: string, dryRun = false) {
  const form = new FormData();
  form.set('file', new File([file], fileName));
  if (dryRun) form.set('dryRun', 'true');
  return ctx.app.request('/api/municipalities/import', {
    method: 'POST',
    headers: { cookie: admin, 'x-kakehashi-request': '1' },
    body: form,
  });
}

describe('re-importing before any edit', () => {
  it('re-importing the shipped list changes nothing', async () => {
    const csv = fs.readFileSync(
      path.join(import.meta.dirname, '../../../../data/reference/fukushima-municipalities.csv'),
    );
    const res = await upload(new Blob([csv]), 'fukushima.csv');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      isImported: true,
      summary: { created: 0, updated: 0, unchanged: 59 },
    });
  });
});

describe('municipality list and detail', () => {
  it('lists the 59 municipalities in code order', async () => {
    const items = await list();
    expect(items).toHaveLength(59);
    expect(items[0]!.code).toBe('072010');
    expect(items.map((m) => m.code)).toEqual([...items.map((m) => m.code)].sort());
  });

  it('filters by region, area, kind and text', async () => {
    const regions = await (await ctx.request('GET', '/api/regions', { cookie: staff })).json();
    const aizu = regions.items.find((r: { name: string }) => r.name === '会津');
    expect(aizu.areas.map((a: { name: string }) => a.name)).toEqual(['会津', '南会津']);
    const aizuVillages = await list(`?regionId=${aizu.id}&kind=village`);
    expect(aizuVillages.map((m) => m.name).sort()).toEqual(
      ['北塩原村', '昭和村', '檜枝岐村', '湯川村'].sort(),
    );
    const minamiaizu = aizu.areas.find((a: { name: string }) => a.name === '南会津');
    expect((await list(`?areaId=${minamiaizu.id}`)).map((m) => m.name)).toEqual([
      '下郷町',
      '檜枝岐村',
      '只見町',
      '南会津町',
    ]);
    expect((await list(`?q=${encodeURIComponent('あいづ')}`)).length).toBeGreaterThanOrEqual(4);
    expect((await list('?q=Koriyama')).map((m) => m.name)).toEqual(['郡山市']);
  });

  it('pages the list on the server: limit and offset in code order, the total of all matches', async () => {
    const all = await list();
    const page = async (query: string) => {
      const res = await ctx.request('GET', `/api/municipalities${query}`, { cookie: staff });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        items: { code: string }[];
        total: number;
        limit: number;
        offset: number;
      };
    };
    const second = await page('?limit=20&offset=20');
    expect(second).toMatchObject({ total: 59, limit: 20, offset: 20 });
    expect(second.items.map((m) => m.code)).toEqual(all.slice(20, 40).map((m) => m.code));
    const last = await page('?limit=20&offset=40');
    expect(last.items).toHaveLength(19);
    // Past the end: no rows, but still the number of matches (counted apart).
    expect(await page('?limit=20&offset=80')).toMatchObject({ items: [], total: 59 });
    expect(await page(`?kind=village&limit=2`)).toMatchObject({
      total: all.filter((m) => m.kind === 'village').length,
    });
    // A page is bounded: no caller can ask for the whole of a national-scale list at once.
    for (const query of ['?limit=501', '?limit=0', '?offset=-1']) {
      const res = await ctx.request('GET', `/api/municipalities${query}`, { cookie: staff });
      expect(res.status).toBe(422);
    }
  });

  it('rejects an unknown kind with a field error', async () => {
    const res = await ctx.request('GET', '/api/municipalities?kind=metropolis', { cookie: staff });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields[0].path).toEqual(['query', 'kind']);
  });

  it('answers 404 for an id that does not exist', async () => {
    const res = await ctx.request('GET', '/api/municipalities/00000000-0000-4000-8000-000000000000', {
      cookie: staff,
    });
    expect(res.status).toBe(404);
  });
});

describe('updating master data', () => {
  it('requires a source with the population, records the change in the audit log, and bumps the version', async () => {
    const [fukushima] = await list('?q=072010');
    const noSource = await ctx.request('PATCH', `/api/municipalities/${fukushima!.id}`, {
      cookie: admin,
      body: { version: fukushima!.version, population: 282_693 },
    });
    expect(noSource.status).toBe(422);
    expect((await noSource.json()).error.fields[0].path).toEqual(['populationSource']);

    const ok = await ctx.request('PATCH', `/api/municipalities/${fukushima!.id}`, {
      cookie: admin,
      body: { version: fukushima!.version, population: 282_693, populationSource: '令和2年国勢調査' },
    });
    expect(ok.status).toBe(200);
    const updated = await ok.json();
    expect(updated).toMatchObject({
      population: 282_693,
      populationSource: '令和2年国勢調査',
      version: fukushima!.version + 1,
    });
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, fukushima!.id));
    expect(audits.map((a) => a.action)).toContain('municipality.update');
    expect((audits.at(-1)!.after as { population: number }).population).toBe(282_693);
  });

  it('answers 409 with the current record when the version is stale', async () => {
    const [iwaki] = await list('?q=072044');
    const first = await ctx.request('PATCH', `/api/municipalities/${iwaki!.id}`, {
      cookie: admin,
      body: { version: iwaki!.version, nameEn: 'Iwaki City' },
    });
    expect(first.status).toBe(200);
    const stale = await ctx.request('PATCH', `/api/municipalities/${iwaki!.id}`, {
      cookie: admin,
      body: { version: iwaki!.version, nameEn: 'Iwaki' },
    });
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.error.code).toBe('VERSION_CONFLICT');
    expect(body.error.current).toMatchObject({
      nameEn: 'Iwaki City',
      version: iwaki!.version + 1,
      area: { name: 'いわき' },
    });
  });

  it('forbids municipality staff from editing master data', async () => {
    const [own] = await list('?q=074055');
    const res = await ctx.request('PATCH', `/api/municipalities/${own!.id}`, {
      cookie: staff,
      body: { version: own!.version, nameEn: 'Hacked' },
    });
    expect(res.status).toBe(403);
  });
});

describe('importing a master list', () => {
  it('imports nothing when one row is bad, and says which row and field', async () => {
    const csv =
      'code,name,name_kana,name_en,kind,area,region,evacuation12\n072010,福島市（新）,ふくしまし,Fukushima-shi,市,県北,中通り,false\n072011,誤り市,あやまりし,Ayamari-shi,市,県北,中通り,false\n';
    const res = await upload(new Blob([csv]), 'bad.csv');
    const body = await res.json();
    expect(body.isImported).toBe(false);
    expect(body.errors).toEqual([
      expect.objectContaining({ line: 3, fields: [expect.objectContaining({ path: ['code'] })] }),
    ]);
    expect((await list('?q=072010'))[0]!.name).toBe('福島市');
  });

  it('reads Shift_JIS CSV as Excel writes it', async () => {
    const bytes = fs.readFileSync(path.join(fixtures, 'fukushima-two-rows.sjis.csv'));
    const res = await upload(new Blob([bytes]), 'sjis.csv', true);
    expect(await res.json()).toMatchObject({
      isImported: false,
      isDryRun: true,
      errors: [],
      summary: { unchanged: 2 },
    });
  });

  it('reads xlsx with codes Excel stored as numbers, and a dry run writes nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('市町村');
    sheet.addRow(['団体コード', '市区町村名', 'よみ', 'ローマ字', '種別', '地域', '地方', '避難地域']);
    sheet.addRow([72010, '福島市', 'ふくしまし', 'Fukushima City', '市', '県北', '中通り', '']);
    const buffer = await workbook.xlsx.writeBuffer();
    const dry = await (await upload(new Blob([buffer]), 'list.xlsx', true)).json();
    expect(dry).toMatchObject({ isImported: false, isDryRun: true, errors: [], summary: { updated: 1 } });
    expect((await list('?q=072010'))[0]).toMatchObject({ name: '福島市' });
    const real = await (await upload(new Blob([buffer]), 'list.xlsx')).json();
    expect(real).toMatchObject({ isImported: true, summary: { updated: 1 } });
  });

  it('refuses other file types with a field error', async () => {
    const res = await upload(new Blob(['x']), 'list.pdf');
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields[0].path).toEqual(['file']);
  });

  it('loads another prefecture through the same import path', async () => {
    const [tokyo] = await ctx.database.db
      .insert(prefectures)
      .values({ code: '13', name: '東京都', nameEn: 'Tokyo' })
      .returning();
    const { headers, records } = parseCsvRecords(
      fs.readFileSync(path.join(fixtures, 'tokyo-sample.csv'), 'utf8'),
    );
    const system: RequestContext = {
      actor: null,
      requestId: 'test',
      locale: 'ja',
      ipAddress: null,
      userAgent: null,
      now: new Date(),
    };
    const report = await importMunicipalityList(ctx.database.db, system, tokyo!, headers, records);
    expect(report).toMatchObject({ isImported: true, summary: { created: 4 } });
    const rows = await ctx.database.db
      .select()
      .from(municipalities)
      .where(eq(municipalities.prefectureId, tokyo!.id));
    expect(rows.map((r) => r.kind).sort()).toEqual(['city', 'town', 'village', 'ward']);
    // Fukushima users still see only Fukushima.
    expect(await list()).toHaveLength(59);
  });
});

describe('text the database cannot store', () => {
  it('answers a NUL character in a query with 400, not 500', async () => {
    const res = await ctx.request('GET', '/api/municipalities?q=%00', { cookie: staff });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('MALFORMED_REQUEST');
  });
});
