import ExcelJS from 'exceljs';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  fiscalYears,
  jobs,
  mailOutbox,
  municipalities,
  organizations,
  surveyReminders,
  surveyResponses,
  surveys,
  users,
} from '../../db/schema';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const reviewer = await ctx.sessionCookieFor('reviewer@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const mayor = await ctx.sessionCookieFor('mayor@nishiaizu.example.jp');
const koriyama = await ctx.sessionCookieFor('dx@koriyama.example.jp');
const company = await ctx.sessionCookieFor('advisor@company-a.example.jp');
const secretariat = await ctx.sessionCookieFor('secretariat@council.example.jp');

async function call(method: string, path: string, body?: unknown, cookie = admin) {
  const res = await ctx.request(method, path, { cookie, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
const [nishiaizu] = await db.select().from(municipalities).where(eq(municipalities.code, '074055'));
const [seeded] = await db
  .select()
  .from(surveys)
  .where(and(eq(surveys.fiscalYearId, fy!.id), eq(surveys.kind, 'needs')));

const sections = [
  {
    key: 'org',
    title: { ja: '体制', en: 'Organisation' },
    questions: [
      {
        key: 'cdo_appointed',
        type: 'single_choice',
        label: { ja: 'CDOを任命していますか', en: 'CDO appointed?' },
        required: true,
        options: [
          { value: 'appointed', label: { ja: '任命している', en: 'Yes' }, score: 5 },
          { value: 'not_appointed', label: { ja: '任命していない', en: 'No' }, score: 1 },
        ],
        maturityArea: 'dx_strategy',
      },
      {
        key: 'cdo_name',
        type: 'short_text',
        label: { ja: 'CDOの役職', en: 'CDO position' },
        required: true,
        showIf: { questionKey: 'cdo_appointed', anyOf: ['appointed'] },
      },
      {
        key: 'dx_staff_count',
        type: 'number',
        label: { ja: 'DX担当職員数', en: 'DX staff' },
        required: false,
        min: 0,
        max: 1000,
      },
      {
        key: 'help_wanted_areas',
        type: 'multiple_choice',
        label: { ja: '支援希望分野', en: 'Help wanted' },
        required: true,
        options: [
          { value: 'ai_rpa', label: { ja: 'AI・RPA', en: 'AI/RPA' } },
          { value: 'security', label: { ja: 'セキュリティ', en: 'Security' } },
        ],
      },
    ],
  },
];

/** A draft as the builder makes it. */
async function createDraft(overrides: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/surveys', {
    fiscalYearId: fy!.id,
    title: { ja: 'テスト調査', en: 'Test survey' },
    kind: 'post_support',
    audience: 'municipalities',
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    sections,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; isDraft: boolean };
}

/** A survey made in the builder and published, as the administrator does before anyone answers. */
async function createSurvey(overrides: Record<string, unknown> = {}) {
  const draft = await createDraft(overrides);
  const res = await call('POST', `/api/surveys/${draft.id}/publish`, { version: draft.version });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; version: number; isDraft: boolean };
}

describe('answering', () => {
  it('saves a draft, resumes it, and rejects a stale version with 409 and the current response', async () => {
    const s = await createSurvey();
    const first = await call(
      'PUT',
      `/api/surveys/${s.id}/response`,
      { answers: { dx_staff_count: '3' }, version: null },
      staff,
    );
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('draft');
    const resumed = await call('GET', `/api/surveys/${s.id}/response`, undefined, staff);
    expect(resumed.body.answers).toEqual({ dx_staff_count: '3' });
    const second = await call(
      'PUT',
      `/api/surveys/${s.id}/response`,
      { answers: { dx_staff_count: '4' }, version: first.body.version },
      staff,
    );
    expect(second.status).toBe(200);
    const stale = await call(
      'PUT',
      `/api/surveys/${s.id}/response`,
      { answers: { dx_staff_count: '5' }, version: first.body.version },
      staff,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.answers).toEqual({ dx_staff_count: '4' });
  });

  it('keeps one response per municipality: the mayor sees and continues the staff draft', async () => {
    const s = await createSurvey();
    const draft = await call(
      'PUT',
      `/api/surveys/${s.id}/response`,
      { answers: { dx_staff_count: '2' }, version: null },
      staff,
    );
    const mine = await call('GET', `/api/surveys/${s.id}/response`, undefined, mayor);
    expect(mine.body.id).toBe(draft.body.id);
    // A second "first save" cannot create a second response.
    const dup = await call('PUT', `/api/surveys/${s.id}/response`, { answers: {}, version: null }, mayor);
    expect(dup.status).toBe(409);
    const other = await call('GET', `/api/surveys/${s.id}/response`, undefined, koriyama);
    expect(other.body.status).toBe('not_started');
    const rows = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    expect(rows).toHaveLength(1);
  });

  it('validates required answers and show-if on submit (422 in ja and en), and drops hidden answers', async () => {
    const s = await createSurvey();
    const missing = await call(
      'POST',
      `/api/surveys/${s.id}/response/submit`,
      { answers: { cdo_appointed: 'appointed' }, version: null },
      staff,
    );
    expect(missing.status).toBe(422);
    const paths = missing.body.error.fields.map((f: { path: string[] }) => f.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['answers.cdo_name', 'answers.help_wanted_areas']));
    expect(missing.body.error.fields[0].ja).toContain('必須');
    expect(missing.body.error.fields[0].en).toContain('required');

    const badNumber = await call(
      'PUT',
      `/api/surveys/${s.id}/response`,
      { answers: { dx_staff_count: 'たくさん', cdo_appointed: 'maybe' }, version: null },
      staff,
    );
    expect(badNumber.status).toBe(422);
    expect(badNumber.body.error.fields).toHaveLength(2);

    // cdo_name is hidden when no CDO is appointed: not required, and its answer is not kept.
    const ok = await call(
      'POST',
      `/api/surveys/${s.id}/response/submit`,
      {
        answers: { cdo_appointed: 'not_appointed', cdo_name: '副町長', help_wanted_areas: ['security'] },
        version: null,
      },
      staff,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('submitted');
    expect(ok.body.answers).toEqual({ cdo_appointed: 'not_appointed', help_wanted_areas: ['security'] });
  });

  it('refuses answers outside the window with a clear message, server-side', async () => {
    const s = await createSurvey({
      opensAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      closesAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    const res = await call('PUT', `/api/surveys/${s.id}/response`, { answers: {}, version: null }, staff);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('SURVEY_CLOSED');
    expect(res.body.error.message.ja).toContain('回答期間外');
    expect(res.body.error.message.en).toContain('not open');
    const seededRes = await call(
      'POST',
      `/api/surveys/${seeded!.id}/response/submit`,
      { answers: {}, version: 1 },
      staff,
    );
    expect(seededRes.body.error.code).toBe('SURVEY_CLOSED');
  });

  it('proxy: prefecture fills a draft for a town (audited, marked), the town confirms by submitting', async () => {
    const s = await createSurvey();
    const proxied = await call('PUT', `/api/surveys/${s.id}/proxy/${nishiaizu!.id}`, {
      answers: { cdo_appointed: 'appointed', cdo_name: 'デジタル推進課長', help_wanted_areas: ['ai_rpa'] },
      version: null,
    });
    expect(proxied.status).toBe(200);
    const seen = await call('GET', `/api/surveys/${s.id}/response`, undefined, staff);
    expect(seen.body.isProxyDraft).toBe(true);
    expect(seen.body.proxiedByName).toBeTruthy();
    expect(seen.body.answers.cdo_name).toBe('デジタル推進課長');
    const confirmed = await call(
      'POST',
      `/api/surveys/${s.id}/response/submit`,
      { answers: seen.body.answers, version: seen.body.version },
      staff,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('submitted');
    expect(confirmed.body.proxiedByName).toBeTruthy();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, proxied.body.id), eq(auditLog.entityType, 'survey_response')));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'survey_response.proxy_save',
      'survey_response.submit',
    ]);
    expect(audits.find((a) => a.action === 'survey_response.proxy_save')!.onBehalfOf).toBe(nishiaizu!.id);
    // The prefecture does not overwrite what the town submitted.
    const overwrite = await call('PUT', `/api/surveys/${s.id}/proxy/${nishiaizu!.id}`, {
      answers: {},
      version: confirmed.body.version,
    });
    expect(overwrite.status).toBe(403);
  });

  it('prefills from last year’s answers with the same keys', async () => {
    const res = await call('GET', `/api/surveys/${seeded!.id}/response/prefill`, undefined, staff);
    expect(res.status).toBe(200);
    expect(res.body.fromSurveyId).toBeTruthy();
    expect(res.body.answers.help_wanted_areas.length).toBeGreaterThan(0);
    expect(Object.keys(res.body.answers.area_status)).toHaveLength(8);
  });
});

