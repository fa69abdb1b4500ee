import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { FiscalYearDetail } from '../../../shared/schemas/fiscal-years';
import { auditLog, domainEvents, mailOutbox, organizations, supportProjects, users } from '../../db/schema';
import type { Actor } from '../../platform/context';
import { createTestContext, testServiceDeps } from '../../testing/harness';
import { applicationTasks } from './applications.home-tasks';
import { closeRound, createOpenCallYear, reopenRound } from '../../testing/applications-fixtures';

const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const head = await ctx.sessionCookieFor('mayor@nishiaizu.example.jp');
const otherStaff = await ctx.sessionCookieFor('dx@koriyama.example.jp');
const companyA = await ctx.sessionCookieFor('advisor@company-a.example.jp');
const companyB = await ctx.sessionCookieFor('advisor@company-b.example.jp');
const council = await ctx.sessionCookieFor('secretariat@council.example.jp');

async function call(method: string, path: string, body?: unknown, cookie = admin) {
  const res = await ctx.request(method, path, { cookie, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function ok(method: string, path: string, body: unknown, cookie: string, status = 200) {
  const res = await call(method, path, body, cookie);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const [companyAOrg] = await db
  .select({ id: organizations.id })
  .from(organizations)
  .where(eq(organizations.name, 'デモ情報システム株式会社'));
const year = await createOpenCallYear(db, { companyAOrgId: companyAOrg!.id, budgetThousandYen: 2_000 });
const [menuA, menuB, menuC] = year.menuIds as [string, string, string];

const contact = { contactName: '担当 花子', contactEmail: 'dx@nishiaizu.example.jp' };

describe('the whole flow: call → applications → runs → approval → publication', () => {
  // Shared along the flow, in order.
  let callId = '';
  type Row = { id: string; version: number; status?: string };
  let first: Row;
  let second: Row;
  let proxied: Row;
  let late: Row;
  let run1 = '';
  let run2 = '';

  it('the admin opens the call of the program; a second call on it is a conflict', async () => {
    const created = await ok(
      'POST',
      '/api/calls',
      { programId: year.programId, maxChoices: 2, headConfirmationRequired: true },
      admin,
      201,
    );
    expect(created).toMatchObject({
      state: 'open',
      maxChoices: 2,
      maxProjectsPerMunicipality: 2,
      budgetThousandYen: 2_000,
      headConfirmationRequired: true,
      can: { update: true, applyAsProxy: true, run: true },
    });
    expect(created.rounds).toHaveLength(1);
    expect(created.rounds[0].open).toBe(true);
    callId = created.id;
    expect((await call('POST', '/api/calls', { programId: year.programId })).status).toBe(409);
    const asStaff = await ok('GET', `/api/calls?fiscalYearId=${year.fiscalYearId}`, undefined, staff);
    expect(asStaff.items[0].can).toMatchObject({
      apply: true,
      applyAsProxy: false,
      run: false,
      update: false,
    });
    expect((await call('POST', '/api/calls', { programId: year.programId }, staff)).status).toBe(403);
  });

  it('refuses choices outside the catalog or beyond the limit, field by field', async () => {
    const tooMany = await call(
      'POST',
      `/api/calls/${callId}/applications`,
      { menuIds: [menuA, menuB, menuC], ...contact },
      staff,
    );
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.fields[0]).toMatchObject({ path: ['menuIds'], code: 'too_many' });
    expect(tooMany.body.error.fields[0].ja).toContain('2件');
    const foreign = await call(
      'POST',
      `/api/calls/${callId}/applications`,
      { menuIds: [menuA, '00000000-0000-4000-8000-000000000000'], ...contact },
      staff,
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.fields[0]).toMatchObject({ path: ['menuIds', 1], code: 'not_in_catalog' });
    const backwards = await call(
      'POST',
      `/api/calls/${callId}/applications`,
      { menuIds: [menuA], desiredStartMonth: '2026-10', desiredEndMonth: '2026-07', ...contact },
      staff,
    );
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.fields[0]).toMatchObject({ path: ['desiredEndMonth'], code: 'period_order' });
  });

  it('town staff draft and submit; the head confirms', async () => {
    const prefill = await ok('GET', `/api/calls/${callId}/prefill`, undefined, staff);
    expect(prefill).toHaveProperty('challenge');
    const draft = await ok(
      'POST',
      `/api/calls/${callId}/applications`,
      { menuIds: [menuB, menuC], challenge: '窓口業務の負担軽減', ...contact },
      staff,
      201,
    );
    expect(draft).toMatchObject({ status: 'draft', municipalityName: '西会津町', proxiedByName: null });
    expect(draft.choices.map((c: { rank: number; menuId: string }) => [c.rank, c.menuId])).toEqual([
      [1, menuB],
      [2, menuC],
    ]);
    const submitted = await ok(
      'POST',
      `/api/applications/${draft.id}/submit`,
      { version: draft.version },
      staff,
    );
    expect(submitted.status).toBe('awaiting_head');
    // The staff cannot confirm; the head can.
    expect(
      (await call('POST', `/api/applications/${draft.id}/confirm`, { version: submitted.version }, staff))
        .status,
    ).toBe(403);
    const confirmed = await ok(
      'POST',
      `/api/applications/${draft.id}/confirm`,
      { version: submitted.version },
      head,
    );
    expect(confirmed).toMatchObject({ status: 'submitted', confirmedByName: expect.any(String) });
    expect(confirmed.submittedAt).not.toBeNull();
    first = confirmed;

    const d2 = await ok(
      'POST',
      `/api/calls/${callId}/applications`,
      { menuIds: [menuC], challenge: '庁内ペーパーレス化', ...contact },
      staff,
      201,
    );
    const s2 = await ok('POST', `/api/applications/${d2.id}/submit`, { version: d2.version }, staff);
    second = await ok('POST', `/api/applications/${d2.id}/confirm`, { version: s2.version }, head);
    expect(second.status).toBe('submitted');
  });

  it('a stale version is a 409 carrying the current record', async () => {
    const stale = await call('POST', `/api/applications/${first.id}/withdraw`, { version: 1 }, staff);
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id: first.id, version: first.version });
    const current = await ok('GET', `/api/calls/${callId}`, undefined, admin);
    const staleCall = await call('PATCH', `/api/calls/${callId}`, {
      version: current.version + 5,
      maxChoices: 3,
    });
    expect(staleCall.status).toBe(409);
  });

  it('the prefecture drafts for a short-staffed town, which submits it itself', async () => {
    const current = await ok('GET', `/api/calls/${callId}`, undefined, admin);
    // Koriyama has no head account: the admin lifts the confirmation step.
    const patched = await ok(
      'PATCH',
      `/api/calls/${callId}`,
      { version: current.version, headConfirmationRequired: false },
      admin,
    );
    expect(patched).toMatchObject({ headConfirmationRequired: false, version: current.version + 1 });
    const noTown = await call('POST', `/api/calls/${callId}/applications`, { menuIds: [menuA], ...contact });
    expect(noTown.status).toBe(422);
    expect(noTown.body.error.fields[0].path).toEqual(['municipalityId']);
    const koriyama = await ok('GET', '/api/municipalities', undefined, admin).then(
      (r: { items: { id: string; name: string }[] }) => r.items.find((m) => m.name === '郡山市')!.id,
    );
    const draft = await ok(
      'POST',
      `/api/calls/${callId}/applications`,
      {
        municipalityId: koriyama,
        menuIds: [menuA],
        challenge: '代理入力',
        contactName: '郡山 太郎',
        contactEmail: 'dx@koriyama.example.jp',
      },
      admin,
      201,
    );
    expect(draft.proxiedByName).not.toBeNull();
    // The admin cannot submit on the town's behalf; another town cannot even see it.
    expect(
      (await call('POST', `/api/applications/${draft.id}/submit`, { version: draft.version })).status,
    ).toBe(403);
    expect((await call('GET', `/api/applications/${draft.id}`, undefined, staff)).status).toBe(404);
    proxied = await ok(
      'POST',
      `/api/applications/${draft.id}/submit`,
      { version: draft.version },
      otherStaff,
    );
    expect(proxied.status).toBe('submitted');
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, draft.id), eq(auditLog.action, 'application.create')));
    expect(entry?.onBehalfOf).toBe(koriyama);
  });

  it('a town lists only its own applications', async () => {
    const mine = await ok('GET', `/api/calls/${callId}/applications`, undefined, staff);
    expect(mine.items.map((a: { id: string }) => a.id).sort()).toEqual([first.id, second.id].sort());
    const all = await ok('GET', `/api/calls/${callId}/applications`, undefined, admin);
    expect(all.items).toHaveLength(3);
    expect((await call('GET', `/api/calls/${callId}/applications`, undefined, companyA)).status).toBe(403);
  });

  it('after the deadline a submission is refused with a field error, and nothing changes', async () => {
    // Before the deadline a town may still withdraw.
    const spare = await ok(
      'POST',
      `/api/calls/${callId}/applications`,
      { menuIds: [menuA], challenge: '取下げ予定', ...contact },
      staff,
      201,
    );
    expect(spare.can.withdraw).toBe(true);
    const gone = await ok('POST', `/api/applications/${spare.id}/withdraw`, { version: spare.version }, head);
    expect(gone.status).toBe('withdrawn');
    late = await ok(
      'POST',
      `/api/calls/${callId}/applications`,
      { menuIds: [menuA], challenge: '締切後', ...contact },
      staff,
      201,
    );
    await closeRound(db, year.phaseId);
    const refused = await call(
      'POST',
      `/api/applications/${late.id}/submit`,
      { version: late.version },
      staff,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('DEADLINE_PASSED');
    expect(refused.body.error.fields[0]).toMatchObject({ code: 'deadline_passed' });
    expect(refused.body.error.fields[0].en).toContain('deadline');
    const edit = await call(
      'PATCH',
      `/api/applications/${late.id}`,
      { version: late.version, challenge: 'x' },
      staff,
    );
    expect(edit.status).toBe(422);
    expect((await ok('GET', `/api/applications/${late.id}`, undefined, staff)).status).toBe('draft');
    expect((await ok('GET', `/api/calls/${callId}`, undefined, admin)).state).toBe('closed');
  });

  it('a run is queued, solved by the job, and explains every application', async () => {
    const queued = await ok(
      'POST',
      `/api/calls/${callId}/runs`,
      { label: '既定の重み', seed: 7 },
      admin,
      202,
    );
    expect(queued).toMatchObject({ status: 'queued', seed: 7, budgetThousandYen: 2_000, totals: null });
    run1 = queued.id;
    // First step only: the result and every reason, the counterfactuals still to come.
    await ctx.services.applications.solveRun({ now: new Date(), logger: pino({ level: 'silent' }) }, run1);
    const solved = await ok('GET', `/api/runs/${run1}`, undefined, admin);
    expect(solved).toMatchObject({ status: 'done', counterfactualsPending: true });
    expect(solved.explanations).toHaveLength(3);
    expect(solved.explanations.every((e: { counterfactual: unknown }) => e.counterfactual === null)).toBe(
      true,
    );
    const early = await call('POST', `/api/runs/${run1}/approve`, { version: solved.version }, admin);
    expect(early.status).toBe(422);
    expect(early.body.error.fields[0].code).toBe('counterfactuals_pending');
    // The second step was queued with the first: draining the jobs adds them.
    await ctx.runJobs();
    const run = await ok('GET', `/api/runs/${run1}`, undefined, admin);
    expect(run.counterfactualsPending).toBe(false);
    expect(run).toMatchObject({
      status: 'done',
      solverStatus: 'optimal',
      totals: { projects: 2, municipalities: 2 },
    });
    expect(run.totals.costThousandYen).toBeLessThanOrEqual(2_000);
    expect(run.greedyTotals).not.toBeNull();
    expect(run.applications).toHaveLength(3); // the late draft takes no part
    expect(run.explanations).toHaveLength(3);
    // Koriyama's only choice is menu A: it is selected, and one of Nishiaizu's two.
    expect(run.selections.find((s: { menuId: string }) => s.menuId === menuA).applicationId).toBe(proxied.id);
    const loser = run.explanations.find((e: { outcome: string }) => e.outcome === 'not_selected');
    expect([first.id, second.id]).toContain(loser.applicationId);
    expect(loser.reasons.map((r: { code: string }) => r.code)).toContain('budget_exhausted');
    for (const r of loser.reasons) {
      expect(r.ja.length).toBeGreaterThan(0);
      expect(r.en.length).toBeGreaterThan(0);
    }
    expect(loser.counterfactual.budgetIncreaseThousandYen).toBe(1_000);
    expect(loser.counterfactual.text.ja).toContain('1,000千円');
    // Before publication nobody outside the prefecture sees a result.
    const own = await ok('GET', `/api/applications/${loser.applicationId}`, undefined, staff);
    expect(own.result).toBeNull();
    expect((await call('GET', `/api/runs/${run1}`, undefined, staff)).status).toBe(403);
  });

  it('excluding an application by hand and re-running changes the result', async () => {
    const current = await ok('GET', `/api/applications/${proxied.id}`, undefined, admin);
    const stale = await call('PUT', `/api/applications/${proxied.id}/lock`, {
      version: current.version + 1,
      lock: { kind: 'exclude' },
      reason: '辞退の申し出',
    });
    expect(stale.status).toBe(409);
    const locked = await ok(
      'PUT',
      `/api/applications/${proxied.id}/lock`,
      { version: current.version, lock: { kind: 'exclude' }, reason: '辞退の申し出' },
      admin,
    );
    expect(locked.lock).toEqual({ kind: 'exclude', menuId: null, reason: '辞退の申し出' });
    // A town never sees the lock.
    expect((await ok('GET', `/api/applications/${proxied.id}`, undefined, otherStaff)).lock).toBeNull();
    run2 = (await ok('POST', `/api/calls/${callId}/runs`, { label: '郡山市を除外', seed: 7 }, admin, 202)).id;
    await ctx.runJobs();
    const run = await ok('GET', `/api/runs/${run2}`, undefined, admin);
    expect(run.status).toBe('done');
    const selected = run.selections.map((s: { applicationId: string }) => s.applicationId).sort();
    expect(selected).toEqual([first.id, second.id].sort());
    const excluded = run.explanations.find((e: { applicationId: string }) => e.applicationId === proxied.id);
    expect(excluded.reasons.map((r: { code: string }) => r.code)).toEqual(['excluded_by_admin']);
    const runs = await ok('GET', `/api/calls/${callId}/runs`, undefined, admin);
    expect(runs.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([run1, run2]));
    // Lifted again, so that the first run is what gets published.
    const relocked = await ok(
      'PUT',
      `/api/applications/${proxied.id}/lock`,
      { version: locked.version, lock: { kind: 'none' }, reason: '' },
      admin,
    );
    expect(relocked.lock).toBeNull();
  });

  it('one run is approved per call, then published: statuses, projects, mails, event', async () => {
    const r1 = await ok('GET', `/api/runs/${run1}`, undefined, admin);
    expect((await call('POST', `/api/runs/${run1}/approve`, { version: r1.version + 1 })).status).toBe(409);
    expect((await call('POST', `/api/runs/${run1}/publish`, { version: r1.version })).status).toBe(422);
    const approved = await ok('POST', `/api/runs/${run1}/approve`, { version: r1.version }, admin);
    expect(approved.status).toBe('approved');
    const r2 = await ok('GET', `/api/runs/${run2}`, undefined, admin);
    const second2 = await call('POST', `/api/runs/${run2}/approve`, { version: r2.version });
    expect(second2.status).toBe(422);
    expect(second2.body.error.fields[0].code).toBe('already_approved');
    expect((await ok('GET', `/api/calls/${callId}`, undefined, admin)).state).toBe('approved');

    const published = await ok('POST', `/api/runs/${run1}/publish`, { version: approved.version }, admin);
    expect(published.status).toBe('published');
    const callNow = await ok('GET', `/api/calls/${callId}`, undefined, admin);
    expect(callNow).toMatchObject({ state: 'published', publishedRunId: run1 });

    const projects = await db.select().from(supportProjects).where(eq(supportProjects.allocationRunId, run1));
    expect(projects).toHaveLength(2);
    expect(projects.every((p) => p.status === 'planned' && p.source === 'allocation')).toBe(true);
    const apps = await ok('GET', `/api/calls/${callId}/applications`, undefined, admin);
    const statuses = Object.fromEntries(
      apps.items.map((a: { id: string; status: string }) => [a.id, a.status]),
    );
    expect(statuses[proxied.id]).toBe('selected');
    expect([statuses[first.id], statuses[second.id]].sort()).toEqual(['not_selected', 'selected']);
    expect(statuses[late.id]).toBe('draft');

    const mails = await db
      .select()
      .from(mailOutbox)
      .where(
        inArray(mailOutbox.toAddress, [
          'dx@nishiaizu.example.jp',
          'mayor@nishiaizu.example.jp',
          'dx@koriyama.example.jp',
          'advisor@company-a.example.jp',
        ]),
      );
    const toTown = mails.filter(
      (m) => m.toAddress === 'dx@koriyama.example.jp' && m.subject.includes('支援先決定'),
    );
    expect(toTown).toHaveLength(1);
    expect(toTown[0]!.bodyText).toContain(`/applications/${proxied.id}`);
    expect(toTown[0]!.bodyText).toContain('採択');
    const nishiaizuMails = mails.filter(
      (m) => m.toAddress.endsWith('@nishiaizu.example.jp') && m.subject.includes('支援先決定'),
    );
    expect(nishiaizuMails.length).toBeGreaterThanOrEqual(4); // two applications × staff and head
    for (const m of nishiaizuMails) expect(m.bodyText).not.toContain('郡山市');
    const toCompany = mails.filter(
      (m) => m.toAddress === 'advisor@company-a.example.jp' && m.subject.includes('支援先'),
    );
    expect(toCompany).toHaveLength(1);
    expect(toCompany[0]!.bodyText).toContain('/support-projects');
    expect(toCompany[0]!.bodyText).toContain('郡山市');
    const events = await db
      .select()
      .from(domainEvents)
      .where(eq(domainEvents.type, 'applications.published'));
    expect(events.some((e) => e.payload.runId === run1)).toBe(true);

    // Published: nothing more to run or lock.
    expect((await call('POST', `/api/calls/${callId}/runs`, { label: '再計算' })).status).toBe(422);
  });

  it('a town reads its own result in plain words, without other towns’ names', async () => {
    const apps = await ok('GET', `/api/calls/${callId}/applications`, undefined, staff);
    const lost = apps.items.find((a: { status: string }) => a.status === 'not_selected');
    expect(lost.result).toMatchObject({ outcome: 'not_selected', applicationId: lost.id });
    expect(lost.result.reasons.length).toBeGreaterThan(0);
    expect(lost.result.counterfactual.budgetIncreaseThousandYen).toBe(1_000);
    for (const d of lost.result.counterfactual.displaced)
      expect(d).toEqual({ applicationId: '', municipalityName: '' });
    expect(JSON.stringify(lost.result)).not.toContain('郡山市');
    const won = apps.items.find((a: { status: string }) => a.status === 'selected');
    expect(won.result).toMatchObject({ outcome: 'selected' });
    expect((await call('GET', `/api/applications/${proxied.id}`, undefined, staff)).status).toBe(404);
    // The prefecture sees the names.
    const asAdmin = await ok('GET', `/api/applications/${lost.id}`, undefined, admin);
    expect(asAdmin.result.outcome).toBe('not_selected');
  });

  it('companies see the projects of their own menus only; towns their own; the council all', async () => {
    const q = `/api/support-projects?fiscalYearId=${year.fiscalYearId}`;
    const a = await ok('GET', q, undefined, companyA);
    expect(a.items.map((p: { menuId: string }) => p.menuId)).toEqual([menuA]);
    expect(a.items[0]).toMatchObject({ municipalityName: '郡山市', status: 'planned', source: 'allocation' });
    const b = await ok('GET', q, undefined, companyB);
    expect(b.items.map((p: { menuId: string }) => p.menuId)).not.toContain(menuA);
    const town = await ok('GET', q, undefined, staff);
    expect(town.items.map((p: { municipalityName: string }) => p.municipalityName)).toEqual(['西会津町']);
    expect((await ok('GET', q, undefined, council)).items).toHaveLength(2);
    expect(
      (await call('GET', q, undefined, await ctx.sessionCookieFor('reviewer@pref.example.jp'))).status,
    ).toBe(403);
  });

  it('the planner counts the years each town was supported and who never was', async () => {
    const callNowYear = (await ok('GET', `/api/calls/${callId}`, undefined, admin)).fiscalYear;
    const plan = await ok(
      'GET',
      `/api/calls/${callId}/planner?budgetThousandYen=10000&averageCostThousandYen=1000&totalCapacity=4`,
      undefined,
      council,
    );
    expect(plan).toMatchObject({
      budgetThousandYen: 10_000,
      averageCostThousandYen: 1_000,
      totalCapacity: 4,
    });
    expect(plan.projectsPerYear).toBe(4);
    expect(plan.municipalities).toHaveLength(59);
    // The call is published, so its year is decided and the what-if starts the year after.
    expect(plan.fromYear).toBe(callNowYear + 1);
    const never = plan.municipalities.filter((m: { supportedYears: number[] }) =>
      m.supportedYears.every((y) => y >= plan.fromYear),
    );
    expect(plan.neverSupported.sort()).toEqual(
      never.map((m: { municipalityId: string }) => m.municipalityId).sort(),
    );
    expect(plan.yearsUntilAllSupported).toBe(never.length === 0 ? 0 : Math.ceil(never.length / 4));
    const koriyama = plan.municipalities.find((m: { name: string }) => m.name === '郡山市');
    expect(koriyama.supportedYears).toContain(callNowYear);
    expect(plan.neverSupported).not.toContain(koriyama.municipalityId);
    const byBudget = await ok(
      'GET',
      `/api/calls/${callId}/planner?budgetThousandYen=2500&averageCostThousandYen=1000&totalCapacity=100`,
      undefined,
      admin,
    );
    expect(byBudget.projectsPerYear).toBe(2);
    expect((await call('GET', `/api/calls/${callId}/planner`, undefined, staff)).status).toBe(403);
  });

  it('once decided, applications no longer move, even with the round open again', async () => {
    await reopenRound(db, year.phaseId);
    const cur = await ok('GET', `/api/applications/${late.id}`, undefined, staff);
    expect(cur.can).toMatchObject({ withdraw: false, submit: false, update: false });
    const refused = await call(
      'POST',
      `/api/applications/${late.id}/withdraw`,
      { version: cur.version },
      staff,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0].code).toBe('decided');
  });
});

