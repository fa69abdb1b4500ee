import type { Role } from '../../../shared/roles';
import type { CaseStatus } from '../../../shared/schemas/cases';
import {
  type AccessFixture,
  type AccessRule,
  principalEmails,
  type RoleCombination,
} from '../../testing/access';
import { createSupportProject, insertCase, type ProjectFixture } from '../../testing/cases-fixtures';

/**
 * The public library is everyone's; the workflow belongs to the prefecture (drafts for any town,
 * approves last, unpublishes), the project's company (drafts its own projects) and the town the
 * case is about (approves first). Builders write fresh rows in the state each route needs, about
 * the staff's own town (西会津町) and company A's project, so permission alone decides.
 */

const projects = new WeakMap<AccessFixture, Promise<ProjectFixture>>();

/** Company A's project in 西会津町, made once per matrix run. */
function project(fx: AccessFixture): Promise<ProjectFixture> {
  let found = projects.get(fx);
  if (!found) {
    found = createSupportProject(fx.db, {
      municipalityId: fx.ownMunicipalityId,
      organizationId: fx.ownCompanyOrgId,
    });
    projects.set(fx, found);
  }
  return found;
}

async function caseIn(fx: AccessFixture, status: CaseStatus) {
  return insertCase(fx.db, await project(fx), { status });
}

const has = (c: RoleCombination, ...roles: Role[]) => c.roles.some((r) => roles.includes(r));
const isAdmin = (c: RoleCombination) => has(c, 'prefecture_admin');
const isTown = (c: RoleCombination) => c.organizationKind === 'municipality';
const isCompany = (c: RoleCombination) => c.organizationKind === 'company' && has(c, 'company_member');

const otherTown = 'dx@koriyama.example.jp';
const otherCompany = 'advisor@company-b.example.jp';