describe('prefill across a year without the survey', () => {
  it('offers the latest submitted answers of any earlier survey of the same kind, by question key', async () => {
    // A year whose previous year had no needs survey at all.
    const year = await call('POST', '/api/fiscal-years', { year: 2030 });
    expect(year.status, JSON.stringify(year.body)).toBe(201);
    const later = await createSurvey({
      fiscalYearId: year.body.id,
      kind: 'needs',
      title: { ja: '令和12年度 課題把握アンケート', en: 'FY2030 needs survey' },
      copyFromId: seeded!.id,
      sections: undefined,
    });
    const lastAnswered = await call('GET', `/api/surveys/${seeded!.id}/response`, undefined, staff);
    expect(lastAnswered.body.status).toBe('submitted');
    const res = await call('GET', `/api/surveys/${later.id}/response/prefill`, undefined, staff);
    expect(res.status).toBe(200);
    expect(res.body.fromSurveyId).toBe(seeded!.id);
    expect(res.body.answers.help_wanted_areas).toEqual(lastAnswered.body.answers.help_wanted_areas);
    expect(Object.keys(res.body.answers.area_status)).toHaveLength(8);
  });
});

describe('building', () => {
  it('freezes answered questions: a change makes a new version, the old one keeps its answers', async () => {
    const s = await createSurvey();
    const unanswered = await call('PATCH', `/api/surveys/${s.id}`, { version: s.version, sections });
    expect(unanswered.status).toBe(200);
    expect(unanswered.body.id).toBe(s.id);
    await call(
      'PUT',
      `/api/surveys/${s.id}/response`,
      { answers: { dx_staff_count: '1' }, version: null },
      staff,
    );
    const changed = await call('PATCH', `/api/surveys/${s.id}`, {
      version: unanswered.body.version,
      sections: [{ ...sections[0], questions: sections[0]!.questions.slice(0, 2) }],
    });
    expect(changed.status).toBe(201);
    expect(changed.body.id).not.toBe(s.id);
    expect(changed.body.surveyVersion).toBe(2);
    const old = await call('GET', `/api/surveys/${s.id}`);
    expect(old.body.isFrozen).toBe(true);
    expect(old.body.isOpen).toBe(false);
    const list = await call('GET', `/api/surveys?fiscalYearId=${fy!.id}`);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(changed.body.id);
    expect(ids).not.toContain(s.id);
  });

  it('copies last year’s questions and rejects a bad definition with field errors', async () => {
    const copy = await createSurvey({ sections: undefined, copyFromId: seeded!.id });
    const detail = await call('GET', `/api/surveys/${copy.id}`);
    expect(detail.body.sections.map((x: { key: string }) => x.key)).toEqual([
      'organisation',
      'status',
      'help',
      'voices',
    ]);
    const bad = await call('POST', '/api/surveys', {
      fiscalYearId: fy!.id,
      title: { ja: '不正', en: 'Bad' },
      kind: 'needs',
      audience: 'municipalities',
      opensAt: '2026-12-01T00:00:00Z',
      closesAt: '2026-11-01T00:00:00Z',
      sections: [
        {
          key: 's',
          title: { ja: 'a', en: 'a' },
          questions: [
            {
              key: 'q',
              type: 'short_text',
              label: { ja: 'a', en: 'a' },
              required: false,
              showIf: { questionKey: 'later', anyOf: ['x'] },
            },
          ],
        },
      ],
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error.fields)).toContain('締切は開始より後');
  });
});

