import type { AccessRule, RoleCombination } from '../../testing/access';
import { otherCompanyMemberEmail, otherMunicipalityStaffEmail } from '../../testing/access';

/**
 * The prefecture (admins, and reviewers of its own organization), the council secretariat and
 * municipal users read the dashboards (a town its own rows); the left-behind list is the
 * prefecture's and the council's. Companies, and a reviewer role held outside the prefecture, get
 * nothing. Every route is a GET over the seeded demo data.
 */
const readers = [
  'prefecture_admin',
  'reviewer',
  'council_secretariat',
  'municipality_staff',
  'municipality_head',
] as const;
const leftBehindReaders = ['prefecture_admin', 'reviewer', 'council_secretariat'] as const;

function readsDashboards(c: RoleCombination): boolean {
  switch (c.organizationKind) {
    case 'prefecture':
      return true;
    case 'council':
      return c.roles.includes('council_secretariat');
    case 'municipality':
      return true;
    case 'company':
      return false;
  }
}
function readsLeftBehind(c: RoleCombination): boolean {
  return c.organizationKind !== 'municipality' && readsDashboards(c);
}

const companyDenied = (path: string) => ({
  name: `another company cannot read ${path}`,
  as: otherCompanyMemberEmail,
  request: () => ({ path }),
  expect: 'deny' as const,
});

export const dashboardsAccessRules: AccessRule[] = [
  ...(['coverage', 'maturity', 'seminars'] as const).map(
    (view): AccessRule => ({
      method: 'GET',
      path: `/api/dashboards/${view}`,
      allow: readers,
      allowCombination: readsDashboards,
      request: () => ({ path: `/api/dashboards/${view}?fiscalYear=2024` }),
      scopeChecks: [companyDenied(`/api/dashboards/${view}`)],
    }),
  ),
  {
    method: 'GET',
    path: '/api/dashboards/left-behind',
    allow: leftBehindReaders,
    allowCombination: readsLeftBehind,
    request: () => ({ path: '/api/dashboards/left-behind?fiscalYear=2024' }),
    scopeChecks: [
      {
        name: 'another municipality cannot list who is left behind',
        as: otherMunicipalityStaffEmail,
        request: () => ({ path: '/api/dashboards/left-behind' }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/dashboards/export',
    allow: readers,
    allowCombination: readsDashboards,
    request: () => ({ path: '/api/dashboards/export?table=coverage&format=csv&fiscalYear=2024' }),
    scopeChecks: [
      {
        name: 'a municipality cannot export the left-behind list',
        as: otherMunicipalityStaffEmail,
        request: () => ({ path: '/api/dashboards/export?table=left_behind&format=xlsx' }),
        expect: 'deny',
      },
      companyDenied('/api/dashboards/export?table=seminars&format=csv'),
    ],
  },
  {
    method: 'GET',
    path: '/api/dashboards/boundaries',
    allow: readers,
    allowCombination: readsDashboards,
  },
];
