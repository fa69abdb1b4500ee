import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jstDate } from '../../../shared/fiscal-year';
import {
  auditLog,
  domainEvents,
  fiscalYears,
  mailOutbox,
  menuProposals,
  municipalities,
  organizations,
  projectActivities,
  projectAttachments,
  projectEvaluations,
  supportProjects,
  surveys,
} from '../../db/schema';
import { sniffFileType } from '../../platform/file-types';
import { createTestContext } from '../../testing/harness';
import { reportDueOn } from './projects.records';

const uploadsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kk-projects-'));
const ctx = await createTestContext({ uploadsDir });
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const otherStaff = await ctx.sessionCookieFor('dx@koriyama.example.jp');
const companyA = await ctx.sessionCookieFor('advisor@company-a.example.jp');
const companyB = await ctx.sessionCookieFor('advisor@company-b.example.jp');
const council = await ctx.sessionCookieFor('secretariat@council.example.jp');
const reviewer = await ctx.sessionCookieFor('reviewer@pref.example.jp');

async function call(method: string, url: string, body?: unknown, cookie = admin) {
  const res = await ctx.request(method, url, { cookie, body });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: parsed as any, headers: res.headers };
}
async function ok(method: string, url: string, body: unknown, cookie: string, status = 200) {
  const res = await call(method, url, body, cookie);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

// A project of FY2024 (its dates are in the past, as sessions must be) for 西会津町 on a menu of
// company A with its own planned effort: 20 hours, 2 onsite days.
const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
const [town] = await db.select().from(municipalities).where(eq(municipalities.name, '西会津町'));
const [orgA] = await db
  .select()
  .from(organizations)
  .where(eq(organizations.name, 'デモ情報システム株式会社'));
const [template] = await db
  .select()
  .from(menuProposals)
  .where(and(eq(menuProposals.fiscalYearId, fy!.id), eq(menuProposals.organizationId, orgA!.id)))
  .limit(1);
const [menu] = await db
  .insert(menuProposals)
  .values({
    ...template!,
    id: undefined,
    title: '試験用メニュー',
    plannedHours: 20,
    onsiteDays: 2,
    version: 1,
  })
  .returning();

async function newProject(title: string) {
  const [row] = await db
    .insert(supportProjects)
    .values({
      prefectureId: fy!.prefectureId,
      fiscalYearId: fy!.id,
      municipalityId: town!.id,
      menuProposalId: menu!.id,
      organizationId: orgA!.id,
      title,
      companyName: 'デモ情報システム株式会社',
      costThousandYen: 1_000,
      status: 'planned',
      source: 'allocation',
    })
    .returning();
  return row!.id;
}

const session = (date: string, mode: 'onsite' | 'online', hours: number) => ({
  date,
  mode,
  hours,
  headCount: 0,
  dxLeadCount: 1,
  staffCount: 3,
  done: '業務の棚卸しを行った',
  nextSteps: '次回までに手順書を作る',
});
const activityCount = async (projectId: string) =>
  (await db.select().from(projectActivities).where(eq(projectActivities.projectId, projectId))).length;

// The year's caps: 3 onsite days and 10 online hours per project; the report is due 10 business days on.
const current = await ok('GET', `/api/project-settings?fiscalYearId=${fy!.id}`, undefined, admin);
await ok(
  'PUT',
  '/api/project-settings',
  {
    fiscalYearId: fy!.id,
    maxOnsiteDays: 3,
    maxOnlineHours: 10,
    reportDueBusinessDays: 10,
    version: current.version,
  },
  admin,
);

describe('the activity ledger and its caps', () => {
  let projectId = '';

  it('the company logs sessions; the running totals warn before a cap, and crossing one is refused', async () => {
    projectId = await newProject('業務改善の伴走支援');
    const first = await ok(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-08-01', 'online', 4),
      companyA,
      201,
    );
    expect(first.usage).toMatchObject({ onlineHours: 4, sessions: 1 });
    expect(first.warnings).toEqual([]);
    // The first session starts the support.
    expect((await ok('GET', `/api/projects/${projectId}`, undefined, companyA)).status).toBe('in_progress');

    const second = await ok(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-08-08', 'online', 4),
      companyA,
      201,
    );
    expect(second.warnings).toMatchObject([{ kind: 'program_online_hours', level: 'near' }]);
    expect(second.warnings[0].ja).toContain('8割');

    const crossing = await call(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-08-15', 'online', 3),
      companyA,
    );
    expect(crossing.status).toBe(422);
    expect(crossing.body.error.fields[0]).toMatchObject({ path: ['hours'], code: 'cap_exceeded' });
    expect(crossing.body.error.fields[0].en).toContain('approve');
    expect(await activityCount(projectId)).toBe(2);

    const reaching = await ok(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-08-15', 'online', 2),
      companyA,
      201,
    );
    expect(reaching.warnings).toMatchObject([{ kind: 'program_online_hours', level: 'reached' }]);
  });

  it('the menu’s onsite days are a cap too; the prefecture’s exceedance approval lets the session in', async () => {
    await ok(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-09-02', 'onsite', 3),
      companyA,
      201,
    );
    const second = await ok(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-09-03', 'onsite', 3),
      companyA,
      201,
    );
    expect(second.warnings.map((w: { kind: string; level: string }) => `${w.kind}:${w.level}`)).toEqual([
      'menu_hours:near',
      'menu_onsite_days:reached',
    ]);
    const third = await call(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-09-04', 'onsite', 2),
      companyA,
    );
    expect(third.status).toBe(422);
    expect(third.body.error.fields[0]).toMatchObject({ path: ['date'], code: 'cap_exceeded' });

    // Only the prefecture approves, with a reason, audited.
    expect(
      (await call('PUT', `/api/projects/${projectId}/exceedance`, { reason: '追加訪問' }, companyA)).status,
    ).toBe(403);
    const approved = await ok(
      'PUT',
      `/api/projects/${projectId}/exceedance`,
      { reason: '庁内説明会の追加開催' },
      admin,
    );
    expect(approved.exceedance).toMatchObject({ reason: '庁内説明会の追加開催' });
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'project_exceedance.approve'));
    expect(audits.some((a) => a.entityId === projectId)).toBe(true);

    const over = await ok(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-09-04', 'onsite', 2),
      companyA,
      201,
    );
    expect(over.warnings).toMatchObject([
      { kind: 'program_onsite_days', level: 'reached' },
      { kind: 'menu_onsite_days', level: 'over' },
    ]);
    const detail = await ok('GET', `/api/projects/${projectId}`, undefined, admin);
    expect(detail.usage).toMatchObject({ onsiteDays: 3, onlineHours: 10, totalHours: 18, sessions: 6 });
    expect(detail.caps.find((c: { kind: string }) => c.kind === 'menu_onsite_days')).toMatchObject({
      limit: 2,
      used: 3,
      level: 'over',
    });
  });

  it('a date outside the fiscal year or the plan’s schedule, and impossible hours, are field errors and change nothing', async () => {
    const before = await activityCount(projectId);
    const outside = await call(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2025-04-01', 'online', 1),
      companyA,
    );
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields[0].path).toEqual(['date']);
    for (const hours of [-1, 0, 24.5, 1.3]) {
      const bad = await call(
        'POST',
        `/api/projects/${projectId}/activities`,
        session('2024-10-01', 'online', hours),
        companyA,
      );
      expect(bad.status, String(hours)).toBe(422);
      expect(bad.body.error.fields[0].path).toEqual(['hours']);
    }
    const impossible = await call(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-02-30', 'online', 1),
      companyA,
    );
    expect(impossible.status).toBe(422);

    // The plan narrows the period: a session before its start is refused.
    const plan = await ok('GET', `/api/projects/${projectId}`, undefined, companyA).then((d) => d.plan);
    const saved = await ok(
      'PUT',
      `/api/projects/${projectId}/plan`,
      {
        goals: 'RPAで定型業務を削減する',
        sessionsPlanned: 6,
        scheduleFrom: '2024-08-01',
        scheduleTo: '2024-12-27',
        advisorProfileIds: [],
        version: plan.version,
      },
      companyA,
    );
    expect(saved.plan).toMatchObject({ sessionsPlanned: 6, scheduleTo: '2024-12-27' });
    const afterSchedule = await call(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2025-01-10', 'online', 1),
      companyA,
    );
    expect(afterSchedule.status).toBe(422);
    expect(afterSchedule.body.error.fields[0].path).toEqual(['date']);
    expect(await activityCount(projectId)).toBe(before);
  });

  it('a session is edited with the same checks: caps re-measured, versioned, audited before/after, only while open', async () => {
    const id = await newProject('窓口業務の見直し支援');
    const first = await ok(
      'POST',
      `/api/projects/${id}/activities`,
      session('2024-08-01', 'online', 4),
      companyA,
      201,
    );
    await ok('POST', `/api/projects/${id}/activities`, session('2024-08-08', 'online', 4), companyA, 201);
    const url = `/api/project-activities/${first.activity.id}`;
    const edit = (changes: Record<string, unknown>, version = 1) => ({
      ...session('2024-08-01', 'online', 4),
      ...changes,
      version,
    });
    const rowOf = async () =>
      (await db.select().from(projectActivities).where(eq(projectActivities.id, first.activity.id)))[0]!;

    // 7 + 4 hours would cross the program's 10 online hours: refused on the field, nothing changes.
    const crossing = await call('PATCH', url, edit({ hours: 7 }), companyA);
    expect(crossing.status).toBe(422);
    expect(crossing.body.error.fields[0]).toMatchObject({ path: ['hours'], code: 'cap_exceeded' });
    expect(crossing.body.error.fields[0].ja).toContain('超過承認');
    // Bad input as for a new session: negative hours, a date outside the year, an unknown field.
    for (const [changes, field] of [
      [{ hours: -1 }, 'hours'],
      [{ hours: 1.2 }, 'hours'],
      [{ date: '2025-04-01' }, 'date'],
      [{ date: '2024-02-30' }, 'date'],
      [{ done: '' }, 'done'],
      [{ staffCount: -2 }, 'staffCount'],
    ] as const) {
      const bad = await call('PATCH', url, edit(changes), companyA);
      expect(bad.status, JSON.stringify(changes)).toBe(422);
      expect(bad.body.error.fields[0].path[0]).toBe(field);
      expect(bad.body.error.fields[0].en).toBeTruthy();
    }
    expect((await call('PATCH', url, { ...edit({}), extra: 1 }, companyA)).status).toBe(422);
    expect(await rowOf()).toMatchObject({ minutes: 240, version: 1 });

    // 6 + 4 reaches the cap: accepted with the warning, the totals re-measured without the old figures.
    const saved = await ok('PATCH', url, edit({ hours: 6, done: '手順書の読み合わせを行った' }), companyA);
    expect(saved.activity).toMatchObject({ hours: 6, done: '手順書の読み合わせを行った', version: 2 });
    expect(saved.usage).toMatchObject({ onlineHours: 10, sessions: 2 });
    expect(saved.warnings).toMatchObject([{ kind: 'program_online_hours', level: 'reached' }]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project_activity.update'), eq(auditLog.entityId, first.activity.id)));
    expect(audit!.before).toMatchObject({ minutes: 240, version: 1 });
    expect(audit!.after).toMatchObject({ minutes: 360, version: 2 });

    // Lowering it again never counts as crossing; a stale version is a conflict with the session as it is now.
    const stale = await call('PATCH', url, edit({ hours: 2 }, 1), companyA);
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id: first.activity.id, hours: 6, version: 2 });
    expect((await ok('PATCH', url, edit({ hours: 2 }, 2), companyA)).usage.onlineHours).toBe(6);

    // Only those who may log sessions here: another company does not even see it, the town may not edit.
    expect((await call('PATCH', url, edit({}, 3), companyB)).status).toBe(404);
    expect((await call('PATCH', url, edit({}, 3), staff)).status).toBe(403);
    // Once the sessions are complete the ledger is closed to edits too.
    await ok('POST', `/api/projects/${id}/complete`, undefined, companyA);
    expect((await call('PATCH', url, edit({ hours: 3 }, 3), companyA)).status).toBe(403);
    expect((await ok('GET', `/api/projects/${id}`, undefined, companyA)).activities[0].can).toEqual({
      edit: false,
      delete: false,
    });
    expect(await rowOf()).toMatchObject({ minutes: 120, version: 3 });
  });

  it('advisors are chosen among the company’s advisor profiles only', async () => {
    const detail = await ok('GET', `/api/projects/${projectId}`, undefined, companyA);
    expect(detail.advisorOptions.length).toBeGreaterThan(0);
    const saved = await ok(
      'PUT',
      `/api/projects/${projectId}/plan`,
      {
        goals: detail.plan.goals,
        sessionsPlanned: 6,
        scheduleFrom: '2024-08-01',
        scheduleTo: '2024-12-27',
        advisorProfileIds: [detail.advisorOptions[0].id],
        version: detail.plan.version,
      },
      companyA,
    );
    expect(saved.plan.advisors).toEqual([detail.advisorOptions[0]]);
    const foreign = await call(
      'PUT',
      `/api/projects/${projectId}/plan`,
      {
        ...saved.plan,
        advisors: undefined,
        advisorProfileIds: [crypto.randomUUID()],
        version: saved.plan.version,
      },
      companyA,
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.fields[0].path).toEqual(['advisorProfileIds', 0]);
  });

  it('a company sees only its own projects, a municipality only its own; the council reads all', async () => {
    expect((await call('GET', `/api/projects/${projectId}`, undefined, companyB)).status).toBe(404);
    expect((await call('GET', `/api/projects/${projectId}`, undefined, otherStaff)).status).toBe(404);
    expect((await call('GET', `/api/projects/${projectId}`, undefined, reviewer)).status).toBe(404);
    expect((await ok('GET', `/api/projects/${projectId}`, undefined, staff)).can.logActivity).toBe(false);
    expect((await ok('GET', `/api/projects/${projectId}`, undefined, council)).can.editPlan).toBe(false);
    const listB = await ok('GET', `/api/projects?fiscalYearId=${fy!.id}`, undefined, companyB);
    expect(listB.items.some((p: { id: string }) => p.id === projectId)).toBe(false);
    // Asking for another company's projects narrows to nothing rather than widening.
    const asked = await ok('GET', `/api/projects?organizationId=${orgA!.id}`, undefined, companyB);
    expect(asked.items).toEqual([]);
    const listTown = await ok('GET', `/api/projects?fiscalYearId=${fy!.id}`, undefined, staff);
    expect(listTown.items.every((p: { municipalityId: string }) => p.municipalityId === town!.id)).toBe(true);
    expect(
      (
        await call(
          'POST',
          `/api/projects/${projectId}/activities`,
          session('2024-10-01', 'online', 1),
          companyB,
        )
      ).status,
    ).toBe(404);
    expect(
      (await call('POST', `/api/projects/${projectId}/activities`, session('2024-10-01', 'online', 1), staff))
        .status,
    ).toBe(403);
  });
});

