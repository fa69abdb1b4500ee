import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, caseStudies, mailOutbox, municipalities, organizations, regions } from '../../db/schema';
import { readTabularFile } from '../../platform/spreadsheet';
import { approvedReportTexts, createSupportProject, insertCase } from '../../testing/cases-fixtures';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const head = await ctx.sessionCookieFor('mayor@nishiaizu.example.jp');
const otherStaff = await ctx.sessionCookieFor('dx@koriyama.example.jp');
const companyA = await ctx.sessionCookieFor('advisor@company-a.example.jp');
const companyB = await ctx.sessionCookieFor('advisor@company-b.example.jp');
const council = await ctx.sessionCookieFor('secretariat@council.example.jp');

async function call(method: string, path: string, body?: unknown, cookie?: string) {
  const res = await ctx.request(method, path, { cookie, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function ok(method: string, path: string, body: unknown, cookie: string | undefined, status = 200) {
  const res = await call(method, path, body, cookie);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const orgId = async (name: string) =>
  (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)))[0]!.id;
const townId = async (name: string) =>
  (await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, name)))[0]!
    .id;

const companyAOrg = await orgId('デモ情報システム株式会社');
const nishiaizu = await townId('西会津町');
const koriyama = await townId('郡山市');
const project = await createSupportProject(db, {
  municipalityId: nishiaizu,
  organizationId: companyAOrg,
  title: 'RPA試行導入支援（西会津町）',
  costThousandYen: 1_700,
});
const companyBOrg = (
  await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'company'))
).find((o) => o.id !== companyAOrg)!.id;
const projectB = await createSupportProject(db, { municipalityId: koriyama, organizationId: companyBOrg });

const texts = {
  challenge: '税務課の入力作業が年間800時間かかっていた。',
  approach: 'RPAで申告書の入力を自動化し、職員が手順書を作成した。',
  tools: 'RPA、AI-OCR',
  effect: '入力作業が年間500時間減った。',
};