describe('results', () => {
  it('counts answers (each option of a multiple choice), rate, heatmap and year over year', async () => {
    const res = await call('GET', `/api/surveys/${seeded!.id}/results`, undefined, reviewer);
    expect(res.status).toBe(200);
    expect(res.body.submittedCount).toBe(59);
    expect(res.body.eligibleCount).toBe(59);
    expect(res.body.nonResponders).toEqual([]);
    const help = res.body.questions.find((q: { key: string }) => q.key === 'help_wanted_areas');
    const total = help.counts.reduce((a: number, c: { count: number }) => a + c.count, 0);
    const rows = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, seeded!.id));
    expect(total).toBe(
      rows.reduce((a, r) => a + ((r.answers as Record<string, string[]>).help_wanted_areas?.length ?? 0), 0),
    );
    expect(res.body.heatmap).toHaveLength(59);
    // Rows in 団体コード order, as every list of municipalities.
    const byCode = await db
      .select({ id: municipalities.id })
      .from(municipalities)
      .orderBy(asc(municipalities.code));
    expect(res.body.heatmap.map((h: { municipalityId: string }) => h.municipalityId)).toEqual(
      byCode.map((m) => m.id),
    );
    expect(res.body.yearOverYear.map((y: { key: string }) => y.key)).toContain('help_wanted_areas');
  });

  it('cross-tabulates by region and population band (unknown band said plainly)', async () => {
    const byRegion = await call(
      'GET',
      `/api/surveys/${seeded!.id}/results/crosstab?questionKey=help_wanted_areas&by=region`,
    );
    expect(byRegion.body.groups.map((g: { value: string }) => g.value).sort()).toEqual(
      ['中通り', '会津', '浜通り'].sort(),
    );
    expect(
      byRegion.body.groups.reduce((a: number, g: { respondentCount: number }) => a + g.respondentCount, 0),
    ).toBe(59);
    const byPop = await call(
      'GET',
      `/api/surveys/${seeded!.id}/results/crosstab?questionKey=cdo_appointed&by=population_band`,
    );
    expect(byPop.body.groups.some((g: { label: { ja: string } }) => g.label.ja === '人口未登録')).toBe(true);
  });

  it('groups voices into topics with municipality names', async () => {
    const res = await call('GET', `/api/surveys/${seeded!.id}/results/voices`);
    expect(res.status).toBe(200);
    expect(res.body.topics.length).toBeGreaterThan(1);
    expect(res.body.topics[0].municipalityNames.length).toBeGreaterThan(0);
  });

  it('exports xlsx with raw answers and every table (read back), and CSV with exactly one BOM', async () => {
    const res = await ctx.request('GET', `/api/surveys/${seeded!.id}/export.xlsx`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(['回答一覧', '設問別集計', '成熟度', '未回答', '前年比較', '支援希望_地方別']),
    );
    const raw = wb.getWorksheet('回答一覧')!;
    expect(raw.rowCount).toBe(60);
    const header = (raw.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 2)).toEqual(['市町村コード', '市町村名']);
    const detailCol = header.indexOf('活用している外部人材の内容') + 1;
    const talentCol = header.indexOf('外部デジタル人材を活用していますか') + 1;
    const rows = raw.getRows(2, 59)!;
    const nishi = rows.find((r) => r.getCell(1).value === '074055')!;
    expect(nishi.getCell(2).value).toBe('西会津町');
    // Hidden follow-up questions read 該当なし, shown ones their answer: the seed has towns of both kinds.
    const using = rows.filter((r) => r.getCell(talentCol).value === '活用している');
    const notUsing = rows.filter((r) => r.getCell(talentCol).value !== '活用している');
    expect(using.length).toBeGreaterThan(0);
    expect(notUsing.length).toBeGreaterThan(0);
    for (const r of using) {
      expect(r.getCell(detailCol).type).toBe(ExcelJS.ValueType.String);
      expect(r.getCell(detailCol).value).not.toBe('該当なし');
    }
    for (const r of notUsing) expect(r.getCell(detailCol).value).toBe('該当なし');

    const csv = await ctx.request('GET', `/api/surveys/${seeded!.id}/export.csv`, { cookie: admin });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // One byte-order mark, then the first header cell (a second BOM would corrupt it in Excel).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF市町村コード,市町村名,')).toBe(true);
    expect(text.match(/\uFEFF/g)).toHaveLength(1);
    expect(text).toContain('西会津町');
    expect(text.trim().split(/\r?\n/)).toHaveLength(60);
  });

  it('writes submission times as date cells in Japan time and numeric answers as numbers', async () => {
    const res = await ctx.request('GET', `/api/surveys/${seeded!.id}/export.xlsx`, { cookie: admin });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const raw = wb.getWorksheet('回答一覧')!;
    const header = (raw.getRow(1).values as string[]).slice(1);
    const submittedCol = header.indexOf('提出日時（日本時間）') + 1;
    const staffCol = header.indexOf('DX推進を担当する職員数（兼務を含む）') + 1;
    expect(submittedCol).toBeGreaterThan(0);
    expect(staffCol).toBeGreaterThan(0);
    const [response] = await db
      .select()
      .from(surveyResponses)
      .where(
        and(eq(surveyResponses.surveyId, seeded!.id), eq(surveyResponses.municipalityId, nishiaizu!.id)),
      );
    const nishi = raw.getRows(2, 59)!.find((r) => r.getCell(1).value === '074055')!;
    const submitted = nishi.getCell(submittedCol);
    expect(submitted.type).toBe(ExcelJS.ValueType.Date);
    expect(submitted.numFmt).toBe('yyyy/mm/dd hh:mm');
    // The cell holds the wall-clock time in Japan (UTC+9) of the stored instant.
    expect((submitted.value as Date).getTime()).toBe(response!.submittedAt!.getTime() + 9 * 3_600_000);
    const staffCount = nishi.getCell(staffCol);
    expect(staffCount.type).toBe(ExcelJS.ValueType.Number);
    expect(staffCount.value).toBe(Number((response!.answers as Record<string, string>).dx_staff_count));
    for (const r of raw.getRows(2, 59)!) {
      expect(r.getCell(submittedCol).type).toBe(ExcelJS.ValueType.Date);
      expect(r.getCell(staffCol).type).toBe(ExcelJS.ValueType.Number);
    }
    // Counts in the summary sheets are numbers too.
    const perQuestion = wb.getWorksheet('設問別集計')!;
    expect(perQuestion.getRow(2).getCell(4).type).toBe(ExcelJS.ValueType.Number);
  });

  it('reminds non-responders through the outbox', async () => {
    const s = await createSurvey();
    await call(
      'POST',
      `/api/surveys/${s.id}/response/submit`,
      { answers: { cdo_appointed: 'not_appointed', help_wanted_areas: ['security'] }, version: null },
      staff,
    );
    const res = await call('POST', `/api/surveys/${s.id}/reminders`);
    expect(res.status).toBe(200);
    expect(res.body.queuedCount).toBeGreaterThan(0);
    expect(res.body.alreadyRemindedCount).toBe(0);
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.subject, '【Kakehashi】【回答のお願い】テスト調査'));
    const to = mails.map((m) => m.toAddress);
    expect(to).toContain('dx@koriyama.example.jp');
    expect(to).not.toContain('dx@nishiaizu.example.jp');
    expect(mails).toHaveLength(res.body.queuedCount);
    const koriyamaMail = mails.find((m) => m.toAddress === 'dx@koriyama.example.jp')!;
    expect(koriyamaMail.bodyText).toContain('「テスト調査」へのご回答をお願いします。');
    // Addressed to the person, linking to the answer page (not `/surveys/<id>`, which no page routes).
    expect(koriyamaMail.bodyText.split('\n')[0]).toMatch(/\S 様$/);
    expect(koriyamaMail.bodyText).toContain(`/surveys/${s.id}/answer\n`);
  });

  it('mails nobody twice: a second click within 12 hours sends 0 and says who was already reminded', async () => {
    const s = await createSurvey({ title: { ja: '二度押し調査', en: 'Double click survey' } });
    const subject = '【Kakehashi】【回答のお願い】二度押し調査';
    // Asked first: 59 towns have not answered, only the demo's towns have accounts to mail.
    const preview = await call('GET', `/api/surveys/${s.id}/reminders/preview`);
    expect(preview.status).toBe(200);
    const withAccount = new Set(
      (
        await db
          .select({ municipalityId: organizations.municipalityId })
          .from(users)
          .innerJoin(organizations, eq(organizations.id, users.organizationId))
          .where(and(eq(users.isActive, true), isNotNull(organizations.municipalityId)))
      ).map((r) => r.municipalityId),
    );
    expect(preview.body.nonResponderCount).toBe(59);
    expect(preview.body.withoutAccountCount).toBe(59 - withAccount.size);
    expect(preview.body.recentlyRemindedCount).toBe(0);
    const first = await call('POST', `/api/surveys/${s.id}/reminders`);
    expect(first.status).toBe(200);
    expect(first.body.queuedCount).toBeGreaterThan(0);
    // The preview counted exactly the mails that went.
    expect(first.body.queuedCount).toBe(preview.body.mailCount);
    expect((await call('GET', `/api/surveys/${s.id}/reminders/preview`)).body).toMatchObject({
      mailCount: 0,
      recentlyRemindedCount: first.body.queuedCount,
    });
    const second = await call('POST', `/api/surveys/${s.id}/reminders`);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      queuedCount: 0,
      municipalityCount: 0,
      alreadyRemindedCount: first.body.queuedCount,
    });
    const toKoriyama = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.subject, subject), eq(mailOutbox.toAddress, 'dx@koriyama.example.jp')));
    expect(toKoriyama).toHaveLength(1);
    const recorded = await db.select().from(surveyReminders).where(eq(surveyReminders.surveyId, s.id));
    expect(recorded).toHaveLength(first.body.queuedCount);

    // Once the cool-down has passed, the same people are reminded again.
    await db
      .update(surveyReminders)
      .set({ lastSentAt: new Date(Date.now() - 13 * 3_600_000) })
      .where(eq(surveyReminders.surveyId, s.id));
    const later = await call('POST', `/api/surveys/${s.id}/reminders`);
    expect(later.body.queuedCount).toBe(first.body.queuedCount);
    expect(later.body.alreadyRemindedCount).toBe(0);
    const again = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.subject, subject), eq(mailOutbox.toAddress, 'dx@koriyama.example.jp')));
    expect(again).toHaveLength(2);
  });

  it('two reminder requests at the same moment mail each person once', async () => {
    const s = await createSurvey({ title: { ja: '同時押し調査', en: 'Simultaneous survey' } });
    const [a, b] = await Promise.all([
      call('POST', `/api/surveys/${s.id}/reminders`),
      call('POST', `/api/surveys/${s.id}/reminders`),
    ]);
    expect([a!.status, b!.status]).toEqual([200, 200]);
    const queued = a!.body.queuedCount + b!.body.queuedCount;
    expect(queued).toBeGreaterThan(0);
    expect(Math.min(a!.body.queuedCount, b!.body.queuedCount)).toBe(0);
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.subject, '【Kakehashi】【回答のお願い】同時押し調査'));
    expect(mails).toHaveLength(queued);
    expect(new Set(mails.map((m) => m.toAddress)).size).toBe(mails.length);
  });

  it('reminds each recipient in the language of their account', async () => {
    await db.update(users).set({ locale: 'en' }).where(eq(users.email, 'dx@koriyama.example.jp'));
    try {
      const s = await createSurvey({ title: { ja: '言語別調査', en: 'Per-language survey' } });
      const res = await call('POST', `/api/surveys/${s.id}/reminders`);
      expect(res.status).toBe(200);
      const [english] = await db
        .select()
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.toAddress, 'dx@koriyama.example.jp'),
            eq(mailOutbox.subject, '[Kakehashi] Please answer: Per-language survey'),
          ),
        );
      expect(english!.bodyText).toContain('Dear 郡山市 DX担当,');
      expect(english!.bodyText).toContain('Please answer the survey "Per-language survey".');
      expect(english!.bodyText).toContain('JST');
      expect(english!.bodyText).not.toMatch(/[ぁ-んァ-ン]/);
      const japanese = await db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.subject, '【Kakehashi】【回答のお願い】言語別調査'));
      expect(japanese.length).toBeGreaterThan(0);
      expect(japanese.map((m) => m.toAddress)).not.toContain('dx@koriyama.example.jp');
      expect(japanese[0]!.bodyText).toMatch(
        /締切：令和\d+年（\d{4}年）\d{1,2}月\d{1,2}日（[日月火水木金土]）\d{2}:\d{2}\n/,
      );
    } finally {
      await db.update(users).set({ locale: 'ja' }).where(eq(users.email, 'dx@koriyama.example.jp'));
    }
  });
});

