import ExcelJS from 'exceljs';
import { and, desc, eq, isNotNull, like, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  fiscalYears,
  mailOutbox,
  menuProposals,
  menuReviews,
  municipalities,
  organizations,
  projectEvaluations,
  supportProjects,
  users,
} from '../../db/schema';
import { demoRubric } from '../../db/seed/menus-demo';
import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import { createTestContext, testServiceDeps } from '../../testing/harness';
import { createMenusService } from './menus.service';

const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const companyA = await ctx.sessionCookieFor('advisor@company-a.example.jp');
const companyB = await ctx.sessionCookieFor('advisor@company-b.example.jp');
const reviewer1 = await ctx.sessionCookieFor('reviewer@pref.example.jp');
const reviewer2 = await ctx.sessionCookieFor('reviewer2@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');

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

async function fyId(year: number): Promise<string> {
  const [row] = await ctx.database.db
    .select({ id: fiscalYears.id })
    .from(fiscalYears)
    .where(eq(fiscalYears.year, year));
  if (row) return row.id;
  return (await ok('POST', '/api/fiscal-years', { year }, admin, 201)).id;
}

/** A year with the demo rubric and no phases (so no proposal deadline). */
async function yearWithRubric(year: number) {
  const id = await fyId(year);
  const current = await ok('GET', `/api/menus/settings?fiscalYearId=${id}`, undefined, admin);
  await ok(
    'PUT',
    `/api/menus/settings/${id}`,
    { version: current.version ?? undefined, criteria: demoRubric },
    admin,
  );
  return id;
}

const openYear = await yearWithRubric(2030);

async function draft(cookie = companyA, fiscalYearId = openYear, extra: Record<string, unknown> = {}) {
  return ok(
    'POST',
    '/api/menus/proposals',
    {
      fiscalYearId,
      title: 'RPA伴走支援',
      challengeAreas: ['ai_rpa', 'bpr'],
      description: '定型業務をRPAで自動化します。',
      format: 'hybrid',
      capacity: 3,
      unitCostThousandYen: 1500,
      ...extra,
    },
    cookie,
    201,
  );
}

async function submitted(cookie = companyA) {
  const d = await draft(cookie);
  return ok('POST', `/api/menus/proposals/${d.id}/submit`, { version: d.version }, cookie);
}

describe('proposals', () => {
  it('a company creates a draft, edits it, submits it; after submission it cannot edit', async () => {
    const d = await draft();
    expect(d).toMatchObject({
      status: 'draft',
      organizationName: 'デモ情報システム株式会社',
      can: { edit: true, submit: true },
    });
    const edited = await ok(
      'PATCH',
      `/api/menus/proposals/${d.id}`,
      { version: d.version, capacity: 5 },
      companyA,
    );
    expect(edited).toMatchObject({ capacity: 5, version: d.version + 1 });
    const sub = await ok(
      'POST',
      `/api/menus/proposals/${d.id}/submit`,
      { version: edited.version },
      companyA,
    );
    expect(sub).toMatchObject({ status: 'submitted', can: { edit: false, submit: false } });
    expect(sub.submittedAt).not.toBeNull();
    const again = await call(
      'PATCH',
      `/api/menus/proposals/${d.id}`,
      { version: sub.version, capacity: 1 },
      companyA,
    );
    expect(again.status).toBe(422);
    expect(again.body.error.fields[0].code).toBe('not_editable');
    const actions = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, d.id));
    expect(actions.map((a) => a.action).sort()).toEqual(
      ['menu_proposal.create', 'menu_proposal.submit', 'menu_proposal.update'].sort(),
    );
  });

  it('a stale version is a 409 carrying the current proposal', async () => {
    const d = await draft();
    await ok('PATCH', `/api/menus/proposals/${d.id}`, { version: d.version, title: '新しい題名' }, companyA);
    const stale = await call(
      'PATCH',
      `/api/menus/proposals/${d.id}`,
      { version: d.version, title: '古い' },
      companyA,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id: d.id, title: '新しい題名', version: d.version + 1 });
  });

  it('another company neither sees nor edits it (404), and its list holds only its own', async () => {
    const d = await draft();
    expect((await call('GET', `/api/menus/proposals/${d.id}`, undefined, companyB)).status).toBe(404);
    expect(
      (await call('PATCH', `/api/menus/proposals/${d.id}`, { version: 1, title: 'x' }, companyB)).status,
    ).toBe(404);
    const list = await ok('GET', `/api/menus/proposals?fiscalYearId=${openYear}`, undefined, companyB);
    expect(
      list.items.every(
        (p: { organizationName: string }) => p.organizationName !== 'デモ情報システム株式会社',
      ),
    ).toBe(true);
    const mine = await ok('GET', `/api/menus/proposals?fiscalYearId=${openYear}`, undefined, companyA);
    expect(mine.items.map((p: { id: string }) => p.id)).toContain(d.id);
  });

  it('refuses advisors from another company and unknown regions (422, with the field)', async () => {
    const otherAdvisor = await ctx.userIdOf('advisor@company-b.example.jp');
    const res = await call(
      'POST',
      '/api/menus/proposals',
      {
        fiscalYearId: openYear,
        title: 'x',
        challengeAreas: ['bpr'],
        format: 'online',
        capacity: 1,
        unitCostThousandYen: 1,
        advisorUserIds: [otherAdvisor],
      },
      companyA,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({
      path: ['advisorUserIds', 0],
      code: 'not_company_member',
    });
    const bad = await call('POST', '/api/menus/proposals', { fiscalYearId: openYear, title: '' }, companyA);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.length).toBeGreaterThan(1);
  });

  it('the proposals phase deadline is the one deadline: it closes first submissions, and moving it reopens them', async () => {
    // A deadline long past, then moved far ahead, so the test does not depend on the clock.
    const fy = await yearWithRubric(2020);
    const program = await ok(
      'POST',
      `/api/fiscal-years/${fy}/programs`,
      { kind: 'advisor_dispatch', name: 'ICTアドバイザー派遣', nameEn: 'ICT advisors' },
      admin,
      201,
    );
    const phase = await ok(
      'POST',
      `/api/programs/${program.id}/phases`,
      {
        kind: 'proposals',
        startsOn: '2020-04-01',
        endsOn: '2020-05-29',
        deadline: { date: '2020-05-29', time: '17:00' },
      },
      admin,
      201,
    );
    const settings = await ok('GET', `/api/menus/settings?fiscalYearId=${fy}`, undefined, companyA);
    expect(settings).toMatchObject({
      effectiveDeadlineSource: 'phase',
      effectiveDeadlineAt: phase.deadlineAt,
    });
    expect(settings).not.toHaveProperty('proposalDeadline');
    const d = await draft(companyA, fy);
    expect(d.can).toMatchObject({ edit: true, submit: false });
    const late = await call('POST', `/api/menus/proposals/${d.id}/submit`, { version: d.version }, companyA);
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('DEADLINE_PASSED');
    // The rubric form no longer carries a deadline of its own: a second one is an unknown field.
    const second = await call(
      'PUT',
      `/api/menus/settings/${fy}`,
      {
        version: settings.version,
        criteria: demoRubric,
        proposalDeadline: { date: '2099-01-29', time: '17:00' },
      },
      admin,
    );
    expect(second.status).toBe(422);

    await ok('DELETE', `/api/phases/${phase.id}?version=${phase.version}`, undefined, admin, 204);
    const none = await ok('GET', `/api/menus/settings?fiscalYearId=${fy}`, undefined, companyA);
    expect(none).toMatchObject({ effectiveDeadlineSource: 'none', effectiveDeadlineAt: null });
    await ok('POST', `/api/menus/proposals/${d.id}/submit`, { version: d.version }, companyA);
  });
});