describe('drafting', () => {
  it('the company drafts a case of its own project; validation errors are per field', async () => {
    const created = await ok(
      'POST',
      '/api/cases',
      {
        municipalityId: nishiaizu,
        fiscalYearId: project.fiscalYearId,
        supportProjectId: project.id,
        menuProposalId: project.menuProposalId,
        title: 'RPAで税務の入力作業を削減',
        challengeAreas: ['ai_rpa'],
        costThousandYen: 1_700,
      },
      companyA,
      201,
    );
    expect(created).toMatchObject({
      status: 'draft',
      organizationId: companyAOrg,
      municipality: { name: '西会津町', kind: 'town' },
      fiscalYear: { year: 2024 },
      can: { edit: true, submit: true, approve: false, unpublish: false },
    });
    expect(created.menu.title).not.toBe('');
    expect(created.municipality.region.name).toBe('会津');

    const bad = await call(
      'POST',
      '/api/cases',
      { municipalityId: nishiaizu, fiscalYearId: project.fiscalYearId, title: '', challengeAreas: [] },
      admin,
    );
    expect(bad.status).toBe(422);
    const paths = bad.body.error.fields.map((f: { path: string[] }) => f.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['title', 'challengeAreas']));
    expect(bad.body.error.fields[0].ja).toBeTruthy();
    expect(bad.body.error.fields[0].en).toBeTruthy();

    const tooCostly = await call(
      'POST',
      '/api/cases',
      {
        municipalityId: nishiaizu,
        fiscalYearId: project.fiscalYearId,
        title: 'x',
        challengeAreas: ['bpr'],
        costThousandYen: 3_000_000_000,
      },
      admin,
    );
    expect(tooCostly.status).toBe(422);
    expect(tooCostly.body.error.fields[0].path).toEqual(['costThousandYen']);
  });

  it('a company must name its own project; another company’s project is refused', async () => {
    const base = {
      municipalityId: nishiaizu,
      fiscalYearId: project.fiscalYearId,
      title: 'x',
      challengeAreas: ['bpr'],
    };
    const noProject = await call('POST', '/api/cases', base, companyA);
    expect(noProject.status).toBe(422);
    expect(noProject.body.error.fields[0]).toMatchObject({ path: ['supportProjectId'], code: 'required' });
    expect(
      (await call('POST', '/api/cases', { ...base, supportProjectId: project.id }, companyB)).status,
    ).toBe(403);
    const mismatch = await call(
      'POST',
      '/api/cases',
      { ...base, municipalityId: koriyama, supportProjectId: project.id },
      admin,
    );
    expect(mismatch.body.error.fields[0]).toMatchObject({
      path: ['municipalityId'],
      code: 'project_mismatch',
    });
    for (const cookie of [staff, head, council])
      expect((await call('POST', '/api/cases', base, cookie)).status).toBe(403);
    const unknownTown = await call(
      'POST',
      '/api/cases',
      { ...base, municipalityId: '00000000-0000-4000-8000-000000000000' },
      admin,
    );
    expect(unknownTown.body.error.fields[0]).toMatchObject({ path: ['municipalityId'], code: 'not_found' });
    // A company may not mark its story as an illustration; only the prefecture does.
    expect(
      (
        await call(
          'POST',
          '/api/cases',
          { ...base, supportProjectId: project.id, isIllustrative: true },
          companyA,
        )
      ).status,
    ).toBe(403);
  });

  it('edits name the version read: a stale one is a 409 with the current record', async () => {
    const c = await ok(
      'POST',
      '/api/cases',
      {
        municipalityId: koriyama,
        fiscalYearId: project.fiscalYearId,
        title: '版の確認',
        challengeAreas: ['bpr'],
      },
      admin,
      201,
    );
    const edited = await ok('PATCH', `/api/cases/${c.id}`, { version: c.version, ...texts }, admin);
    expect(edited.version).toBe(c.version + 1);
    const stale = await call('PATCH', `/api/cases/${c.id}`, { version: c.version, title: '古い版' }, admin);
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({
      id: c.id,
      version: c.version + 1,
      challenge: texts.challenge,
    });
    const unknown = await call(
      'PATCH',
      `/api/cases/${c.id}`,
      { version: edited.version, titel: 'typo' },
      admin,
    );
    expect(unknown.status).toBe(422);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'case_study'), eq(auditLog.entityId, c.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['case_study.create', 'case_study.update']);
  });
});

describe('from a project', () => {
  it('pre-fills the draft from the project and its approved completion report', async () => {
    const draft = await ok('POST', '/api/cases/from-project', { projectId: project.id }, companyA, 201);
    expect(draft).toMatchObject({
      status: 'draft',
      supportProjectId: project.id,
      organizationId: companyAOrg,
      title: 'RPA試行導入支援（西会津町）',
      costThousandYen: 1_700,
      companyName: 'デモ情報システム株式会社',
      municipality: { id: nishiaizu },
      fiscalYear: { id: project.fiscalYearId, year: 2024 },
      menu: { id: project.menuProposalId },
      challenge: approvedReportTexts.challenge,
      approach: approvedReportTexts.approach,
      effect: approvedReportTexts.effect,
    });
    expect(draft.challengeAreas.length).toBeGreaterThan(0);
    const byAdmin = await ok('POST', '/api/cases/from-project', { projectId: project.id }, admin, 201);
    expect(byAdmin.organizationId).toBe(companyAOrg);
  });

  it('refuses a project whose completion report is not approved, with a field error', async () => {
    const running = await createSupportProject(db, {
      municipalityId: nishiaizu,
      organizationId: companyAOrg,
      title: 'まだ支援中のプロジェクト',
      withApprovedReport: false,
    });
    const res = await call('POST', '/api/cases/from-project', { projectId: running.id }, admin);
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({ path: ['projectId'], code: 'no_approved_report' });
  });

  it('refuses another company’s project and an unknown one', async () => {
    expect((await call('POST', '/api/cases/from-project', { projectId: projectB.id }, companyA)).status).toBe(
      403,
    );
    expect((await call('POST', '/api/cases/from-project', { projectId: project.id }, staff)).status).toBe(
      403,
    );
    expect(
      (
        await call(
          'POST',
          '/api/cases/from-project',
          { projectId: '00000000-0000-4000-8000-000000000000' },
          admin,
        )
      ).status,
    ).toBe(404);
  });
});