describe('sharing with companies', () => {
  it('shows only the published aggregate; names and raw answers only when opted in', async () => {
    const shared = await call('GET', `/api/surveys/${seeded!.id}/shared`, undefined, company);
    expect(shared.status).toBe(200);
    expect(shared.body.demand).toHaveLength(10);
    expect(
      shared.body.demand.every((d: { municipalityNames: unknown }) => d.municipalityNames === null),
    ).toBe(true);
    expect(shared.body.rawAnswers).toEqual([]);
    expect(JSON.stringify(shared.body)).not.toContain('西会津町');

    const [row] = await db.select().from(surveys).where(eq(surveys.id, seeded!.id));
    const share = await call('PUT', `/api/surveys/${seeded!.id}/share`, {
      version: row!.version,
      isPublished: true,
      includeMunicipalityNames: true,
      rawAnswerKeys: ['voice_requests'],
    });
    expect(share.status).toBe(200);
    const named = await call('GET', `/api/surveys/${seeded!.id}/shared`, undefined, company);
    expect(named.body.rawAnswers[0].questionKey).toBe('voice_requests');
    expect(JSON.stringify(named.body.demand)).toContain('町');
    const stale = await call('PUT', `/api/surveys/${seeded!.id}/share`, {
      version: row!.version,
      isPublished: false,
      includeMunicipalityNames: false,
      rawAnswerKeys: [],
    });
    expect(stale.status).toBe(409);

    // Companies get neither results nor raw answers.
    expect((await call('GET', `/api/surveys/${seeded!.id}/results`, undefined, company)).status).toBe(403);
    expect((await call('GET', `/api/surveys/${seeded!.id}`, undefined, company)).status).toBe(404);
    // But they find the published view in their survey list: only published surveys, no response status.
    const published = (await db.select().from(surveys)).filter((s) => s.share.isPublished === true);
    for (const partner of [company, secretariat]) {
      const list = await call('GET', '/api/surveys', undefined, partner);
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toContain(seeded!.id);
      expect(list.body.items.map((s: { id: string }) => s.id).sort()).toEqual(
        published
          .filter((s) => s.supersededAt === null)
          .map((s) => s.id)
          .sort(),
      );
      expect(
        list.body.items.every(
          (s: { isPublished: boolean; myStatus: unknown }) => s.isPublished && s.myStatus === null,
        ),
      ).toBe(true);
    }
    // Withdrawn, it leaves their list.
    const [current] = await db.select().from(surveys).where(eq(surveys.id, seeded!.id));
    await call('PUT', `/api/surveys/${seeded!.id}/share`, {
      version: current!.version,
      isPublished: false,
      includeMunicipalityNames: false,
      rawAnswerKeys: [],
    });
    const after = await call('GET', '/api/surveys', undefined, company);
    expect(after.body.items.map((s: { id: string }) => s.id)).not.toContain(seeded!.id);
  });

  it('reads back the saved share settings with the version to save against', async () => {
    const before = await call('GET', `/api/surveys/${seeded!.id}/share`);
    expect(before.status).toBe(200);
    const [row] = await db.select().from(surveys).where(eq(surveys.id, seeded!.id));
    expect(before.body.version).toBe(row!.version);
    const saved = await call('PUT', `/api/surveys/${seeded!.id}/share`, {
      version: before.body.version,
      isPublished: true,
      includeMunicipalityNames: true,
      rawAnswerKeys: ['voice_requests'],
    });
    expect(saved.status).toBe(200);
    const after = await call('GET', `/api/surveys/${seeded!.id}/share`);
    expect(after.body).toEqual({
      version: saved.body.version,
      isPublished: true,
      includeMunicipalityNames: true,
      rawAnswerKeys: ['voice_requests'],
    });
    // Only the admin; a company and a town are refused.
    expect((await call('GET', `/api/surveys/${seeded!.id}/share`, undefined, company)).status).toBe(403);
    expect((await call('GET', `/api/surveys/${seeded!.id}/share`, undefined, staff)).status).toBe(403);
    expect((await call('GET', '/api/surveys/00000000-0000-4000-8000-000000000000/share')).status).toBe(404);
  });

  it('each survey carries what its caller may do with it, from the prefecture to a company', async () => {
    const settings = await call('GET', `/api/surveys/${seeded!.id}/share`);
    const published = await call('PUT', `/api/surveys/${seeded!.id}/share`, {
      version: settings.body.version,
      isPublished: true,
      includeMunicipalityNames: false,
      rawAnswerKeys: [],
    });
    expect(published.status).toBe(200);
    const nothing = {
      edit: false,
      answer: false,
      viewResults: false,
      share: false,
      viewShared: false,
      remind: false,
      answerAsProxy: false,
    };
    const detail = async (cookie: string) =>
      (await call('GET', `/api/surveys/${seeded!.id}`, undefined, cookie)).body;
    const listed = async (cookie: string) =>
      (await call('GET', `/api/surveys?fiscalYearId=${fy!.id}`, undefined, cookie)).body.items.find(
        (i: { id: string }) => i.id === seeded!.id,
      );
    const forAdmin = {
      ...nothing,
      edit: true,
      viewResults: true,
      share: true,
      remind: true,
      answerAsProxy: true,
    };
    expect((await detail(admin)).can).toEqual(forAdmin);
    expect((await listed(admin)).can).toEqual(forAdmin);
    // The prefecture's reviewer reads results but runs nothing; a town answers its own response only.
    expect((await detail(reviewer)).can).toEqual({ ...nothing, viewResults: true });
    expect((await detail(staff)).can).toEqual({ ...nothing, answer: true });
    expect((await listed(staff)).can).toEqual({ ...nothing, answer: true });
    // A company or the council reaches only the published view, from the list.
    expect((await listed(company)).can).toEqual({ ...nothing, viewShared: true });
    expect((await listed(secretariat)).can).toEqual({ ...nothing, viewShared: true });
  });

  it('a municipality sees only its own status in the list', async () => {
    const list = await call('GET', `/api/surveys?fiscalYearId=${fy!.id}`, undefined, koriyama);
    const needs = list.body.items.find((i: { id: string }) => i.id === seeded!.id);
    expect(needs.myStatus).toBe('submitted');
    const ids = await db
      .select({ id: surveyResponses.id })
      .from(surveyResponses)
      .where(inArray(surveyResponses.surveyId, [seeded!.id]));
    expect(ids).toHaveLength(59);
  });
});