describe('review', () => {
  it('each proposal carries what its caller may do with it, computed per role, status and assignment', async () => {
    const d = await draft();
    const none = {
      edit: false,
      submit: false,
      decide: false,
      manageReviews: false,
      assignReviewers: false,
      review: false,
    };
    expect(d.can).toEqual({ ...none, edit: true, submit: true });
    // The prefecture follows a draft's reviews but can neither assign nor decide it yet.
    const adminDraft = await ok('GET', `/api/menus/proposals/${d.id}`, undefined, admin);
    expect(adminDraft.can).toEqual({ ...none, manageReviews: true });

    const p = await ok('POST', `/api/menus/proposals/${d.id}/submit`, { version: d.version }, companyA);
    await ok(
      'POST',
      `/api/menus/proposals/${p.id}/assignments`,
      { reviewerUserId: await ctx.userIdOf('reviewer@pref.example.jp') },
      admin,
      201,
    );
    const asAdmin = await ok('GET', `/api/menus/proposals/${p.id}`, undefined, admin);
    expect(asAdmin.can).toEqual({ ...none, decide: true, manageReviews: true, assignReviewers: true });
    const asCompany = await ok('GET', `/api/menus/proposals/${p.id}`, undefined, companyA);
    expect(asCompany.can).toEqual(none);
    const asReviewer = await ok('GET', `/api/menus/proposals/${p.id}`, undefined, reviewer1);
    expect(asReviewer.can).toEqual({ ...none, review: true });
    // The list answers the same abilities as the detail.
    const listed = await ok('GET', `/api/menus/proposals?fiscalYearId=${openYear}`, undefined, reviewer1);
    expect(listed.items.find((i: { id: string }) => i.id === p.id).can).toEqual({ ...none, review: true });

    // Returned for changes: the company edits again and the prefecture may not decide it meanwhile.
    const returned = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/decision`,
      { version: asAdmin.version, decision: 'needs_modification', reason: '単価の根拠を示してください。' },
      admin,
    );
    expect(returned.can).toMatchObject({ decide: false, assignReviewers: true, manageReviews: true });
    const companyReturned = await ok('GET', `/api/menus/proposals/${p.id}`, undefined, companyA);
    expect(companyReturned.can).toMatchObject({ edit: true, submit: true, decide: false });
  });

  it('assigning refuses a reviewer from the proposing company and a non-reviewer', async () => {
    const p = await submitted();
    // Company A's advisor also holds the reviewer role: still cannot review its own company's proposal.
    const advisorA = await ctx.userIdOf('advisor@company-a.example.jp');
    await ctx.database.db
      .update(users)
      .set({ roles: ['company_member', 'reviewer'] })
      .where(eq(users.id, advisorA));
    const coi = await call('POST', `/api/menus/proposals/${p.id}/assignments`, { reviewerUserId: advisorA });
    expect(coi.status).toBe(422);
    expect(coi.body.error.fields[0].code).toBe('conflict_of_interest');
    await ctx.database.db
      .update(users)
      .set({ roles: ['company_member'] })
      .where(eq(users.id, advisorA));
    const staffId = await ctx.userIdOf('dx@nishiaizu.example.jp');
    const notReviewer = await call('POST', `/api/menus/proposals/${p.id}/assignments`, {
      reviewerUserId: staffId,
    });
    expect(notReviewer.body.error.fields[0].code).toBe('not_reviewer');
  });

  it('assigns many reviewers to many proposals in one request: skips existing and conflicting pairs, audits each', async () => {
    const [p1, p2, p3] = [await submitted(), await submitted(), await submitted(companyB)];
    const [r1, r2, advisorA] = [
      await ctx.userIdOf('reviewer@pref.example.jp'),
      await ctx.userIdOf('reviewer2@pref.example.jp'),
      await ctx.userIdOf('advisor@company-a.example.jp'),
    ];
    await ok('POST', `/api/menus/proposals/${p1.id}/assignments`, { reviewerUserId: r1 }, admin, 201);
    await ctx.database.db
      .update(users)
      .set({ roles: ['company_member', 'reviewer'] })
      .where(eq(users.id, advisorA));
    try {
      const result = await ok(
        'POST',
        '/api/menus/assignments/bulk',
        { proposalIds: [p1.id, p2.id, p3.id], reviewerUserIds: [r1, r2, advisorA] },
        admin,
      );
      // 3 × 3 pairs: p1–r1 was there, company A's advisor may not review p1 or p2 (its own company).
      expect(result.assigned).toHaveLength(6);
      expect(result.skipped).toEqual(
        expect.arrayContaining([
          { proposalId: p1.id, reviewerUserId: r1, reason: 'already_assigned' },
          { proposalId: p1.id, reviewerUserId: advisorA, reason: 'conflict_of_interest' },
          { proposalId: p2.id, reviewerUserId: advisorA, reason: 'conflict_of_interest' },
        ]),
      );
      expect(result.skipped).toHaveLength(3);
      const reviews = await ok('GET', `/api/menus/proposals/${p3.id}/reviews`, undefined, admin);
      expect(reviews.items.map((r: { reviewerUserId: string }) => r.reviewerUserId).sort()).toEqual(
        [r1, r2, advisorA].sort(),
      );
      const audits = await ctx.database.db
        .select({ entityId: auditLog.entityId })
        .from(auditLog)
        .where(eq(auditLog.action, 'menu_review.assign'));
      for (const a of result.assigned) expect(audits.map((row) => row.entityId)).toContain(a.reviewId);
      // Running it again assigns nothing more.
      const again = await ok(
        'POST',
        '/api/menus/assignments/bulk',
        { proposalIds: [p1.id, p2.id, p3.id], reviewerUserIds: [r1, r2, advisorA] },
        admin,
      );
      expect(again.assigned).toHaveLength(0);
      expect(again.skipped).toHaveLength(9);
    } finally {
      await ctx.database.db
        .update(users)
        .set({ roles: ['company_member'] })
        .where(eq(users.id, advisorA));
    }
  });

  it('bulk assignment refuses a draft, a non-reviewer, too many pairs, and changes nothing then', async () => {
    const [p, d] = [await submitted(), await draft()];
    const r1 = await ctx.userIdOf('reviewer@pref.example.jp');
    const withDraft = await call('POST', '/api/menus/assignments/bulk', {
      proposalIds: [p.id, d.id],
      reviewerUserIds: [r1],
    });
    expect(withDraft.status).toBe(422);
    expect(withDraft.body.error.fields[0].code).toBe('not_submitted');
    const staffId = await ctx.userIdOf('dx@nishiaizu.example.jp');
    const notReviewer = await call('POST', '/api/menus/assignments/bulk', {
      proposalIds: [p.id],
      reviewerUserIds: [r1, staffId],
    });
    expect(notReviewer.status).toBe(422);
    expect(notReviewer.body.error.fields[0].code).toBe('not_reviewer');
    const tooMany = await call('POST', '/api/menus/assignments/bulk', {
      proposalIds: Array.from({ length: 51 }, () => crypto.randomUUID()),
      reviewerUserIds: [r1],
    });
    expect(tooMany.status).toBe(422);
    const reviews = await ok('GET', `/api/menus/proposals/${p.id}/reviews`, undefined, admin);
    expect(reviews.items).toHaveLength(0);
    const forbidden = await call(
      'POST',
      '/api/menus/assignments/bulk',
      { proposalIds: [p.id], reviewerUserIds: [r1] },
      staff,
    );
    expect(forbidden.status).toBe(403);
  });

  it('scores stay hidden from a reviewer until they submit; weighted totals; COI declaration; ranking', async () => {
    const p = await submitted();
    const r1 = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/assignments`,
      {
        reviewerUserId: await ctx.userIdOf('reviewer@pref.example.jp'),
      },
      admin,
      201,
    );
    const r2 = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/assignments`,
      {
        reviewerUserId: await ctx.userIdOf('reviewer2@pref.example.jp'),
      },
      admin,
      201,
    );
    expect(
      (
        await call('POST', `/api/menus/proposals/${p.id}/assignments`, {
          reviewerUserId: await ctx.userIdOf('reviewer2@pref.example.jp'),
        })
      ).status,
    ).toBe(409);

    // Reviewer 2 scores and submits first.
    const s2 = await ok(
      'PUT',
      `/api/menus/reviews/${r2.id}`,
      {
        version: r2.version,
        scores: { need: 5, effectiveness: 4, feasibility: 3, cost: 2 },
        comment: '効果は高いが費用がやや高い',
      },
      reviewer2,
    );
    expect(s2.weightedTotal).toBe(3.7);
    await ok('POST', `/api/menus/reviews/${r2.id}/submit`, { version: s2.version }, reviewer2);

    // Reviewer 1 has not submitted: sees only their own.
    const hidden = await ok('GET', `/api/menus/proposals/${p.id}/reviews`, undefined, reviewer1);
    expect(hidden.othersHidden).toBe(true);
    expect(hidden.items.map((r: { id: string }) => r.id)).toEqual([r1.id]);

    // An incomplete review cannot be submitted; an unknown criterion is refused.
    const partial = await ok(
      'PUT',
      `/api/menus/reviews/${r1.id}`,
      { version: r1.version, scores: { need: 3 }, comment: '' },
      reviewer1,
    );
    const incomplete = await call(
      'POST',
      `/api/menus/reviews/${r1.id}/submit`,
      { version: partial.version },
      reviewer1,
    );
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.fields.map((f: { path: string[] }) => f.path[1])).toEqual([
      'effectiveness',
      'feasibility',
      'cost',
    ]);
    const unknown = await call(
      'PUT',
      `/api/menus/reviews/${r1.id}`,
      { version: partial.version, scores: { beauty: 5 }, comment: '' },
      reviewer1,
    );
    expect(unknown.body.error.fields[0].code).toBe('unknown_criterion');
    const out = await call(
      'PUT',
      `/api/menus/reviews/${r1.id}`,
      { version: partial.version, scores: { need: 6 }, comment: '' },
      reviewer1,
    );
    expect(out.status).toBe(422);

    // Another reviewer's review is not reachable.
    expect(
      (await call('PUT', `/api/menus/reviews/${r2.id}`, { version: 3, scores: {}, comment: '' }, reviewer1))
        .status,
    ).toBe(404);

    const full = await ok(
      'PUT',
      `/api/menus/reviews/${r1.id}`,
      {
        version: partial.version,
        scores: { need: 3, effectiveness: 3, feasibility: 3, cost: 3 },
        comment: '',
      },
      reviewer1,
    );
    await ok('POST', `/api/menus/reviews/${r1.id}/submit`, { version: full.version }, reviewer1);
    const visible = await ok('GET', `/api/menus/proposals/${p.id}/reviews`, undefined, reviewer1);
    expect(visible.othersHidden).toBe(false);
    expect(visible.items).toHaveLength(2);

    // A submitted review is closed.
    expect(
      (
        await call(
          'PUT',
          `/api/menus/reviews/${r1.id}`,
          { version: full.version + 1, scores: {}, comment: '' },
          reviewer1,
        )
      ).status,
    ).toBe(422);

    const ranking = await ok('GET', `/api/menus/ranking?fiscalYearId=${openYear}`, undefined, admin);
    const row = ranking.items.find((r: { proposal: { id: string } }) => r.proposal.id === p.id);
    expect(row).toMatchObject({ weightedTotal: 3.35, spread: 0.7, submittedReviews: 2, assignedReviews: 2 });
    const totals = ranking.items.map((r: { weightedTotal: number | null }) => r.weightedTotal ?? -1);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  });

  it('a reviewer who declares a conflict cannot score and does not see the others', async () => {
    const p = await submitted();
    const a = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/assignments`,
      {
        reviewerUserId: await ctx.userIdOf('reviewer@pref.example.jp'),
      },
      admin,
      201,
    );
    const b = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/assignments`,
      {
        reviewerUserId: await ctx.userIdOf('reviewer2@pref.example.jp'),
      },
      admin,
      201,
    );
    const sb = await ok(
      'PUT',
      `/api/menus/reviews/${b.id}`,
      { version: b.version, scores: { need: 4, effectiveness: 4, feasibility: 4, cost: 4 }, comment: '' },
      reviewer2,
    );
    await ok('POST', `/api/menus/reviews/${b.id}/submit`, { version: sb.version }, reviewer2);
    const c = await ok(
      'POST',
      `/api/menus/reviews/${a.id}/conflict`,
      { version: a.version, reason: '親族が提案企業に勤務' },
      reviewer1,
    );
    expect(c).toMatchObject({ status: 'conflict', conflictReason: '親族が提案企業に勤務' });
    expect(
      (
        await call(
          'PUT',
          `/api/menus/reviews/${a.id}`,
          { version: c.version, scores: { need: 5 }, comment: '' },
          reviewer1,
        )
      ).status,
    ).toBe(422);
    const seen = await ok('GET', `/api/menus/proposals/${p.id}/reviews`, undefined, reviewer1);
    expect(seen.items).toHaveLength(1);
    expect(seen.othersHidden).toBe(true);
    const ranking = await ok('GET', `/api/menus/ranking?fiscalYearId=${openYear}`, undefined, admin);
    expect(ranking.items.find((r: { proposal: { id: string } }) => r.proposal.id === p.id)).toMatchObject({
      weightedTotal: 4,
      conflicts: 1,
      submittedReviews: 1,
    });
  });

  it('an unassigned reviewer gets 404; an assignment is removed only before submission', async () => {
    const p = await submitted();
    expect((await call('GET', `/api/menus/proposals/${p.id}`, undefined, reviewer1)).status).toBe(404);
    const a = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/assignments`,
      {
        reviewerUserId: await ctx.userIdOf('reviewer@pref.example.jp'),
      },
      admin,
      201,
    );
    expect((await call('GET', `/api/menus/proposals/${p.id}`, undefined, reviewer1)).status).toBe(200);
    expect((await call('DELETE', `/api/menus/assignments/${a.id}?version=${a.version + 1}`)).status).toBe(
      409,
    );
    expect((await call('DELETE', `/api/menus/assignments/${a.id}?version=${a.version}`)).status).toBe(204);
    expect((await call('GET', `/api/menus/proposals/${p.id}`, undefined, reviewer1)).status).toBe(404);
  });
});