describe('history import', () => {
  const header = '年度,市町村コード,市町村名,支援内容,事業者名,費用（千円）';
  function csvFile(lines: string[], bom = true) {
    const form = new FormData();
    const text = `${bom ? '\uFEFF' : ''}${[header, ...lines].join('\r\n')}\r\n`;
    form.append('file', new Blob([text], { type: 'text/csv' }), 'history.csv');
    return form;
  }
  async function upload(form: FormData, query = '', cookie = admin) {
    const res = await ctx.request('POST', `/api/support-projects/import${query}`, { cookie, body: form });
    return { status: res.status, body: await res.json() };
  }
  const count = async () =>
    (await db.select().from(supportProjects).where(eq(supportProjects.source, 'import'))).length;

  it('a good CSV with a BOM: dry run validates, the import stores every row', async () => {
    const before = await count();
    const lines = [
      '2023,074055,西会津町,RPA導入支援,デモ情報システム株式会社,"1,200"',
      '令和5,07203,郡山市,BPR伴走支援,サンプル社,',
    ];
    const dry = await upload(csvFile(lines), '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ dryRun: true, imported: 2, errors: [] });
    expect(await count()).toBe(before);
    const done = await upload(csvFile(lines));
    expect(done.body).toEqual({ dryRun: false, imported: 2, errors: [] });
    expect(await count()).toBe(before + 2);
    const listed = await ok('GET', '/api/support-projects', undefined, staff);
    expect(
      listed.items.some(
        (p: { title: string; costThousandYen: number }) =>
          p.title === 'RPA導入支援' && p.costThousandYen === 1200,
      ),
    ).toBe(true);
  });

  it('one bad row: nothing is imported, every wrong cell is reported in ja and en', async () => {
    const before = await count();
    const res = await upload(
      csvFile(['2023,074055,西会津町,RPA導入支援,デモ社,100', '2023,999999,どこか,内容,会社,abc'], false),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_REJECTED');
    const paths = res.body.error.fields.map((f: { path: unknown[] }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['rows', 3, '市町村コード'],
        ['rows', 3, '費用（千円）'],
      ]),
    );
    expect(res.body.error.fields.every((f: { ja: string; en: string }) => f.ja && f.en)).toBe(true);
    expect(await count()).toBe(before);
    const dry = await upload(csvFile(['1999,074055,西会津町,内容,会社,1']), '?dryRun=true');
    expect(dry.body.imported).toBe(0);
    expect(dry.body.errors[0]).toMatchObject({ row: 2, column: '年度' });
  });

  it('reads an xlsx workbook, and only the admin may import', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('履歴');
    ws.addRow(header.split(','));
    ws.addRow([2022, '074055', '西会津町', 'セキュリティ研修', 'デモ情報システム株式会社', 800]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await wb.xlsx.writeBuffer())]), 'history.xlsx');
    const res = await upload(form);
    expect(res.body).toEqual({ dryRun: false, imported: 1, errors: [] });
    expect((await upload(csvFile(['2023,074055,西会津町,x,y,1']), '', staff)).status).toBe(403);
  });
});