describe('the approval workflow', () => {
  let id = '';
  let version = 0;
  const step = async (path: string, cookie: string, extra: Record<string, unknown> = {}, status = 200) => {
    const res = await call('POST', `/api/cases/${id}/${path}`, { version, ...extra }, cookie);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 200) version = res.body.version;
    return res.body;
  };

  it('cannot be sent for approval before its texts are written', async () => {
    const c = await ok(
      'POST',
      '/api/cases',
      {
        municipalityId: nishiaizu,
        fiscalYearId: project.fiscalYearId,
        supportProjectId: project.id,
        title: '公開までの流れ',
        challengeAreas: ['ai_rpa'],
      },
      companyA,
      201,
    );
    id = c.id;
    version = c.version;
    const early = await step('submit', companyA, {}, 422);
    expect(early.error.fields[0]).toMatchObject({ path: ['challenge'], code: 'required' });
    version = (await ok('PATCH', `/api/cases/${id}`, { version, ...texts }, companyA)).version;
  });

  it('a draft is the drafters’ alone; the town sees it once sent, and approves or returns it', async () => {
    expect((await call('GET', `/api/cases/${id}`, undefined, staff)).status).toBe(404);
    expect((await call('GET', `/api/cases/${id}`, undefined, companyB)).status).toBe(404);
    expect((await call('GET', `/api/public/cases/${id}`)).status).toBe(404);
    await step('approve', staff, {}, 404);

    const sent = await step('submit', companyA);
    expect(sent).toMatchObject({ status: 'awaiting_municipality', can: { edit: false, submit: false } });
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'dx@nishiaizu.example.jp'));
    expect(
      mails.some((m) => m.subject.includes('事例の承認依頼') && m.bodyText.includes(`/cases/manage/${id}`)),
    ).toBe(true);
    // Not editable while awaiting approval.
    const locked = await call('PATCH', `/api/cases/${id}`, { version, title: 'x' }, companyA);
    expect(locked.body.error.fields[0].code).toBe('not_editable');

    const asTown = await ok('GET', `/api/cases/${id}`, undefined, head);
    expect(asTown.can).toMatchObject({ approve: true, return: true, edit: false });
    const townList = await ok('GET', '/api/cases', undefined, staff);
    expect(townList.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await call('GET', `/api/cases/${id}`, undefined, otherStaff)).status).toBe(404);
    // Only the town approves this step: not the prefecture, not the drafter, not another town.
    await step('approve', admin, {}, 403);
    await step('approve', companyA, {}, 403);
    await step('approve', otherStaff, {}, 404);

    const returned = await step('return', staff, { comment: '削減時間の根拠を書いてください。' });
    expect(returned).toMatchObject({ status: 'draft', returnComment: '削減時間の根拠を書いてください。' });
    const back = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'advisor@company-a.example.jp'));
    expect(
      back.some((m) => m.subject.includes('事例の修正依頼') && m.bodyText.includes('削減時間の根拠')),
    ).toBe(true);
    // Once sent, the town keeps seeing it, even returned.
    expect((await call('GET', `/api/cases/${id}`, undefined, staff)).status).toBe(200);
    const noComment = await call('POST', `/api/cases/${id}/return`, { version, comment: '' }, staff);
    expect(noComment.status).toBe(422);
  });

  it('the town approves, then the prefecture publishes; a stale version is a 409', async () => {
    version = (
      await ok(
        'PATCH',
        `/api/cases/${id}`,
        { version, effect: '入力作業が年間520時間減った（実測）。' },
        companyA,
      )
    ).version;
    await step('submit', companyA);
    const stale = await call('POST', `/api/cases/${id}/approve`, { version: version - 1 }, head);
    expect(stale.status).toBe(409);
    const byTown = await step('approve', head);
    expect(byTown.status).toBe('awaiting_prefecture');
    await step('approve', head, {}, 403);
    const adminMails = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'admin@pref.example.jp'));
    expect(adminMails.some((m) => m.subject.includes('事例の承認依頼'))).toBe(true);
    expect((await call('GET', `/api/public/cases/${id}`)).status).toBe(404);

    const published = await step('approve', admin);
    expect(published).toMatchObject({ status: 'published', can: { unpublish: true, edit: false } });
    expect(published.publishedAt).not.toBeNull();
    const told = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'advisor@company-a.example.jp'));
    expect(
      told.some((m) => m.subject.includes('事例を公開しました') && m.bodyText.includes(`/cases/${id}`)),
    ).toBe(true);
    const pub = await ok('GET', `/api/public/cases/${id}`, undefined, undefined);
    expect(pub).toMatchObject({ id, title: '公開までの流れ', status: 'published' });
    expect(pub).not.toHaveProperty('returnComment');
    expect(pub).not.toHaveProperty('can');
  });

  it('the prefecture unpublishes: invisible again, and editable for a new round', async () => {
    await step('unpublish', companyA, {}, 403);
    const off = await step('unpublish', admin);
    expect(off).toMatchObject({ status: 'unpublished', can: { edit: true, submit: true } });
    expect((await call('GET', `/api/public/cases/${id}`)).status).toBe(404);
    await step('unpublish', admin, {}, 422);
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'case_study'), eq(auditLog.entityId, id)));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'case_study.create',
        'case_study.update',
        'case_study.submit',
        'case_study.return',
        'case_study.approve_municipality',
        'case_study.publish',
        'case_study.unpublish',
      ]),
    );
  });

  it('lists are scoped: the company sees its own, the council none', async () => {
    const mine = await ok('GET', '/api/cases', undefined, companyA);
    expect(mine.items.every((c: { organizationId: string }) => c.organizationId === companyAOrg)).toBe(true);
    expect(mine.can.create).toBe(true);
    const theirs = await ok('GET', '/api/cases', undefined, companyB);
    expect(theirs.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await call('GET', '/api/cases', undefined, council)).status).toBe(403);
    expect((await call('GET', '/api/cases')).status).toBe(401);
  });
});