describe('decisions', () => {
  it('needs modification returns it to the company with the reason mailed; it edits and resubmits; selected joins the catalog', async () => {
    const p = await submitted();
    const noReason = await call('POST', `/api/menus/proposals/${p.id}/decision`, {
      version: p.version,
      decision: 'not_selected',
      reason: '',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields[0].path).toEqual(['reason']);

    const returned = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/decision`,
      {
        version: p.version,
        decision: 'needs_modification',
        reason: '単価の根拠を示してください。',
      },
      admin,
    );
    expect(returned).toMatchObject({
      status: 'returned',
      decision: 'needs_modification',
      decisionReason: '単価の根拠を示してください。',
    });
    const mails = await ctx.database.db
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.toAddress, 'advisor@company-a.example.jp'), like(mailOutbox.subject, '%要修正%')),
      )
      .orderBy(desc(mailOutbox.createdAt));
    expect(mails[0]!.bodyText).toContain('単価の根拠を示してください。');

    const seen = await ok('GET', `/api/menus/proposals/${p.id}`, undefined, companyA);
    expect(seen).toMatchObject({
      can: { edit: true, submit: true, decide: false },
      decisionReason: '単価の根拠を示してください。',
    });
    const edited = await ok(
      'PATCH',
      `/api/menus/proposals/${p.id}`,
      { version: seen.version, unitCostThousandYen: 1200 },
      companyA,
    );
    const resub = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/submit`,
      { version: edited.version },
      companyA,
    );
    expect(resub.status).toBe('submitted');

    const before = await ok('GET', `/api/menus/catalog?fiscalYearId=${openYear}`, undefined, staff);
    expect(before.items.map((m: { id: string }) => m.id)).not.toContain(p.id);
    await ok(
      'POST',
      `/api/menus/proposals/${p.id}/decision`,
      { version: resub.version, decision: 'selected', reason: '' },
      admin,
    );
    const after = await ok('GET', `/api/menus/catalog?fiscalYearId=${openYear}`, undefined, staff);
    expect(after.items.map((m: { id: string }) => m.id)).toContain(p.id);
    const detail = await ok('GET', `/api/menus/catalog/${p.id}`, undefined, staff);
    // A new menu has no track record: no years, no summary (not an always-empty list).
    expect(detail).toMatchObject({ unitCostThousandYen: 1200, pastOutcomes: [], outcomeSummary: null });
  });

  it('a draft cannot be decided, and only the admin decides', async () => {
    const d = await draft();
    expect(
      (
        await call('POST', `/api/menus/proposals/${d.id}/decision`, {
          version: d.version,
          decision: 'selected',
          reason: '',
        })
      ).status,
    ).toBe(422);
    const p = await submitted();
    expect(
      (
        await call(
          'POST',
          `/api/menus/proposals/${p.id}/decision`,
          { version: p.version, decision: 'selected', reason: '' },
          companyA,
        )
      ).status,
    ).toBe(403);
  });
});