export const casesAccessRules: AccessRule[] = [
  // ---- Public -----------------------------------------------------------------------------------
  { method: 'GET', path: '/api/public/cases', allow: 'everyone' },
  { method: 'GET', path: '/api/public/cases/collection', allow: 'everyone' },
  { method: 'GET', path: '/api/public/cases/export', allow: 'everyone' },
  {
    method: 'GET',
    path: '/api/public/cases/:id',
    allow: 'everyone',
    request: async (fx) => ({ path: `/api/public/cases/${(await caseIn(fx, 'published')).id}` }),
    scopeChecks: [
      {
        name: 'a case awaiting approval is not public',
        as: otherTown,
        request: async (fx) => ({
          path: `/api/public/cases/${(await caseIn(fx, 'awaiting_prefecture')).id}`,
        }),
        expect: 'deny',
      },
    ],
  },

  // ---- Workflow ---------------------------------------------------------------------------------
  {
    method: 'GET',
    path: '/api/cases',
    allow: ['prefecture_admin', 'company_member', 'municipality_staff', 'municipality_head'],
    allowCombination: (c) => isAdmin(c) || isTown(c) || isCompany(c),
  },
  {
    method: 'POST',
    path: '/api/cases',
    allow: ['prefecture_admin', 'company_member'],
    request: async (fx) => {
      const p = await project(fx);
      return {
        body: {
          municipalityId: p.municipalityId,
          fiscalYearId: p.fiscalYearId,
          supportProjectId: p.id,
          title: '権限確認の事例',
          challengeAreas: ['bpr'],
        },
      };
    },
    allowCombination: (c) => isAdmin(c) || isCompany(c),
    scopeChecks: [
      {
        name: 'another company cannot write about this project',
        as: otherCompany,
        request: async (fx) => {
          const p = await project(fx);
          return {
            body: {
              municipalityId: p.municipalityId,
              fiscalYearId: p.fiscalYearId,
              supportProjectId: p.id,
              title: '他社の事例',
              challengeAreas: ['bpr'],
            },
          };
        },
        expect: 'deny',
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/cases/from-project',
    allow: ['prefecture_admin', 'company_member'],
    request: async (fx) => ({ body: { projectId: (await project(fx)).id } }),
    allowCombination: (c) => isAdmin(c) || isCompany(c),
    scopeChecks: [
      {
        name: 'another company cannot draft from this project',
        as: otherCompany,
        request: async (fx) => ({ body: { projectId: (await project(fx)).id } }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/cases/:id',
    allow: ['prefecture_admin', 'company_member', 'municipality_staff', 'municipality_head'],
    request: async (fx) => ({ path: `/api/cases/${(await caseIn(fx, 'awaiting_municipality')).id}` }),
    allowCombination: (c) => isAdmin(c) || isTown(c) || isCompany(c),
    scopeChecks: [
      {
        name: 'another town cannot read it',
        as: otherTown,
        request: async (fx) => ({ path: `/api/cases/${(await caseIn(fx, 'awaiting_municipality')).id}` }),
        expect: 'deny',
      },
      {
        name: 'another company cannot read it',
        as: otherCompany,
        request: async (fx) => ({ path: `/api/cases/${(await caseIn(fx, 'draft')).id}` }),
        expect: 'deny',
      },
      {
        name: 'the town does not see a draft never sent to it',
        as: principalEmails.municipality_staff,
        request: async (fx) => ({ path: `/api/cases/${(await caseIn(fx, 'draft')).id}` }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'PATCH',
    path: '/api/cases/:id',
    allow: ['prefecture_admin', 'company_member'],
    request: async (fx) => {
      const c = await caseIn(fx, 'draft');
      return { path: `/api/cases/${c.id}`, body: { version: c.version, title: '修正' } };
    },
    allowCombination: (c) => isAdmin(c) || isCompany(c),
  },
  {
    method: 'POST',
    path: '/api/cases/:id/submit',
    allow: ['prefecture_admin', 'company_member'],
    request: async (fx) => {
      const c = await caseIn(fx, 'draft');
      return { path: `/api/cases/${c.id}/submit`, body: { version: c.version } };
    },
    allowCombination: (c) => isAdmin(c) || isCompany(c),
  },
  {
    method: 'POST',
    path: '/api/cases/:id/approve',
    allow: ['municipality_staff', 'municipality_head'],
    request: async (fx) => {
      const c = await caseIn(fx, 'awaiting_municipality');
      return { path: `/api/cases/${c.id}/approve`, body: { version: c.version } };
    },
    allowCombination: isTown,
    scopeChecks: [
      {
        name: 'the prefecture gives the second approval',
        as: principalEmails.prefecture_admin,
        request: async (fx) => {
          const c = await caseIn(fx, 'awaiting_prefecture');
          return { path: `/api/cases/${c.id}/approve`, body: { version: c.version } };
        },
        expect: 'allow',
      },
      {
        name: 'the town cannot give the prefecture’s approval',
        as: principalEmails.municipality_head,
        request: async (fx) => {
          const c = await caseIn(fx, 'awaiting_prefecture');
          return { path: `/api/cases/${c.id}/approve`, body: { version: c.version } };
        },
        expect: 'deny',
      },
      {
        name: 'another town cannot approve',
        as: otherTown,
        request: async (fx) => {
          const c = await caseIn(fx, 'awaiting_municipality');
          return { path: `/api/cases/${c.id}/approve`, body: { version: c.version } };
        },
        expect: 'deny',
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/cases/:id/return',
    allow: ['municipality_staff', 'municipality_head'],
    request: async (fx) => {
      const c = await caseIn(fx, 'awaiting_municipality');
      return { path: `/api/cases/${c.id}/return`, body: { version: c.version, comment: '確認' } };
    },
    allowCombination: isTown,
    scopeChecks: [
      {
        name: 'the prefecture returns at its step',
        as: principalEmails.prefecture_admin,
        request: async (fx) => {
          const c = await caseIn(fx, 'awaiting_prefecture');
          return { path: `/api/cases/${c.id}/return`, body: { version: c.version, comment: '確認' } };
        },
        expect: 'allow',
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/cases/:id/unpublish',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const c = await caseIn(fx, 'published');
      return { path: `/api/cases/${c.id}/unpublish`, body: { version: c.version } };
    },
    allowCombination: isAdmin,
  },
];
