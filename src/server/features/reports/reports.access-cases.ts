import { and, eq } from 'drizzle-orm';
import { fiscalYears, programs } from '../../db/schema';
import type { AccessFixture, AccessRule } from '../../testing/access';
import { otherMunicipalityStaffEmail, principalEmails } from '../../testing/access';

/**
 * The prefecture and the council read the budget, the summary sheets and every municipality's
 * profile; a municipality only its own profile (another town's → 404); companies and reviewers
 * nothing. Open data is public: everyone, signed in or not. Reports only read, so the demo data
 * serves every call.
 */

const readers = ['prefecture_admin', 'council_secretariat'] as const;

async function dispatchProgramId(fx: AccessFixture): Promise<string> {
  const [row] = await fx.db
    .select({ id: programs.id })
    .from(programs)
    .innerJoin(fiscalYears, eq(fiscalYears.id, programs.fiscalYearId))
    .where(and(eq(fiscalYears.year, 2024), eq(programs.kind, 'advisor_dispatch')));
  if (!row) throw new Error('Demo data has no FY2024 dispatch program');
  return row.id;
}

const profileScopeChecks = (suffix: string) => [
  {
    name: 'another municipality cannot read this profile',
    as: otherMunicipalityStaffEmail,
    request: (fx: AccessFixture) => ({
      path: `/api/reports/municipalities/${fx.ownMunicipalityId}/profile${suffix}`,
    }),
    expect: 'deny' as const,
  },
  {
    name: 'the head reads the own municipality’s profile',
    as: principalEmails.municipality_head,
    request: (fx: AccessFixture) => ({
      path: `/api/reports/municipalities/${fx.ownMunicipalityId}/profile${suffix}`,
    }),
    expect: 'allow' as const,
  },
];

export const reportsAccessRules: AccessRule[] = [
  { method: 'GET', path: '/api/reports/budget', allow: readers },
  {
    method: 'GET',
    path: '/api/reports/budget/export',
    allow: readers,
    request: () => ({ path: '/api/reports/budget/export?format=csv' }),
  },
  { method: 'GET', path: '/api/reports/summary-sheets', allow: readers },
  {
    method: 'GET',
    path: '/api/reports/summary-sheets/:id',
    allow: readers,
    request: async (fx) => ({ path: `/api/reports/summary-sheets/${await dispatchProgramId(fx)}` }),
  },
  {
    method: 'GET',
    path: '/api/reports/summary-sheets/:id/export',
    allow: readers,
    request: async (fx) => ({
      path: `/api/reports/summary-sheets/${await dispatchProgramId(fx)}/export?format=xlsx`,
    }),
  },
  {
    method: 'GET',
    path: '/api/reports/municipalities/:id/profile',
    allow: [...readers, 'municipality_staff', 'municipality_head'],
    request: (fx) => ({ path: `/api/reports/municipalities/${fx.ownMunicipalityId}/profile` }),
    scopeChecks: profileScopeChecks(''),
  },
  {
    method: 'GET',
    path: '/api/reports/municipalities/:id/profile/export',
    allow: [...readers, 'municipality_staff', 'municipality_head'],
    request: (fx) => ({
      path: `/api/reports/municipalities/${fx.ownMunicipalityId}/profile/export?format=csv`,
    }),
    scopeChecks: profileScopeChecks('/export?format=xlsx'),
  },
  { method: 'GET', path: '/api/open-data', allow: 'everyone' },
  {
    method: 'GET',
    path: '/api/open-data/:file',
    allow: 'everyone',
    request: () => ({ path: '/api/open-data/070009_support_projects.csv' }),
  },
];