describe('home tasks', () => {
  it('lists an open survey to answer, then the proxied draft to confirm, and nothing once submitted', async () => {
    const s = await createSurvey({ title: { ja: 'ホーム確認調査', en: 'Home check survey' } });
    const tasksOf = async (cookie: string) =>
      (
        (await call('GET', '/api/home', undefined, cookie)).body.tasks as {
          kind: string;
          href: string;
          dueAt: string;
        }[]
      ).filter((t) => t.href === `/surveys/${s.id}/answer`);
    const before = await tasksOf(koriyama);
    expect(before.map((t) => t.kind)).toEqual(['survey_answer']);
    expect(before[0]!.dueAt).toBeTruthy();
    const proxied = await call('PUT', `/api/surveys/${s.id}/proxy/${nishiaizu!.id}`, {
      answers: { cdo_appointed: 'not_appointed', help_wanted_areas: ['security'] },
      version: null,
    });
    expect((await tasksOf(staff)).map((t) => t.kind)).toEqual(['survey_confirm']);
    await call(
      'POST',
      `/api/surveys/${s.id}/response/submit`,
      { answers: proxied.body.answers, version: proxied.body.version },
      staff,
    );
    expect(await tasksOf(staff)).toEqual([]);
    expect(await tasksOf(admin)).toEqual([]);
  });
});