describe('home tasks and an empty run', () => {
  async function actorOf(email: string): Promise<Actor> {
    const [u] = await db.select().from(users).where(eq(users.email, email));
    const [org] = await db.select().from(organizations).where(eq(organizations.id, u!.organizationId));
    return {
      userId: u!.id,
      prefectureId: u!.prefectureId,
      organizationId: org!.id,
      organizationKind: org!.kind as Actor['organizationKind'],
      municipalityId: org!.municipalityId,
      roles: u!.roles as Actor['roles'],
      email: u!.email,
      displayName: u!.displayName,
    };
  }
  async function tasksOf(email: string, fiscalYearId: string, now = new Date()) {
    const actor = await actorOf(email);
    const deps = testServiceDeps(db);
    return applicationTasks({
      actor,
      now,
      request: { actor, requestId: 't', locale: 'ja', ipAddress: null, userAgent: null, now },
      fiscalYear: { id: fiscalYearId } as FiscalYearDetail,
      deps,
    });
  }

  it('staff are asked to apply while open; the head to confirm; the admin to decide, then to publish', async () => {
    const y = await createOpenCallYear(db, { companyAOrgId: companyAOrg!.id });
    const created = await ok(
      'POST',
      '/api/calls',
      { programId: y.programId, headConfirmationRequired: true },
      admin,
      201,
    );
    const open = await tasksOf('dx@nishiaizu.example.jp', y.fiscalYearId);
    expect(open.map((t) => t.kind)).toEqual(['application_open_call']);
    expect(open[0]!.dueAt).toBe(created.rounds[0].closesAt);
    expect(open[0]!.href).toBe(`/calls/${created.id}/apply`);
    const d = await ok(
      'POST',
      `/api/calls/${created.id}/applications`,
      { menuIds: [y.menuIds[0]], challenge: '課題', ...contact },
      staff,
      201,
    );
    await ok('POST', `/api/applications/${d.id}/submit`, { version: d.version }, staff);
    expect((await tasksOf('dx@nishiaizu.example.jp', y.fiscalYearId)).map((t) => t.kind)).toEqual([]);
    const headTasks = await tasksOf('mayor@nishiaizu.example.jp', y.fiscalYearId);
    expect(headTasks.map((t) => [t.kind, t.href])).toEqual([
      ['application_awaiting_head', `/applications/${d.id}`],
    ]);
    // While the call is open the admin follows what came in: the head has not confirmed, so none yet.
    expect(
      (await tasksOf('admin@pref.example.jp', y.fiscalYearId)).map((t) => [t.kind, t.href, t.title.ja]),
    ).toEqual([
      ['application_call_open', `/calls/${created.id}`, expect.stringMatching(/公募を受付中：申請0件$/)],
    ]);
    await closeRound(db, y.phaseId);
    expect((await tasksOf('admin@pref.example.jp', y.fiscalYearId)).map((t) => t.kind)).toEqual([
      'allocation_to_approve',
    ]);
    // Nothing was submitted: the run is solved all the same, with nothing to give.
    const run = await ok('POST', `/api/calls/${created.id}/runs`, { label: '空', seed: 1 }, admin, 202);
    await ctx.runJobs();
    const solved = await ok('GET', `/api/runs/${run.id}`, undefined, admin);
    expect(solved).toMatchObject({ status: 'done', totals: { projects: 0, municipalities: 0 } });
    expect(solved.explanations).toEqual([]);
    await ok('POST', `/api/runs/${run.id}/approve`, { version: solved.version }, admin);
    const after = await tasksOf('admin@pref.example.jp', y.fiscalYearId);
    expect(after.map((t) => [t.kind, t.href])).toEqual([['allocation_to_publish', `/runs/${run.id}`]]);
  });
});

