import { and, eq, sql } from 'drizzle-orm';
import {
  fiscalYears,
  menuProposals,
  prefectures,
  projectActivities,
  projectReports,
  supportProjects,
} from '../../db/schema';
import {
  type AccessFixture,
  type AccessRule,
  otherCompanyMemberEmail,
  otherMunicipalityStaffEmail,
  principalEmails,
} from '../../testing/access';

/**
 * The prefecture steers every project; the council reads them all; a company reads and delivers
 * its own (西会津町's project on a menu of デモ情報システム here); a municipality reads its own.
 * Each writing request gets a fresh project of FY2024 (its sessions lie in the past) in the state
 * the route needs, so permission alone decides the answer.
 */

const adminEmail = principalEmails.prefecture_admin;
const readers = [
  'prefecture_admin',
  'council_secretariat',
  'company_member',
  'municipality_staff',
  'municipality_head',
] as const;
const deliverers = ['prefecture_admin', 'company_member'] as const;

interface Base {
  prefectureId: string;
  fiscalYearId: string;
  menuId: string;
  /** A project with one session and an attachment on it, for the read routes. */
  projectId: string;
  attachmentId: string;
}
const bases = new WeakMap<AccessFixture, Promise<Base>>();

function base(fx: AccessFixture): Promise<Base> {
  let found = bases.get(fx);
  if (!found) {
    found = (async () => {
      const [pref] = await fx.db.select({ id: prefectures.id }).from(prefectures).limit(1);
      const [fy] = await fx.db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
      const [menu] = await fx.db
        .select({ id: menuProposals.id })
        .from(menuProposals)
        .where(
          and(eq(menuProposals.fiscalYearId, fy!.id), eq(menuProposals.organizationId, fx.ownCompanyOrgId)),
        )
        .limit(1);
      const b = { prefectureId: pref!.id, fiscalYearId: fy!.id, menuId: menu!.id };
      const projectId = await project(fx, b, 'in_progress');
      const activityId = await activity(fx, b.prefectureId, projectId);
      const attachmentId = await attach(fx, projectId, activityId);
      return { ...b, projectId, attachmentId };
    })();
    bases.set(fx, found);
  }
  return found;
}

async function project(
  fx: AccessFixture,
  b: { prefectureId: string; fiscalYearId: string; menuId: string },
  status: 'planned' | 'in_progress' | 'completed',
): Promise<string> {
  const [row] = await fx.db
    .insert(supportProjects)
    .values({
      prefectureId: b.prefectureId,
      fiscalYearId: b.fiscalYearId,
      municipalityId: fx.ownMunicipalityId,
      menuProposalId: b.menuId,
      organizationId: fx.ownCompanyOrgId,
      title: '権限確認の支援',
      companyName: 'デモ情報システム株式会社',
      costThousandYen: 1_000,
      status,
      source: 'allocation',
    })
    .returning({ id: supportProjects.id });
  return row!.id;
}

async function fresh(fx: AccessFixture, status: 'planned' | 'in_progress' | 'completed') {
  return project(fx, await base(fx), status);
}

async function activity(fx: AccessFixture, prefectureId: string, projectId: string) {
  const [row] = await fx.db
    .insert(projectActivities)
    .values({ prefectureId, projectId, date: '2024-08-01', mode: 'online', minutes: 60, done: '権限確認' })
    .returning({ id: projectActivities.id });
  return row!.id;
}

const pdfForm = (activityId?: string) => {
  const form = new FormData();
  form.append('file', new Blob([new TextEncoder().encode('%PDF-1.7\n権限確認')]), 'check.pdf');
  if (activityId) form.append('activityId', activityId);
  return form;
};

