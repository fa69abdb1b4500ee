import { and, eq, sql } from 'drizzle-orm';
import { fiscalYears, menuProposals, organizations, users } from '../../db/schema';
import { demoRubric } from '../../db/seed/menus-demo';
import {
  type AccessFixture,
  type AccessRule,
  otherCompanyMemberEmail,
  otherMunicipalityStaffEmail,
  principalEmails,
} from '../../testing/access';

/**
 * Companies see and edit only their own proposals; reviewers only what they are assigned; the
 * admin runs the call; everyone signed in reads the catalog. Builders prepare fresh rows through
 * the API (in a year of their own with no deadline) so permission alone decides the answer.
 */

const adminEmail = principalEmails.prefecture_admin;
const companyEmail = principalEmails.company_member;
const reviewerEmail = principalEmails.reviewer;

async function call(fx: AccessFixture, email: string, method: string, path: string, body?: unknown) {
  const res = await fx.request(method, path, { cookie: await fx.cookieFor(email), body });
  if (res.status >= 300) throw new Error(`${method} ${path} as ${email}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function fy2024(fx: AccessFixture): Promise<string> {
  const [row] = await fx.db
    .select({ id: fiscalYears.id })
    .from(fiscalYears)
    .where(eq(fiscalYears.year, 2024));
  return row!.id;
}

/** A seeded, selected FY2024 menu of company A (the reviewer demo account scored it). */
async function companyAMenu(fx: AccessFixture): Promise<string> {
  const [row] = await fx.db
    .select({ id: menuProposals.id })
    .from(menuProposals)
    .innerJoin(organizations, eq(organizations.id, menuProposals.organizationId))
    .where(and(eq(menuProposals.organizationId, fx.ownCompanyOrgId), eq(menuProposals.status, 'selected')))
    .limit(1);
  return row!.id;
}

const openYears = new WeakMap<AccessFixture, Promise<string>>();

/** A fiscal year made for these checks: a rubric and no proposal deadline. */
function openYear(fx: AccessFixture): Promise<string> {
  let found = openYears.get(fx);
  if (!found) {
    found = (async () => {
      const [row] = await fx.db
        .select({ year: sql<number>`max(${fiscalYears.year})::int` })
        .from(fiscalYears)
        .where(sql`${fiscalYears.year} < 2090`);
      const year = Math.max(Number(row?.year ?? 2040), 2040) + 1;
      const created = await call(fx, adminEmail, 'POST', '/api/fiscal-years', { year });
      await call(fx, adminEmail, 'PUT', `/api/menus/settings/${created.id}`, {
        criteria: demoRubric,
      });
      return created.id as string;
    })();
    openYears.set(fx, found);
  }
  return found;
}

async function draft(fx: AccessFixture): Promise<{ id: string; version: number }> {
  return call(fx, companyEmail, 'POST', '/api/menus/proposals', {
    fiscalYearId: await openYear(fx),
    title: '権限確認用の提案',
    challengeAreas: ['bpr'],
    format: 'online',
    capacity: 2,
    unitCostThousandYen: 500,
  });
}

async function submitted(fx: AccessFixture): Promise<{ id: string; version: number }> {
  const d = await draft(fx);
  return call(fx, companyEmail, 'POST', `/api/menus/proposals/${d.id}/submit`, { version: d.version });
}

async function assignment(
  fx: AccessFixture,
  reviewer = reviewerEmail,
): Promise<{ id: string; version: number }> {
  const p = await submitted(fx);
  return call(fx, adminEmail, 'POST', `/api/menus/proposals/${p.id}/assignments`, {
    reviewerUserId: await fx.userIdOf(reviewer),
  });
}

async function companyAdvisor(fx: AccessFixture) {
  const id = await fx.userIdOf(companyEmail);
  const profile = await call(fx, adminEmail, 'GET', `/api/menus/advisors/${id}`);
  return { id, version: profile.version as number | null };
}

const nonAdvisors = new WeakMap<AccessFixture, Promise<string>>();

/**
 * A member of company A who is not an advisor: they hold only the reviewer role, have no profile
 * and are named on no menu. Outside their company and the prefecture, their id finds nothing.
 */
function nonAdvisorOfCompanyA(fx: AccessFixture): Promise<string> {
  let found = nonAdvisors.get(fx);
  if (!found) {
    found = (async () => {
      const [colleague] = await fx.db.select().from(users).where(eq(users.email, companyEmail));
      const [created] = await fx.db
        .insert(users)
        .values({
          prefectureId: colleague!.prefectureId,
          organizationId: fx.ownCompanyOrgId,
          email: 'not-an-advisor@company-a.example.jp',
          displayName: '非アドバイザー（権限確認）',
          roles: ['reviewer'],
        })
        .returning({ id: users.id });
      return created!.id;
    })();
    nonAdvisors.set(fx, found);
  }
  return found;
}

const profileBody = {
  skills: ['RPA導入'],
  qualifications: ['ITストラテジスト'],
  pastProjects: ['西会津町 業務改善（令和5年度）'],
  bio: '権限確認',
};

export const menusAccessRules: AccessRule[] = [
  {
    method: 'GET',
    path: '/api/menus/settings',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/menus/settings?fiscalYearId=${await fy2024(fx)}` }),
  },
  {
    method: 'PUT',
    path: '/api/menus/settings/:fiscalYearId',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const id = await fy2024(fx);
      const current = await call(fx, adminEmail, 'GET', `/api/menus/settings?fiscalYearId=${id}`);
      return {
        path: `/api/menus/settings/${id}`,
        body: {
          version: current.version,
          criteria: current.criteria,
        },
      };
    },
  },
  { method: 'GET', path: '/api/menus/reviewers', allow: ['prefecture_admin'] },
  {
    method: 'GET',
    path: '/api/menus/proposals',
    allow: ['prefecture_admin', 'reviewer', 'company_member'],
    request: async (fx) => ({ path: `/api/menus/proposals?fiscalYearId=${await fy2024(fx)}` }),
  },
  {
    method: 'POST',
    path: '/api/menus/proposals',
    allow: ['company_member'],
    request: async (fx) => ({
      body: {
        fiscalYearId: await openYear(fx),
        title: '新しい提案',
        challengeAreas: ['security'],
        format: 'hybrid',
        capacity: 3,
        unitCostThousandYen: 1200,
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/menus/proposals/:id',
    allow: ['prefecture_admin', 'reviewer', 'company_member'],
    request: async (fx) => ({ path: `/api/menus/proposals/${await companyAMenu(fx)}` }),
    scopeChecks: [
      {
        name: 'another company cannot see this proposal',
        as: otherCompanyMemberEmail,
        request: async (fx) => ({ path: `/api/menus/proposals/${await companyAMenu(fx)}` }),
        expect: 'deny',
      },
      {
        name: 'a reviewer not assigned cannot see this proposal',
        as: reviewerEmail,
        request: async (fx) => ({ path: `/api/menus/proposals/${(await submitted(fx)).id}` }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'PATCH',
    path: '/api/menus/proposals/:id',
    allow: ['company_member'],
    request: async (fx) => {
      const d = await draft(fx);
      return { path: `/api/menus/proposals/${d.id}`, body: { version: d.version, title: '修正した提案' } };
    },
    scopeChecks: [
      {
        name: 'another company cannot edit this proposal',
        as: otherCompanyMemberEmail,
        request: async (fx) => {
          const d = await draft(fx);
          return { path: `/api/menus/proposals/${d.id}`, body: { version: d.version, title: '乗っ取り' } };
        },
        expect: 'deny',
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/menus/proposals/:id/submit',
    allow: ['company_member'],
    request: async (fx) => {
      const d = await draft(fx);
      return { path: `/api/menus/proposals/${d.id}/submit`, body: { version: d.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/menus/proposals/:id/decision',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const p = await submitted(fx);
      return {
        path: `/api/menus/proposals/${p.id}/decision`,
        body: { version: p.version, decision: 'selected', reason: '' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/menus/proposals/:id/assignments',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const p = await submitted(fx);
      return {
        path: `/api/menus/proposals/${p.id}/assignments`,
        body: { reviewerUserId: await fx.userIdOf(reviewerEmail) },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/menus/assignments/bulk',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const p = await submitted(fx);
      return {
        path: '/api/menus/assignments/bulk',
        body: { proposalIds: [p.id], reviewerUserIds: [await fx.userIdOf(reviewerEmail)] },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/menus/assignments/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const a = await assignment(fx);
      return { path: `/api/menus/assignments/${a.id}?version=${a.version}` };
    },
  },
  {
    method: 'GET',
    path: '/api/menus/proposals/:id/reviews',
    allow: ['prefecture_admin', 'reviewer'],
    request: async (fx) => ({ path: `/api/menus/proposals/${await companyAMenu(fx)}/reviews` }),
    scopeChecks: [
      {
        name: 'a reviewer not assigned cannot see the reviews',
        as: reviewerEmail,
        request: async (fx) => ({ path: `/api/menus/proposals/${(await submitted(fx)).id}/reviews` }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/menus/reviews/mine',
    allow: ['reviewer'],
    request: async (fx) => ({ path: `/api/menus/reviews/mine?fiscalYearId=${await fy2024(fx)}` }),
  },
  {
    method: 'PUT',
    path: '/api/menus/reviews/:id',
    allow: ['reviewer'],
    request: async (fx) => {
      const a = await assignment(fx);
      return {
        path: `/api/menus/reviews/${a.id}`,
        body: { version: a.version, scores: { need: 4 }, comment: '' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/menus/reviews/:id/submit',
    allow: ['reviewer'],
    request: async (fx) => {
      const a = await assignment(fx);
      const saved = await call(fx, reviewerEmail, 'PUT', `/api/menus/reviews/${a.id}`, {
        version: a.version,
        scores: { need: 4, effectiveness: 4, feasibility: 3, cost: 5 },
        comment: '良い提案',
      });
      return { path: `/api/menus/reviews/${a.id}/submit`, body: { version: saved.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/menus/reviews/:id/conflict',
    allow: ['reviewer'],
    request: async (fx) => {
      const a = await assignment(fx);
      return {
        path: `/api/menus/reviews/${a.id}/conflict`,
        body: { version: a.version, reason: '提案企業と取引関係があるため' },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/menus/ranking',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/menus/ranking?fiscalYearId=${await fy2024(fx)}` }),
  },
  {
    method: 'GET',
    path: '/api/menus/catalog',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/menus/catalog?fiscalYearId=${await fy2024(fx)}&area=bpr` }),
  },
  {
    method: 'GET',
    path: '/api/menus/catalog/:id',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/menus/catalog/${await companyAMenu(fx)}` }),
  },
  {
    method: 'GET',
    path: '/api/menus/recommendations',
    // Derived from the municipality's survey answers: the town itself and the prefecture only,
    // never the council secretariat (it may not read survey results).
    allow: ['prefecture_admin', 'municipality_staff', 'municipality_head'],
    request: async (fx) => ({
      path: `/api/menus/recommendations?fiscalYearId=${await fy2024(fx)}&municipalityId=${fx.ownMunicipalityId}`,
    }),
    scopeChecks: [
      {
        name: 'another municipality cannot see these recommendations',
        as: otherMunicipalityStaffEmail,
        request: async (fx) => ({
          path: `/api/menus/recommendations?fiscalYearId=${await fy2024(fx)}&municipalityId=${fx.ownMunicipalityId}`,
        }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/menus/advisors',
    allow: ['prefecture_admin', 'company_member'],
    request: (fx) => ({ path: `/api/menus/advisors?organizationId=${fx.ownCompanyOrgId}` }),
    scopeChecks: [
      {
        name: 'another company cannot list this company’s members',
        as: otherCompanyMemberEmail,
        request: (fx) => ({ path: `/api/menus/advisors?organizationId=${fx.ownCompanyOrgId}` }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/menus/advisors/:userId',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/menus/advisors/${await fx.userIdOf(companyEmail)}` }),
    scopeChecks: [
      ...[
        otherMunicipalityStaffEmail,
        otherCompanyMemberEmail,
        reviewerEmail,
        principalEmails.council_secretariat,
      ].map((as) => ({
        name: `a company user who is not an advisor is not found by ${as}`,
        as,
        request: async (fx: AccessFixture) => ({
          path: `/api/menus/advisors/${await nonAdvisorOfCompanyA(fx)}`,
        }),
        expect: 'deny' as const,
      })),
      {
        name: 'their own company sees a member who is not an advisor',
        as: companyEmail,
        request: async (fx) => ({ path: `/api/menus/advisors/${await nonAdvisorOfCompanyA(fx)}` }),
        expect: 'allow',
      },
    ],
  },
  {
    method: 'PUT',
    path: '/api/menus/advisors/:userId',
    allow: ['company_member'],
    request: async (fx) => {
      const a = await companyAdvisor(fx);
      return {
        path: `/api/menus/advisors/${a.id}`,
        body: { ...profileBody, version: a.version ?? undefined },
      };
    },
    scopeChecks: [
      {
        name: 'another company cannot edit this advisor profile',
        as: otherCompanyMemberEmail,
        request: async (fx) => {
          const a = await companyAdvisor(fx);
          return {
            path: `/api/menus/advisors/${a.id}`,
            body: { ...profileBody, version: a.version ?? undefined },
          };
        },
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/menus/exports/proposals.xlsx',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/menus/exports/proposals.xlsx?fiscalYearId=${await fy2024(fx)}` }),
  },
  {
    method: 'GET',
    path: '/api/menus/exports/scores.xlsx',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/menus/exports/scores.xlsx?fiscalYearId=${await fy2024(fx)}` }),
  },
  {
    method: 'GET',
    path: '/api/menus/exports/catalog.xlsx',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/menus/exports/catalog.xlsx?fiscalYearId=${await fy2024(fx)}` }),
  },
];