describe('maturity level of a town', () => {
  it('a town reads its own level per area; another town gets 404; staff may read any town', async () => {
    const own = await call('GET', `/api/surveys/${seeded!.id}/maturity/${nishiaizu!.id}`, undefined, staff);
    expect(own.status).toBe(200);
    expect(own.body.municipalityName).toBe('西会津町');
    expect(own.body.submittedAt).not.toBeNull();
    // The seeded response answers every marked area, so every area has a level.
    expect(own.body.areas).toHaveLength(10);
    for (const a of own.body.areas) {
      expect(a.level).toBeGreaterThanOrEqual(1);
      expect(a.level).toBeLessThanOrEqual(5);
    }
    expect(own.body.overallLevel).toBeGreaterThanOrEqual(1);
    // The same figures as the results heatmap computes for this town.
    const results = await call('GET', `/api/surveys/${seeded!.id}/results`);
    const row = results.body.heatmap.find(
      (h: { municipalityId: string }) => h.municipalityId === nishiaizu!.id,
    );
    expect(own.body.overallLevel).toBe(row.overallLevel);
    for (const a of own.body.areas) expect(a.level).toBe(row.levels[a.area] ?? null);

    const byMayor = await call(
      'GET',
      `/api/surveys/${seeded!.id}/maturity/${nishiaizu!.id}`,
      undefined,
      mayor,
    );
    expect(byMayor.body).toEqual(own.body);
    const other = await call(
      'GET',
      `/api/surveys/${seeded!.id}/maturity/${nishiaizu!.id}`,
      undefined,
      koriyama,
    );
    expect(other.status).toBe(404);
    expect(
      (await call('GET', `/api/surveys/${seeded!.id}/maturity/${nishiaizu!.id}`, undefined, company)).status,
    ).toBe(403);
    const byReviewer = await call(
      'GET',
      `/api/surveys/${seeded!.id}/maturity/${nishiaizu!.id}`,
      undefined,
      reviewer,
    );
    expect(byReviewer.body.overallLevel).toBe(own.body.overallLevel);
  });

  it('a town that has not submitted gets no levels, said plainly', async () => {
    const created = await createSurvey({
      title: { ja: '未回答の調査', en: 'Unanswered survey' },
      kind: 'needs',
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const m = await call('GET', `/api/surveys/${created.id}/maturity/${nishiaizu!.id}`, undefined, staff);
    expect(m.status).toBe(200);
    expect(m.body.submittedAt).toBeNull();
    expect(m.body.overallLevel).toBeNull();
    expect(m.body.areas.every((a: { level: unknown }) => a.level === null)).toBe(true);
  });
});

describe('the opening notice', () => {
  it('tells every respondent’s users once when a survey opens, not before, not again', async () => {
    const opensAt = new Date(Date.now() + 2 * 3_600_000);
    const s = await createSurvey({
      title: { ja: '受付開始通知テスト', en: 'Opening notice test' },
      opensAt: opensAt.toISOString(),
    });
    const noticesFor = () =>
      db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.subject, '【Kakehashi】【回答受付開始】受付開始通知テスト')));

    // Before it opens: nothing for it (surveys of this file that opened an hour ago are announced).
    await ctx.services.surveysExports.announceOpened(new Date(opensAt.getTime() - 60_000));
    expect(await noticesFor()).toEqual([]);

    // A quarter of an hour after it opened: each active user of each municipality, once.
    const after = new Date(opensAt.getTime() + 15 * 60_000);
    const told = await ctx.services.surveysExports.announceOpened(after);
    const mails = await noticesFor();
    expect(told).toBe(mails.length);
    expect(mails.map((m) => m.toAddress)).toEqual(
      expect.arrayContaining(['dx@nishiaizu.example.jp', 'mayor@nishiaizu.example.jp']),
    );
    expect(mails.map((m) => m.toAddress)).not.toContain('advisor@company-a.example.jp');
    expect(mails.find((m) => m.toAddress === 'dx@nishiaizu.example.jp')!.bodyText).toContain(
      `/surveys/${s.id}/answer`,
    );
    // Two processes, or the next pass: no one is told twice.
    expect(await ctx.services.surveysExports.announceOpened(new Date(after.getTime() + 15 * 60_000))).toBe(0);
    expect(await noticesFor()).toHaveLength(mails.length);
    // The inbox has it, linked to the answer page.
    const inbox = await call('GET', '/api/notifications?limit=5', undefined, staff);
    expect(inbox.body.items.some((n: { linkPath: string }) => n.linkPath === `/surveys/${s.id}/answer`)).toBe(
      true,
    );
  });

  it('announces a survey published while open on the job runner’s next pass', async () => {
    const s = await createSurvey({
      title: { ja: '作成時に受付中の調査', en: 'Open when created' },
      opensAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await ctx.runJobs();
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.subject, '【Kakehashi】【回答受付開始】作成時に受付中の調査'));
    expect(mails.map((m) => m.toAddress)).toContain('dx@nishiaizu.example.jp');
    expect(mails.find((m) => m.toAddress === 'dx@nishiaizu.example.jp')!.bodyText).toContain(
      `/surveys/${s.id}/answer`,
    );
  });
});