const pdf = (size = 2_000) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
};
function form(bytes: Uint8Array, name: string, activityId?: string) {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes)]), name);
  if (activityId) f.append('activityId', activityId);
  return f;
}

describe('attachments', () => {
  let projectId = '';
  let activityId = '';

  it('types are judged by content; too large or of another kind is a field error and nothing is stored', async () => {
    projectId = await newProject('添付の確認');
    activityId = (
      await ok(
        'POST',
        `/api/projects/${projectId}/activities`,
        session('2024-08-01', 'online', 1),
        companyA,
        201,
      )
    ).activity.id;
    const files = async () => (await fs.readdir(path.join(uploadsDir, 'projects')).catch(() => [])).length;
    const before = await files();

    const text = await call(
      'POST',
      `/api/projects/${projectId}/attachments`,
      form(new TextEncoder().encode('<script>x</script>'), 'report.pdf', activityId),
      companyA,
    );
    expect(text.status).toBe(422);
    expect(text.body.error.fields[0]).toMatchObject({ path: ['file'], code: 'invalid_type' });
    const big = await call(
      'POST',
      `/api/projects/${projectId}/attachments`,
      form(pdf(8 * 1024 * 1024 + 1), 'big.pdf', activityId),
      companyA,
    );
    expect(big.status).toBe(422);
    expect(big.body.error.fields[0]).toMatchObject({ path: ['file'], code: 'too_big' });
    expect(await files()).toBe(before);
    expect(
      await db.select().from(projectAttachments).where(eq(projectAttachments.projectId, projectId)),
    ).toEqual([]);

    const added = await ok(
      'POST',
      `/api/projects/${projectId}/attachments`,
      form(pdf(), '議事録.pdf', activityId),
      companyA,
      201,
    );
    expect(added).toMatchObject({ activityId, fileName: '議事録.pdf', contentType: 'application/pdf' });
    expect(await files()).toBe(before + 1);

    // Served as a download to the project's readers only, even to someone who knows the URL.
    const res = await ctx.request('GET', added.url, { cookie: staff });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer()).slice(0, 5)).toEqual(pdf().slice(0, 5));
    for (const cookie of [companyB, otherStaff, reviewer])
      expect((await ctx.request('GET', added.url, { cookie })).status).toBe(404);
    expect((await ctx.request('GET', added.url)).status).toBe(401);

    // Deleting the session deletes its attachment and the file.
    const del = await ctx.request('DELETE', `/api/project-activities/${activityId}`, { cookie: companyA });
    expect(del.status).toBe(204);
    expect(await files()).toBe(before);
    expect((await ctx.request('GET', added.url, { cookie: admin })).status).toBe(404);
  });

  it('a town or another company cannot upload (the body is not even read)', async () => {
    expect(
      (await call('POST', `/api/projects/${projectId}/attachments`, form(pdf(), 'a.pdf'), staff)).status,
    ).toBe(403);
    expect(
      (await call('POST', `/api/projects/${projectId}/attachments`, form(pdf(), 'a.pdf'), companyB)).status,
    ).toBe(404);
  });

  it('recognizes Office documents, PNG and JPEG from their bytes', () => {
    const zipWith = (name: string) => {
      const header = new Uint8Array(30 + name.length);
      header.set([0x50, 0x4b, 0x03, 0x04]);
      header[26] = name.length;
      header.set(new TextEncoder().encode(name), 30);
      return header;
    };
    expect(sniffFileType(zipWith('word/document.xml'))).toBe('docx');
    expect(sniffFileType(zipWith('xl/workbook.xml'))).toBe('xlsx');
    expect(sniffFileType(zipWith('ppt/presentation.xml'))).toBe('pptx');
    expect(sniffFileType(zipWith('evil.exe'))).toBeNull();
    expect(sniffFileType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFileType(new TextEncoder().encode('MZ'))).toBeNull();
  });
});