describe('the public library', () => {
  const publishedTitles = [
    '電子申請で窓口の待ち時間を短縮',
    'ペーパーレス会議で印刷費を削減',
    'AI-OCRで紙の申請を入力',
  ];
  const hidden = '下書きの事例（公開しない）';
  // Titles unique to this test, searched among whatever the demo seed publishes.
  it('finds only published cases, by words, area, region, kind, menu and year', async () => {
    const projectIn = await createSupportProject(db, {
      municipalityId: koriyama,
      organizationId: companyAOrg,
    });
    await insertCase(db, project, {
      status: 'published',
      title: publishedTitles[0],
      effect: '待ち時間が30分から10分に',
    });
    await insertCase(db, projectIn, { status: 'published', title: publishedTitles[1] });
    await insertCase(db, project, { status: 'published', title: publishedTitles[2] });
    await insertCase(db, project, { status: 'awaiting_prefecture', title: hidden });

    const all = await ok(
      'GET',
      `/api/public/cases?q=${encodeURIComponent('待ち時間')}`,
      undefined,
      undefined,
    );
    expect(all.items.map((c: { title: string }) => c.title)).toContain(publishedTitles[0]);
    expect(all.prefecture).toMatchObject({ code: '07', name: '福島県' });
    const twoWords = await ok(
      'GET',
      `/api/public/cases?q=${encodeURIComponent('待ち時間　30分')}`,
      undefined,
      undefined,
    );
    expect(twoWords.items.map((c: { title: string }) => c.title)).toEqual([publishedTitles[0]]);
    const none = await ok(
      'GET',
      `/api/public/cases?q=${encodeURIComponent('下書きの事例')}`,
      undefined,
      undefined,
    );
    expect(none.total).toBe(0);
    // A wildcard typed by the visitor is literal.
    expect((await ok('GET', '/api/public/cases?q=%25%25', undefined, undefined)).total).toBe(0);

    const [aizu] = await db.select().from(regions).where(eq(regions.name, '会津'));
    const inAizu = await ok('GET', `/api/public/cases?regionId=${aizu!.id}`, undefined, undefined);
    expect(
      inAizu.items.every(
        (c: { municipality: { region: { name: string } } }) => c.municipality.region.name === '会津',
      ),
    ).toBe(true);
    const titlesIn = (body: { items: { title: string }[] }) => body.items.map((c) => c.title);
    expect(titlesIn(inAizu)).toContain(publishedTitles[0]);
    expect(titlesIn(inAizu)).not.toContain(publishedTitles[1]);
    const cities = await ok('GET', '/api/public/cases?kind=city', undefined, undefined);
    expect(titlesIn(cities)).toContain(publishedTitles[1]);
    expect(titlesIn(cities)).not.toContain(publishedTitles[0]);
    const area = await ok(
      'GET',
      '/api/public/cases?area=online_procedures&fiscalYear=2024',
      undefined,
      undefined,
    );
    expect(
      area.items.every((c: { challengeAreas: string[] }) => c.challengeAreas.includes('online_procedures')),
    ).toBe(true);
    expect(titlesIn(area)).toContain(publishedTitles[0]);
    expect(
      titlesIn(await ok('GET', '/api/public/cases?fiscalYear=2023', undefined, undefined)),
    ).not.toContain(publishedTitles[0]);
    const byMenu = await ok(
      'GET',
      `/api/public/cases?menuId=${project.menuProposalId}`,
      undefined,
      undefined,
    );
    expect(byMenu.items.every((c: { menu: { id: string } }) => c.menu?.id === project.menuProposalId)).toBe(
      true,
    );
    expect(titlesIn(byMenu)).toEqual(expect.arrayContaining([publishedTitles[0], publishedTitles[2]]));
    expect(all.facets.fiscalYears).toContain(2024);
    expect(all.facets.regions.map((r: { name: string }) => r.name)).toContain('会津');
  });

  it('bounds the query: long text is a field error, pages are 20, beyond the end is empty', async () => {
    const long = await call('GET', `/api/public/cases?q=${'あ'.repeat(101)}`);
    expect(long.status).toBe(422);
    expect(long.body.error.fields[0].path).toEqual(['query', 'q']);
    const first = await ok('GET', '/api/public/cases', undefined, undefined);
    expect(first.pageSize).toBe(20);
    expect(first.items.length).toBeLessThanOrEqual(20);
    const far = await ok('GET', '/api/public/cases?page=1000', undefined, undefined);
    expect(far.items).toEqual([]);
    expect(far.total).toBe(first.total);
    expect((await call('GET', '/api/public/cases?prefecture=99')).status).toBe(404);
  });

  it('the collection and the workbook hold every published case and nothing else', async () => {
    const collection = await ok('GET', '/api/public/cases/collection', undefined, undefined);
    const titles = collection.items.map((c: { title: string }) => c.title);
    expect(titles).toEqual(expect.arrayContaining(publishedTitles));
    expect(titles).not.toContain(hidden);
    const publishedCount = (
      await db.select({ id: caseStudies.id }).from(caseStudies).where(eq(caseStudies.status, 'published'))
    ).length;
    expect(collection.items).toHaveLength(publishedCount);

    const res = await ctx.request('GET', '/api/public/cases/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const sheet = await readTabularFile(new Uint8Array(await res.arrayBuffer()), 'cases.xlsx');
    expect(sheet.headers).toEqual(expect.arrayContaining(['題名', '市町村', '効果', '費用（千円）', '例示']));
    expect(sheet.records).toHaveLength(publishedCount);
    expect(sheet.records.map((r) => r.題名)).not.toContain(hidden);
  });
});