describe('demo data and catalog', () => {
  it('FY2024 has exactly 34 selected menus from 12 companies, rejected ones, and two reviews each', async () => {
    const fy = await fyId(2024);
    const catalog = await ok('GET', `/api/menus/catalog?fiscalYearId=${fy}`, undefined, staff);
    expect(catalog.items).toHaveLength(34);
    expect(new Set(catalog.items.map((m: { organizationId: string }) => m.organizationId)).size).toBe(12);
    const rows = await ctx.database.db.select().from(menuProposals).where(eq(menuProposals.fiscalYearId, fy));
    expect(rows.filter((r) => r.status === 'not_selected').length).toBeGreaterThan(0);
    const ranking = await ok('GET', `/api/menus/ranking?fiscalYearId=${fy}`, undefined, admin);
    expect(ranking.items.every((r: { submittedReviews: number }) => r.submittedReviews >= 2)).toBe(true);
    expect(ranking.criteria.map((c: { key: string }) => c.key)).toEqual([
      'need',
      'effectiveness',
      'feasibility',
      'cost',
    ]);
  });

  it('filters by area, format, region, cost and text', async () => {
    const fy = await fyId(2024);
    const q = async (params: string) =>
      (await ok('GET', `/api/menus/catalog?fiscalYearId=${fy}&${params}`, undefined, staff)).items as {
        title: string;
        challengeAreas: string[];
        format: string;
        unitCostThousandYen: number;
        regions: { id: string; name: string }[];
      }[];
    const security = await q('area=security');
    expect(security.length).toBeGreaterThan(2);
    expect(security.every((m) => m.challengeAreas.includes('security'))).toBe(true);
    expect((await q('format=online')).every((m) => m.format === 'online')).toBe(true);
    const cheap = await q('maxCost=700');
    expect(cheap.length).toBeGreaterThan(0);
    expect(cheap.every((m) => m.unitCostThousandYen <= 700)).toBe(true);
    expect((await q('q=RPA')).map((m) => m.title)).toContain('RPA試行導入支援');
    const regionsRes = await ok(
      'GET',
      `/api/menus/catalog?fiscalYearId=${fy}&q=${encodeURIComponent('ITリテラシー向上研修')}`,
      undefined,
      staff,
    );
    const aizuOnly = regionsRes.items.find((m: { title: string }) => m.title.includes('基礎編'));
    const aizuId = aizuOnly.regions[0].id;
    const inAizu = await q(`regionId=${aizuId}`);
    expect(inAizu.map((m) => m.title)).toContain('ITリテラシー向上研修（基礎編）');
    expect(inAizu.map((m) => m.title)).not.toContain('ITリテラシー向上研修（実践編）');
    expect(inAizu.every((m) => m.regions.length === 0 || m.regions.some((r) => r.id === aizuId))).toBe(true);
    expect(
      (await call('GET', `/api/menus/catalog?fiscalYearId=${fy}&maxCost=-1`, undefined, staff)).status,
    ).toBe(422);
  });

  it('exports proposals, scores and the catalog as xlsx with Japanese headers', async () => {
    const fy = await fyId(2024);
    const read = async (path: string, cookie = admin) => {
      const res = await ctx.request('GET', path, { cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      return wb;
    };
    const proposals = await read(`/api/menus/exports/proposals.xlsx?fiscalYearId=${fy}`);
    const sheet = proposals.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('メニュー名');
    expect(sheet.rowCount).toBe(1 + 40);
    const scores = await read(`/api/menus/exports/scores.xlsx?fiscalYearId=${fy}`);
    expect(scores.worksheets.map((w) => w.name)).toEqual(['審査結果', '審査員別']);
    expect(scores.worksheets[1]!.rowCount).toBe(1 + 80);
    expect(scores.worksheets[0]!.getRow(2).getCell(1).value).toBe(1);
    const catalog = await read(`/api/menus/exports/catalog.xlsx?fiscalYearId=${fy}`, staff);
    expect(catalog.worksheets[0]!.rowCount).toBe(1 + 34);
    expect(
      (await call('GET', `/api/menus/exports/scores.xlsx?fiscalYearId=${fy}`, undefined, staff)).status,
    ).toBe(403);
  });
});

describe('advisor profiles', () => {
  it('the advisor saves their profile (409 on a stale version); another company cannot', async () => {
    const id = await ctx.userIdOf('advisor@company-a.example.jp');
    const current = await ok('GET', `/api/menus/advisors/${id}`, undefined, staff);
    expect(current.skills.length).toBeGreaterThan(0);
    const body = {
      skills: ['BPR'],
      qualifications: ['中小企業診断士'],
      pastProjects: ['A町の業務改善'],
      bio: 'よろしくお願いします',
    };
    const saved = await ok(
      'PUT',
      `/api/menus/advisors/${id}`,
      { ...body, version: current.version },
      companyA,
    );
    expect(saved).toMatchObject({ skills: ['BPR'], version: current.version + 1 });
    expect(
      (await call('PUT', `/api/menus/advisors/${id}`, { ...body, version: current.version }, companyA))
        .status,
    ).toBe(409);
    expect(
      (await call('PUT', `/api/menus/advisors/${id}`, { ...body, version: saved.version }, companyB)).status,
    ).toBe(403);
    const list = await ok('GET', '/api/menus/advisors', undefined, companyA);
    expect(list.items.map((a: { userId: string }) => a.userId)).toContain(id);
  });
});

describe('recommendations', () => {
  it('without a needs profile (no survey answer that year) the list is empty and says so', async () => {
    const res = await ok('GET', `/api/menus/recommendations?fiscalYearId=${openYear}`, undefined, staff);
    expect(res).toMatchObject({ municipalityName: '西会津町', hasProfile: false, items: [] });
  });

  it('ranks FY2024 menus against the municipality’s needs survey answers, with reasons', async () => {
    const fy = await fyId(2024);
    const [me] = await ctx.database.db.select().from(users).where(eq(users.email, 'dx@nishiaizu.example.jp'));
    const [nishiaizu] = await ctx.database.db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.code, '074055'));
    const profile = (await ctx.services.surveys.needsProfiles(me!.prefectureId, fy)).find(
      (p) => p.municipalityId === nishiaizu!.id,
    );
    expect(profile).toBeDefined();
    const res = await ok('GET', `/api/menus/recommendations?fiscalYearId=${fy}`, undefined, staff);
    expect(res.hasProfile).toBe(true);
    expect(res.items.length).toBeGreaterThan(0);
    for (const item of res.items as { reasons: { code: string; params: { areas?: string[] } }[] }[]) {
      expect(item.reasons.length).toBeGreaterThan(0);
      const wanted = item.reasons.find((r) => r.code === 'help_wanted');
      if (wanted) expect(profile!.helpWantedAreas).toEqual(expect.arrayContaining(wanted.params.areas!));
    }
    expect(res.items[0].reasons[0].code).toBe('help_wanted');
    const scores = res.items.map((r: { score: number }) => r.score);
    expect([...scores].sort((a: number, b: number) => b - a)).toEqual(scores);
    // The admin asking for the same municipality gets the same list; another town's staff cannot.
    const path = `/api/menus/recommendations?fiscalYearId=${fy}&municipalityId=${nishiaizu!.id}`;
    expect((await ok('GET', path, undefined, admin)).items).toEqual(res.items);
    const koriyama = await ctx.sessionCookieFor('dx@koriyama.example.jp');
    expect((await call('GET', path, undefined, koriyama)).status).toBe(403);
  });

  it('ranks the catalog against the injected profile with structured reasons', async () => {
    const [nishiaizu] = await ctx.database.db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.code, '074055'));
    const fy = await fyId(2024);
    const profile: MunicipalityNeedsProfile = {
      municipalityId: nishiaizu!.id,
      fiscalYearId: fy,
      helpWantedAreas: ['ai_rpa'],
      maturityByArea: { security: 1 },
      overallLevel: 2,
      voices: ['窓口業務をRPAで効率化したい'],
    };
    const service = createMenusService(testServiceDeps(ctx.database.db), {
      profileOf: async (_p, m, f) => (m === nishiaizu!.id && f === fy ? profile : null),
    });
    const [u] = await ctx.database.db.select().from(users).where(eq(users.email, 'dx@nishiaizu.example.jp'));
    const result = await service.recommendations(
      {
        actor: {
          userId: u!.id,
          prefectureId: u!.prefectureId,
          organizationId: u!.organizationId,
          organizationKind: 'municipality',
          municipalityId: nishiaizu!.id,
          roles: ['municipality_staff'],
          email: u!.email,
          displayName: u!.displayName,
        },
        requestId: 't',
        locale: 'ja',
        ipAddress: null,
        userAgent: null,
        now: new Date(),
      },
      { fiscalYearId: fy },
    );
    expect(result.hasProfile).toBe(true);
    const top = result.items[0]!;
    expect(top.menu.challengeAreas).toContain('ai_rpa');
    expect(top.reasons[0]).toEqual({ code: 'help_wanted', params: { areas: ['ai_rpa'] } });
    const titles = result.items.map((r) => r.menu.title);
    expect(titles).toContain('情報セキュリティ対策支援');
    // 浜通り-only menus cannot be delivered in 西会津町 (会津).
    expect(titles).not.toContain('ITリテラシー向上研修（実践編）');
    const scores = result.items.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

describe('past outcomes', () => {
  async function evaluatedMenu() {
    const db = ctx.database.db;
    const rows = await db
      .select({ menuId: supportProjects.menuProposalId })
      .from(projectEvaluations)
      .innerJoin(supportProjects, eq(supportProjects.id, projectEvaluations.projectId))
      .where(isNotNull(projectEvaluations.evaluatedAt));
    const [menu] = await db
      .select()
      .from(menuProposals)
      .where(eq(menuProposals.id, rows.find((r) => r.menuId)!.menuId!));
    return menu!;
  }

  it('a menu page adds up its projects’ evaluations per year, its earlier years included when offered again', async () => {
    const menu = await evaluatedMenu();
    const fy2024 = await fyId(2024);
    const { byMenu } = await ctx.services.projectsRead.outcomeTallies(menu.prefectureId, {
      menuProposalIds: [menu.id],
      organizationIds: [],
    });
    const tally = byMenu.get(menu.id)!;
    expect(tally.evaluations).toBeGreaterThan(0);
    const detail = await ok('GET', `/api/menus/catalog/${menu.id}`, undefined, staff);
    expect(detail.pastOutcomes).toEqual([
      expect.objectContaining({ fiscalYear: 2024, projects: tally.projects, evaluations: tally.evaluations }),
    ]);
    expect(detail.outcomeSummary).toMatchObject({
      evaluations: tally.evaluations,
      helpedRate: tally.helpedYes / tally.helpedAnswers,
    });
    expect(menu.fiscalYearId).toBe(fy2024);

    // The same company offers it again under the same title: its page carries the 2024 record.
    const [again] = await ctx.database.db
      .insert(menuProposals)
      .values({ ...menu, id: undefined, fiscalYearId: openYear, version: 1 })
      .returning();
    const next = await ok('GET', `/api/menus/catalog/${again!.id}`, undefined, staff);
    expect(next.pastOutcomes).toEqual(detail.pastOutcomes);
    expect(next.outcomeSummary).toEqual(detail.outcomeSummary);
    // Another company's menu of the same title is not its record.
    const [otherOrg] = await ctx.database.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.kind, 'company'), ne(organizations.id, menu.organizationId)))
      .limit(1);
    const [copy] = await ctx.database.db
      .insert(menuProposals)
      .values({ ...menu, id: undefined, organizationId: otherOrg!.id, fiscalYearId: openYear, version: 1 })
      .returning();
    expect((await ok('GET', `/api/menus/catalog/${copy!.id}`, undefined, staff)).outcomeSummary).toBeNull();
  });

  it('recommendations give evaluated menus a bounded bonus and say so in the reasons', async () => {
    const fy = await fyId(2024);
    const res = await ok('GET', `/api/menus/recommendations?fiscalYearId=${fy}`, undefined, staff);
    type Item = {
      menu: { id: string };
      score: number;
      reasons: { code: string; params: Record<string, unknown> }[];
    };
    const withOutcomes = (res.items as Item[]).filter((i) =>
      i.reasons.some((r) => r.code === 'past_outcomes'),
    );
    expect(withOutcomes.length).toBeGreaterThan(0);
    for (const item of withOutcomes) {
      const reason = item.reasons.find((r) => r.code === 'past_outcomes')!;
      expect(['menu', 'company']).toContain(reason.params.source);
      expect(reason.params.evaluations).toBeGreaterThan(0);
    }
    // Without the outcomes the same menus rank by needs alone; no score moves by more than one point.
    const plain = createMenusService(testServiceDeps(ctx.database.db), {
      profileOf: (p, m, f) => ctx.services.surveys.needsProfileOf(p, m, f),
    });
    const [u] = await ctx.database.db.select().from(users).where(eq(users.email, 'dx@nishiaizu.example.jp'));
    const base = await plain.recommendations(
      {
        actor: {
          userId: u!.id,
          prefectureId: u!.prefectureId,
          organizationId: u!.organizationId,
          organizationKind: 'municipality',
          municipalityId: res.municipalityId,
          roles: ['municipality_staff'],
          email: u!.email,
          displayName: u!.displayName,
        },
        requestId: 't',
        locale: 'ja',
        ipAddress: null,
        userAgent: null,
        now: new Date(),
      },
      { fiscalYearId: fy },
    );
    const baseScore = new Map(base.items.map((i) => [i.menu.id, i.score]));
    expect(new Set(baseScore.keys())).toEqual(new Set((res.items as Item[]).map((i) => i.menu.id)));
    for (const item of res.items as Item[]) {
      const delta = item.score - baseScore.get(item.menu.id)!;
      expect(Math.abs(delta)).toBeLessThanOrEqual(1);
      if (!item.reasons.some((r) => r.code === 'past_outcomes')) expect(delta).toBe(0);
    }
    expect(base.items.some((i) => i.reasons.some((r) => r.code === 'past_outcomes'))).toBe(false);
  });
});