describe('completion report, review, evaluation and follow-up', () => {
  let projectId = '';
  let surveyId = '';

  it('the report is due N business days after the last session, over holidays and 年末年始', () => {
    // 12/28–1/5 closed (weekend and 年末年始), 1/13/2025 成人の日.
    expect(reportDueOn([{ date: '2024-12-02' }, { date: '2024-12-25' }], 10)).toBe('2025-01-16');
    expect(reportDueOn([], 10)).toBeNull();
  });

  it('reminders go before and on the due date, once each however often the job runs', async () => {
    projectId = await newProject('完了報告の確認');
    await ok(
      'POST',
      `/api/projects/${projectId}/activities`,
      session('2024-12-25', 'online', 2),
      companyA,
      201,
    );
    const done = await ok('POST', `/api/projects/${projectId}/complete`, undefined, companyA);
    expect(done.status).toBe('completed');
    expect(done.reportDueOn).toBe('2025-01-16');
    expect(done.history.map((h: { to: string }) => h.to)).toEqual(['in_progress', 'completed']);

    const reminders = async () =>
      (await db.select().from(mailOutbox)).filter((m) =>
        m.dedupeKey?.startsWith(`projects.report_reminder:${projectId}`),
      );
    const pref = [fy!.prefectureId];
    const remindAt = async (at: Date) => {
      await ctx.services.projects.sendReportReminders(pref, at);
      return (await reminders()).length;
    };
    // Three business days before 1/16 is 1/10 (1/13 is a holiday): nothing on 1/8.
    expect(await remindAt(jstDate(2025, 1, 8, 9))).toBe(0);
    const before = await remindAt(jstDate(2025, 1, 10, 9));
    expect(before).toBeGreaterThan(0);
    expect(await remindAt(jstDate(2025, 1, 14, 9))).toBe(before);
    expect(await remindAt(jstDate(2025, 1, 16, 9))).toBe(before * 2);
    expect(await remindAt(jstDate(2025, 1, 16, 15))).toBe(before * 2);
    const mails = await reminders();
    expect(mails[0]!.subject).toContain('完了報告の確認');
    expect(mails.some((m) => m.subject.includes('本日が提出期限'))).toBe(true);

    // And it shows on the prefecture's overdue list (the wall clock is long past January 2025).
    const overdue = await ok('GET', '/api/project-reports/overdue', undefined, admin);
    expect(overdue.items.find((o: { projectId: string }) => o.projectId === projectId)).toMatchObject({
      reportDueOn: '2025-01-16',
      reportStatus: null,
    });
    expect((await call('GET', '/api/project-reports/overdue', undefined, companyA)).status).toBe(403);
  });

  it('the company writes and submits; the prefecture returns with a comment, then approves → event in the same transaction', async () => {
    const empty = { summary: '', challenge: '', approach: '', tools: '', effect: '', remainingIssues: '' };
    expect(
      (await call('PUT', `/api/projects/${projectId}/report`, { ...empty, version: null }, staff)).status,
    ).toBe(403);
    let d = await ok(
      'PUT',
      `/api/projects/${projectId}/report`,
      { ...empty, summary: '概要', version: null },
      companyA,
    );
    const missing = await call(
      'POST',
      `/api/projects/${projectId}/report/submit`,
      { version: d.report.version },
      companyA,
    );
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields.map((f: { path: string[] }) => f.path[0])).toEqual([
      'challenge',
      'approach',
      'effect',
    ]);
    d = await ok(
      'PUT',
      `/api/projects/${projectId}/report`,
      {
        summary: '定型業務にRPAを試行導入した',
        challenge: '窓口業務の入力作業が多い',
        approach: '業務の棚卸しからRPAのシナリオ作成まで伴走',
        tools: 'RPA、業務フロー図',
        effect: '月20時間の入力作業を削減',
        remainingIssues: '他課への展開',
        version: d.report.version,
      },
      companyA,
    );
    // The town does not see the draft.
    expect((await ok('GET', `/api/projects/${projectId}`, undefined, staff)).report).toBeNull();
    d = await ok('POST', `/api/projects/${projectId}/report/submit`, { version: d.report.version }, companyA);
    expect(d.report.status).toBe('submitted');
    expect(d.can.editReport).toBe(false);

    const returned = await ok(
      'POST',
      `/api/projects/${projectId}/report/return`,
      { version: d.report.version, comment: '効果の算定根拠を追記してください' },
      admin,
    );
    expect(returned.report).toMatchObject({
      status: 'returned',
      returnComment: '効果の算定根拠を追記してください',
    });
    const returnMails = (await db.select().from(mailOutbox)).filter((m) =>
      m.dedupeKey?.startsWith('projects.report_returned:'),
    );
    expect(returnMails.length).toBeGreaterThan(0);
    d = await ok(
      'POST',
      `/api/projects/${projectId}/report/submit`,
      { version: returned.report.version },
      companyA,
    );
    expect(
      (
        await call(
          'POST',
          `/api/projects/${projectId}/report/approve`,
          { version: d.report.version },
          companyA,
        )
      ).status,
    ).toBe(403);
    const stale = await call(
      'POST',
      `/api/projects/${projectId}/report/approve`,
      { version: d.report.version - 1 },
      admin,
    );
    expect(stale.status).toBe(409);

    const approved = await ok(
      'POST',
      `/api/projects/${projectId}/report/approve`,
      { version: d.report.version },
      admin,
    );
    expect(approved.status).toBe('reported');
    const events = await db
      .select()
      .from(domainEvents)
      .where(eq(domainEvents.type, 'projects.report_approved'));
    expect(events.filter((e) => (e.payload as { projectId: string }).projectId === projectId)).toHaveLength(
      1,
    );
    const port = await ctx.services.projectsRead.approvedReportOf(fy!.prefectureId, projectId);
    expect(port).toMatchObject({ projectId, effect: '月20時間の入力作業を削減', menuProposalId: menu!.id });
    // The approved report is the town's to read now.
    expect((await ok('GET', `/api/projects/${projectId}`, undefined, staff)).report.status).toBe('approved');
  });

  it('the evaluation survey is open to that municipality only; its answer makes the project evaluated', async () => {
    await ctx.runJobs();
    const [evaluation] = await db
      .select()
      .from(projectEvaluations)
      .where(eq(projectEvaluations.projectId, projectId));
    expect(evaluation).toBeDefined();
    surveyId = evaluation!.surveyId;
    const [survey] = await db.select().from(surveys).where(eq(surveys.id, surveyId));
    expect(survey).toMatchObject({ kind: 'post_support', audience: 'project_municipalities' });
    const mails = (await db.select().from(mailOutbox)).filter((m) =>
      m.dedupeKey?.startsWith(`projects.evaluation_request:${surveyId}`),
    );
    expect(mails.length).toBeGreaterThan(0);
    // A second delivery of the event changes nothing.
    await ctx.runJobs();
    expect(
      await db.select().from(projectEvaluations).where(eq(projectEvaluations.projectId, projectId)),
    ).toHaveLength(1);

    expect((await call('GET', `/api/surveys/${surveyId}`, undefined, otherStaff)).status).toBe(404);
    expect([403, 404]).toContain(
      (await call('GET', `/api/surveys/${surveyId}/response`, undefined, companyA)).status,
    );
    const mine = await ok('GET', `/api/surveys/${surveyId}/response`, undefined, staff);
    expect(mine.status).toBe('not_started');
    const home = await ok('GET', '/api/home', undefined, staff);
    expect(home.tasks.some((t: { href: string }) => t.href === `/surveys/${surveyId}/answer`)).toBe(true);

    await ok(
      'POST',
      `/api/surveys/${surveyId}/response/submit`,
      {
        answers: { satisfaction: '5', helped: 'yes', what_changed: '入力作業が減った', recommend: 'yes' },
        version: null,
      },
      staff,
    );
    await ctx.runJobs();
    const after = await ok('GET', `/api/projects/${projectId}`, undefined, staff);
    expect(after.status).toBe('evaluated');
    expect(after.evaluation).toMatchObject({ satisfaction: 5, helped: 'yes', recommend: true });
    const { byMenu, byCompany } = await ctx.services.projectsRead.outcomeTallies(fy!.prefectureId, {
      menuProposalIds: [menu!.id],
      organizationIds: [orgA!.id],
    });
    expect(byMenu.get(menu!.id)).toMatchObject({
      evaluations: 1,
      helpedYes: 1,
      satisfactionSum: 5,
      recommendYes: 1,
    });
    expect(byCompany.get(orgA!.id)!.evaluations).toBeGreaterThanOrEqual(1);
    // The menu page shows it, in sum and for its year; the other projects of this test menu are not evaluated.
    const menuPage = await ok('GET', `/api/menus/catalog/${menu!.id}`, undefined, staff);
    expect(menuPage.outcomeSummary).toMatchObject({
      evaluations: 1,
      helpedRate: 1,
      avgSatisfaction: 5,
      recommendRate: 1,
    });
    expect(menuPage.pastOutcomes).toEqual([{ fiscalYear: 2024, ...menuPage.outcomeSummary }]);
  });

  it('a year after the evaluation the follow-up survey is made and sent, once (injected clock)', async () => {
    const [evaluation] = await db
      .select()
      .from(projectEvaluations)
      .where(eq(projectEvaluations.projectId, projectId));
    const evaluatedAt = evaluation!.evaluatedAt!;
    const day = 86_400_000;
    expect(await ctx.services.projects.sendFollowUps(new Date(evaluatedAt.getTime() + 300 * day))).toBe(0);
    const later = new Date(evaluatedAt.getTime() + 366 * day);
    expect(await ctx.services.projects.sendFollowUps(later)).toBeGreaterThanOrEqual(1);
    expect(await ctx.services.projects.sendFollowUps(later)).toBe(0);
    const [withFollowUp] = await db
      .select()
      .from(projectEvaluations)
      .where(eq(projectEvaluations.projectId, projectId));
    const [followUp] = await db.select().from(surveys).where(eq(surveys.id, withFollowUp!.followUpSurveyId!));
    expect(followUp).toMatchObject({ kind: 'follow_up', audience: 'project_municipalities' });
    expect(followUp!.opensAt).toEqual(later);
    expect((await call('GET', `/api/surveys/${followUp!.id}`, undefined, otherStaff)).status).toBe(404);
    expect((await call('GET', `/api/surveys/${followUp!.id}`, undefined, staff)).status).toBe(200);
  });
});