describe('contradictory locks', () => {
  it('a run whose locks cannot all hold is stored as infeasible, explained, and cannot be approved', async () => {
    const y = await createOpenCallYear(db, { companyAOrgId: companyAOrg!.id, capacities: [1, 1, 1] });
    const created = await ok(
      'POST',
      '/api/calls',
      { programId: y.programId, maxProjectsPerMunicipality: 1 },
      admin,
      201,
    );
    const locked: string[] = [];
    for (const menuId of y.menuIds.slice(0, 2)) {
      const d = await ok(
        'POST',
        `/api/calls/${created.id}/applications`,
        { menuIds: [menuId], challenge: '二件とも', ...contact },
        staff,
        201,
      );
      const s = await ok('POST', `/api/applications/${d.id}/submit`, { version: d.version }, staff);
      const l = await ok(
        'PUT',
        `/api/applications/${d.id}/lock`,
        { version: s.version, lock: { kind: 'include', menuId }, reason: '必ず支援' },
        admin,
      );
      expect(l.lock).toEqual({ kind: 'include', menuId, reason: '必ず支援' });
      locked.push(d.id);
    }
    // One project per town, but both of the town's applications forced in.
    const run = await ok('POST', `/api/calls/${created.id}/runs`, { label: '矛盾', seed: 3 }, admin, 202);
    await ctx.runJobs();
    const solved = await ok('GET', `/api/runs/${run.id}`, undefined, admin);
    expect(solved).toMatchObject({ status: 'done', solverStatus: 'infeasible', selections: [] });
    expect(solved.explanations.map((e: { reasons: { code: string }[] }) => e.reasons[0]!.code)).toEqual([
      'no_feasible_allocation',
      'no_feasible_allocation',
    ]);
    await closeRound(db, y.phaseId);
    const refused = await call('POST', `/api/runs/${run.id}/approve`, { version: solved.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0].code).toBe('not_solved');
  });
});