describe('closed holes (issue 10)', () => {
  it('a reviewer cannot change scores once the proposal is decided (14)', async () => {
    const p = await submitted();
    const a = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/assignments`,
      { reviewerUserId: await ctx.userIdOf('reviewer@pref.example.jp') },
      admin,
      201,
    );
    const saved = await ok(
      'PUT',
      `/api/menus/reviews/${a.id}`,
      { version: a.version, scores: { need: 2, effectiveness: 2, feasibility: 2, cost: 2 }, comment: '' },
      reviewer1,
    );
    await ok(
      'POST',
      `/api/menus/proposals/${p.id}/decision`,
      { version: p.version, decision: 'not_selected', reason: '費用対効果が低い' },
      admin,
    );
    const attempts = [
      [
        'PUT',
        `/api/menus/reviews/${a.id}`,
        {
          version: saved.version,
          scores: { need: 5, effectiveness: 5, feasibility: 5, cost: 5 },
          comment: '',
        },
      ],
      ['POST', `/api/menus/reviews/${a.id}/submit`, { version: saved.version }],
      ['POST', `/api/menus/reviews/${a.id}/conflict`, { version: saved.version, reason: '後から辞退' }],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await call(method, path, body, reviewer1);
      expect(res.status, `${method} ${path}`).toBe(422);
      expect(res.body.error.fields[0]).toMatchObject({ path: ['status'], code: 'proposal_decided' });
    }
    const [row] = await ctx.database.db.select().from(menuReviews).where(eq(menuReviews.id, a.id));
    expect(row).toMatchObject({
      status: 'assigned',
      version: saved.version,
      scores: { need: 2, effectiveness: 2, feasibility: 2, cost: 2 },
    });
  });

  it('a proposal returned for changes is still under review: its reviewer may score it', async () => {
    const p = await submitted();
    const a = await ok(
      'POST',
      `/api/menus/proposals/${p.id}/assignments`,
      { reviewerUserId: await ctx.userIdOf('reviewer@pref.example.jp') },
      admin,
      201,
    );
    await ok(
      'POST',
      `/api/menus/proposals/${p.id}/decision`,
      { version: p.version, decision: 'needs_modification', reason: '対象人数を明記してください。' },
      admin,
    );
    await ok(
      'PUT',
      `/api/menus/reviews/${a.id}`,
      { version: a.version, scores: { need: 4 }, comment: '' },
      reviewer1,
    );
  });

  it('GET /api/menus/advisors/{userId} answers 404 for a company user who is not an advisor (15)', async () => {
    const [companyBAdvisor] = await ctx.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'advisor@company-b.example.jp'));
    // A colleague at company B who holds the reviewer role, has no profile and is named on no menu.
    const [colleague] = await ctx.database.db
      .insert(users)
      .values({
        prefectureId: companyBAdvisor!.prefectureId,
        organizationId: companyBAdvisor!.organizationId,
        email: 'colleague@company-b.example.jp',
        displayName: '非公開 太郎',
        roles: ['reviewer'],
      })
      .returning();
    const path = `/api/menus/advisors/${colleague!.id}`;
    for (const cookie of [staff, companyA, reviewer1]) {
      const res = await call('GET', path, undefined, cookie);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('非公開');
      expect(JSON.stringify(res.body)).not.toContain('サンプルDX');
    }
    // Nor can anyone outside the company write a profile for them.
    expect(
      (await call('PUT', path, { skills: ['x'], qualifications: [], pastProjects: [], bio: '' }, companyA))
        .status,
    ).toBe(404);
    // The prefecture and the colleague's own company see them, and once a profile exists, so does everyone.
    expect((await ok('GET', path, undefined, admin)).displayName).toBe('非公開 太郎');
    const own = await ok('GET', path, undefined, companyB);
    expect(own).toMatchObject({ displayName: '非公開 太郎', version: null });
    await ok(
      'PUT',
      path,
      { skills: ['データ分析'], qualifications: [], pastProjects: [], bio: '' },
      companyB,
    );
    expect(await ok('GET', path, undefined, staff)).toMatchObject({
      displayName: '非公開 太郎',
      skills: ['データ分析'],
    });
  });

  it('the council secretariat receives no per-municipality recommendations (20)', async () => {
    const fy = await fyId(2024);
    const [nishiaizu] = await ctx.database.db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.code, '074055'));
    const secretariat = await ctx.sessionCookieFor('secretariat@council.example.jp');
    const path = `/api/menus/recommendations?fiscalYearId=${fy}&municipalityId=${nishiaizu!.id}`;
    const res = await call('GET', path, undefined, secretariat);
    expect(res.status).toBe(403);
    expect(res.body.items).toBeUndefined();
    expect((await ok('GET', path, undefined, admin)).hasProfile).toBe(true);
  });
});

describe('decision mails', () => {
  it('each member of the company reads the decision in the language of their account', async () => {
    const advisorA = await ctx.userIdOf('advisor@company-a.example.jp');
    await ctx.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, advisorA));
    try {
      const p = await submitted();
      await ok(
        'POST',
        `/api/menus/proposals/${p.id}/decision`,
        { version: p.version, decision: 'needs_modification', reason: 'Give the basis of the unit cost.' },
        admin,
      );
      const [mail] = await ctx.database.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, 'advisor@company-a.example.jp'))
        .orderBy(desc(mailOutbox.createdAt))
        .limit(1);
      expect(mail!.subject).toBe(
        '[Kakehashi] FY2030 (Reiwa 12) support menus: result for "RPA伴走支援": Needs modification',
      );
      expect(mail!.bodyText).toContain('Reason: Give the basis of the unit cost.');
      expect(mail!.bodyText).toContain('Please revise the proposal and submit it again.');
      expect(mail!.bodyText).toContain(`/menus/proposals/${p.id}`);
      expect(mail!.bodyText).not.toContain('様');
    } finally {
      await ctx.database.db.update(users).set({ locale: 'ja' }).where(eq(users.id, advisorA));
    }
  });
});

describe('home tasks', () => {
  // Runs last: it returns a demo menu of FY2024 (the catalog counts above assume 34).
  it('a company sees its returned proposal; a reviewer sees unscored assignments', async () => {
    const home = async (cookie: string) =>
      ((await ok('GET', '/api/home', undefined, cookie)).tasks as { kind: string; href: string }[]).filter(
        (t) => t.kind.startsWith('menu_'),
      );
    expect(await home(companyA)).toEqual([]);
    expect(await home(reviewer2)).toEqual([]);
    const fy = await fyId(2024);
    const [row] = await ctx.database.db
      .select()
      .from(menuProposals)
      .where(and(eq(menuProposals.fiscalYearId, fy), eq(menuProposals.title, '自治体DX研修の開催')));
    await ok(
      'POST',
      `/api/menus/proposals/${row!.id}/decision`,
      { version: row!.version, decision: 'needs_modification', reason: '対象人数を明記してください。' },
      admin,
    );
    expect(await home(companyA)).toEqual([
      expect.objectContaining({ kind: 'menu_proposal_returned', href: `/menus/proposals/${row!.id}` }),
    ]);
    expect(await home(companyB)).toEqual([]);
    await ctx.database.db
      .update(menuReviews)
      .set({ status: 'assigned' })
      .where(
        and(
          eq(menuReviews.proposalId, row!.id),
          eq(menuReviews.reviewerUserId, await ctx.userIdOf('reviewer2@pref.example.jp')),
        ),
      );
    expect((await home(reviewer2)).map((t) => t.kind)).toEqual(['menu_review']);
    // A final decision closes the review, so the task goes away.
    await ctx.database.db
      .update(menuProposals)
      .set({ status: 'selected' })
      .where(eq(menuProposals.id, row!.id));
    expect(await home(reviewer2)).toEqual([]);
  });
});