describe('settings and load', () => {
  it('only the prefecture edits the caps; a stale version is a conflict', async () => {
    const s = await ok('GET', `/api/project-settings?fiscalYearId=${fy!.id}`, undefined, companyA);
    expect(s).toMatchObject({ maxOnsiteDays: 3, maxOnlineHours: 10, reportDueBusinessDays: 10 });
    const body = {
      fiscalYearId: fy!.id,
      maxOnsiteDays: 4,
      maxOnlineHours: 12.5,
      reportDueBusinessDays: 10,
      version: s.version,
    };
    expect((await call('PUT', '/api/project-settings', body, companyA)).status).toBe(403);
    expect(
      (await call('PUT', '/api/project-settings', { ...body, maxOnlineHours: 12.25 }, admin)).status,
    ).toBe(422);
    await ok('PUT', '/api/project-settings', body, admin);
    expect((await call('PUT', '/api/project-settings', body, admin)).status).toBe(409);
  });

  it('a company sees its own load against its menus’ capacity; the prefecture sees every company', async () => {
    const own = await ok('GET', `/api/project-load?fiscalYearId=${fy!.id}`, undefined, companyA);
    expect(own.items.map((l: { organizationId: string }) => l.organizationId)).toEqual([orgA!.id]);
    expect(own.items[0].capacity).toBeGreaterThan(0);
    expect(own.items[0].loggedHours).toBeGreaterThan(0);
    const all = await ok('GET', `/api/project-load?fiscalYearId=${fy!.id}`, undefined, admin);
    expect(all.items.length).toBeGreaterThan(1);
    expect((await call('GET', `/api/project-load?fiscalYearId=${fy!.id}`, undefined, staff)).status).toBe(
      403,
    );
  });
});

describe('home tasks', () => {
  it('the advisor is asked to log sessions and the prefecture to look at overdue reports', async () => {
    const company = await ok('GET', '/api/home', undefined, companyA);
    expect(company.tasks.some((t: { kind: string }) => t.kind === 'project_log_sessions')).toBe(true);
    const prefecture = await ok('GET', '/api/home', undefined, admin);
    const kinds = prefecture.tasks.map((t: { kind: string }) => t.kind);
    expect(kinds).toContain('project_reports_overdue');
    // The demo's reports awaiting review.
    expect(kinds).toContain('project_report_review');
    const town = await ok('GET', '/api/home', undefined, otherStaff);
    expect(town.tasks.some((t: { kind: string }) => t.kind.startsWith('project_'))).toBe(false);
  });
});