describe('drafts made in the builder', () => {
  const openingJobOf = async (id: string) =>
    db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `surveys.opened:${id}`));
  const noticesFor = (subjectTitle: string) =>
    db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.subject, `【Kakehashi】【回答受付開始】${subjectTitle}`));

  it('a created survey is a draft: hidden from its respondents, told to nobody, until published', async () => {
    const draft = await createDraft({ title: { ja: '下書きの調査', en: 'Draft survey' } });
    expect(draft).toMatchObject({ isDraft: true, isOpen: false });

    // Its respondents neither see nor answer it, though its window is open.
    expect((await call('GET', `/api/surveys/${draft.id}`, undefined, staff)).status).toBe(404);
    const list = await call('GET', '/api/surveys', undefined, staff);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
    const answer = await call(
      'PUT',
      `/api/surveys/${draft.id}/response`,
      { answers: { dx_staff_count: '1' }, version: null },
      staff,
    );
    expect(answer.status).toBe(404);
    // No opening notice: none queued, none sent by the job runner or the scheduled announcement.
    expect(await openingJobOf(draft.id)).toEqual([]);
    await ctx.runJobs();
    expect(await ctx.services.surveysExports.announceOpened(new Date())).toBe(0);
    expect(await noticesFor('下書きの調査')).toEqual([]);

    // Published: visible to its respondents, the notice job queued in the same step, then sent.
    const published = await call('POST', `/api/surveys/${draft.id}/publish`, { version: draft.version });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ isDraft: false, isOpen: true });
    expect(await openingJobOf(draft.id)).toHaveLength(1);
    expect((await call('GET', `/api/surveys/${draft.id}`, undefined, staff)).status).toBe(200);
    await ctx.runJobs();
    expect((await noticesFor('下書きの調査')).map((m) => m.toAddress)).toContain('dx@nishiaizu.example.jp');
  });

  it('says before publishing how many respondents are invited and how many have no account to mail', async () => {
    const draft = await createDraft({ title: { ja: '招待数の調査', en: 'Invitation count survey' } });
    const asAdmin = await call('GET', `/api/surveys/${draft.id}`);
    const towns = await db
      .select()
      .from(municipalities)
      .where(eq(municipalities.prefectureId, fy!.prefectureId));
    // The towns no active user account belongs to: the notice reaches nobody there.
    const withUsers = new Set(
      (
        await db
          .select({ municipalityId: organizations.municipalityId })
          .from(users)
          .innerJoin(organizations, eq(organizations.id, users.organizationId))
          .where(and(eq(users.isActive, true), eq(users.prefectureId, fy!.prefectureId)))
      ).map((r) => r.municipalityId),
    );
    const without = towns.filter((t) => !withUsers.has(t.id)).length;
    expect(without).toBeGreaterThan(0);
    expect(asAdmin.body.invitation).toEqual({
      respondentCount: towns.length,
      isMailed: true,
      withoutAccountCount: without,
    });
    expect(asAdmin.body.eligibleCount).toBe(towns.length);
    // Only whoever manages the survey is told; a reviewer reads it without the figures.
    expect((await call('GET', `/api/surveys/${draft.id}`, undefined, reviewer)).body.invitation).toBeNull();
    // Companies get no opening mail: said so, rather than a count of mails that will not go.
    const forCompanies = await createDraft({
      title: { ja: '企業向け下書き', en: 'Company draft' },
      audience: 'companies',
    });
    expect((await call('GET', `/api/surveys/${forCompanies.id}`)).body.invitation).toMatchObject({
      isMailed: false,
      withoutAccountCount: null,
    });
  });

  it('a draft published days after its window opened is announced all the same', async () => {
    const draft = await createDraft({
      title: { ja: '遅れて公開した調査', en: 'Published late' },
      opensAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
    });
    await call('POST', `/api/surveys/${draft.id}/publish`, { version: draft.version });
    await ctx.runJobs();
    expect((await noticesFor('遅れて公開した調査')).map((m) => m.toAddress)).toContain(
      'dx@nishiaizu.example.jp',
    );
  });
});