async function attach(fx: AccessFixture, projectId: string, activityId: string): Promise<string> {
  const res = await fx.request('POST', `/api/projects/${projectId}/attachments`, {
    cookie: await fx.cookieFor(adminEmail),
    body: pdfForm(activityId),
  });
  if (res.status !== 201) throw new Error(`attachment: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A completed project with a report in the given state (version 1). */
async function withReport(fx: AccessFixture, status: 'draft' | 'submitted') {
  const b = await base(fx);
  const projectId = await project(fx, b, 'completed');
  await activity(fx, b.prefectureId, projectId);
  await fx.db.insert(projectReports).values({
    prefectureId: b.prefectureId,
    projectId,
    status,
    summary: '概要',
    challenge: '課題',
    approach: '取組',
    tools: 'ツール',
    effect: '効果',
  });
  return projectId;
}

/** A fiscal year of its own (the settings of a year are saved once with version null). */
async function freshYear(fx: AccessFixture) {
  const b = await base(fx);
  const [max] = await fx.db
    .select({ year: sql<number>`max(${fiscalYears.year})::int` })
    .from(fiscalYears)
    .where(sql`${fiscalYears.year} >= 5000`);
  const year = Math.max(Number(max?.year ?? 4999), 4999) + 1;
  const [fy] = await fx.db
    .insert(fiscalYears)
    .values({ prefectureId: b.prefectureId, year, status: 'planning' })
    .returning({ id: fiscalYears.id });
  return fy!.id;
}

const session = {
  date: '2024-08-02',
  mode: 'online',
  hours: 1,
  headCount: 0,
  dxLeadCount: 1,
  staffCount: 1,
  done: '権限確認',
  nextSteps: '',
};

const otherCompanyDenied = (path: (fx: AccessFixture) => Promise<string>) => [
  {
    name: 'another company cannot reach this project',
    as: otherCompanyMemberEmail,
    request: async (fx: AccessFixture) => ({ path: await path(fx) }),
    expect: 'deny' as const,
  },
  {
    name: 'another municipality cannot reach this project',
    as: otherMunicipalityStaffEmail,
    request: async (fx: AccessFixture) => ({ path: await path(fx) }),
    expect: 'deny' as const,
  },
];

export const projectsAccessRules: AccessRule[] = [
  {
    method: 'GET',
    path: '/api/projects',
    allow: readers,
    request: async (fx) => ({ path: `/api/projects?fiscalYearId=${(await base(fx)).fiscalYearId}` }),
  },
  {
    method: 'GET',
    path: '/api/projects/:id',
    allow: readers,
    request: async (fx) => ({ path: `/api/projects/${(await base(fx)).projectId}` }),
    scopeChecks: otherCompanyDenied(async (fx) => `/api/projects/${(await base(fx)).projectId}`),
  },
  {
    method: 'PUT',
    path: '/api/projects/:id/plan',
    allow: deliverers,
    request: async (fx) => ({
      path: `/api/projects/${await fresh(fx, 'planned')}/plan`,
      body: {
        goals: '権限確認',
        sessionsPlanned: 1,
        scheduleFrom: null,
        scheduleTo: null,
        advisorProfileIds: [],
        version: null,
      },
    }),
  },
  {
    method: 'POST',
    path: '/api/projects/:id/activities',
    allow: deliverers,
    request: async (fx) => ({
      path: `/api/projects/${await fresh(fx, 'planned')}/activities`,
      body: session,
    }),
    scopeChecks: [
      {
        name: 'another company cannot log a session on this project',
        as: otherCompanyMemberEmail,
        request: async (fx) => ({
          path: `/api/projects/${await fresh(fx, 'planned')}/activities`,
          body: session,
        }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'PATCH',
    path: '/api/project-activities/:id',
    allow: deliverers,
    request: async (fx) => {
      const b = await base(fx);
      const id = await activity(fx, b.prefectureId, await fresh(fx, 'in_progress'));
      return { path: `/api/project-activities/${id}`, body: { ...session, version: 1 } };
    },
    scopeChecks: [
      {
        name: 'another company cannot edit a session of this project',
        as: otherCompanyMemberEmail,
        request: async (fx) => {
          const b = await base(fx);
          const id = await activity(fx, b.prefectureId, await fresh(fx, 'in_progress'));
          return { path: `/api/project-activities/${id}`, body: { ...session, version: 1 } };
        },
        expect: 'deny',
      },
      {
        name: 'the project’s own company cannot edit a session once the sessions are complete',
        as: principalEmails.company_member,
        request: async (fx) => {
          const b = await base(fx);
          const id = await activity(fx, b.prefectureId, await fresh(fx, 'completed'));
          return { path: `/api/project-activities/${id}`, body: { ...session, version: 1 } };
        },
        expect: 'deny',
      },
    ],
  },
  {
    method: 'DELETE',
    path: '/api/project-activities/:id',
    allow: deliverers,
    request: async (fx) => {
      const b = await base(fx);
      const id = await activity(fx, b.prefectureId, await fresh(fx, 'in_progress'));
      return { path: `/api/project-activities/${id}` };
    },
  },
  {
    method: 'POST',
    path: '/api/projects/:id/attachments',
    allow: deliverers,
    request: async (fx) => {
      const b = await base(fx);
      const projectId = await fresh(fx, 'in_progress');
      const activityId = await activity(fx, b.prefectureId, projectId);
      return { path: `/api/projects/${projectId}/attachments`, body: pdfForm(activityId) };
    },
  },
  {
    method: 'GET',
    path: '/api/project-attachments/:id',
    allow: readers,
    request: async (fx) => ({ path: `/api/project-attachments/${(await base(fx)).attachmentId}` }),
    scopeChecks: otherCompanyDenied(
      async (fx) => `/api/project-attachments/${(await base(fx)).attachmentId}`,
    ),
  },
  {
    method: 'DELETE',
    path: '/api/project-attachments/:id',
    allow: deliverers,
    request: async (fx) => {
      const b = await base(fx);
      const projectId = await fresh(fx, 'in_progress');
      const id = await attach(fx, projectId, await activity(fx, b.prefectureId, projectId));
      return { path: `/api/project-attachments/${id}` };
    },
  },
  {
    method: 'PUT',
    path: '/api/projects/:id/exceedance',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/projects/${await fresh(fx, 'in_progress')}/exceedance`,
      body: { reason: '権限確認' },
    }),
  },
  {
    method: 'POST',
    path: '/api/projects/:id/complete',
    allow: deliverers,
    request: async (fx) => {
      const b = await base(fx);
      const projectId = await fresh(fx, 'in_progress');
      await activity(fx, b.prefectureId, projectId);
      return { path: `/api/projects/${projectId}/complete` };
    },
  },
  {
    method: 'POST',
    path: '/api/projects/:id/cancel',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/projects/${await fresh(fx, 'planned')}/cancel`,
      body: { reason: '権限確認' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/projects/:id/report',
    allow: ['company_member'],
    request: async (fx) => ({
      path: `/api/projects/${await fresh(fx, 'completed')}/report`,
      body: {
        summary: '概要',
        challenge: '',
        approach: '',
        tools: '',
        effect: '',
        remainingIssues: '',
        version: null,
      },
    }),
  },
  {
    method: 'POST',
    path: '/api/projects/:id/report/submit',
    allow: ['company_member'],
    request: async (fx) => ({
      path: `/api/projects/${await withReport(fx, 'draft')}/report/submit`,
      body: { version: 1 },
    }),
  },
  {
    method: 'POST',
    path: '/api/projects/:id/report/return',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/projects/${await withReport(fx, 'submitted')}/report/return`,
      body: { version: 1, comment: '権限確認' },
    }),
  },
  {
    method: 'POST',
    path: '/api/projects/:id/report/approve',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/projects/${await withReport(fx, 'submitted')}/report/approve`,
      body: { version: 1 },
    }),
  },
  { method: 'GET', path: '/api/project-reports/overdue', allow: ['prefecture_admin', 'council_secretariat'] },
  {
    method: 'GET',
    path: '/api/project-settings',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/project-settings?fiscalYearId=${(await base(fx)).fiscalYearId}` }),
  },
  {
    method: 'PUT',
    path: '/api/project-settings',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      body: {
        fiscalYearId: await freshYear(fx),
        maxOnsiteDays: 3,
        maxOnlineHours: 10,
        reportDueBusinessDays: 10,
        version: null,
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/project-load',
    allow: ['prefecture_admin', 'council_secretariat', 'company_member'],
    request: async (fx) => ({ path: `/api/project-load?fiscalYearId=${(await base(fx)).fiscalYearId}` }),
  },
];
