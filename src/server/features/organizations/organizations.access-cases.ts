import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { organizations, users } from '../../db/schema';
import { type AccessFixture, type AccessRule, principalEmails } from '../../testing/access';

/**
 * Everyone signed in may list organizations (administrators and the council
 * secretariat see all, others their own) and see their own colleagues; only
 * the prefecture admin creates and edits organizations or sees other
 * organizations' members.
 */

async function organizationOf(fx: AccessFixture, email: string): Promise<string> {
  const [row] = await fx.db
    .select({ organizationId: users.organizationId })
    .from(users)
    .where(eq(users.email, email));
  if (!row) throw new Error(`Demo data has no ${email}`);
  return row.organizationId;
}

async function organizationVersion(fx: AccessFixture, id: string) {
  const [row] = await fx.db
    .select({ version: organizations.version, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, id));
  if (!row) throw new Error(`No organization ${id}`);
  return row;
}

export const organizationsAccessRules: AccessRule[] = [
  { method: 'GET', path: '/api/organizations', allow: 'signed-in' },
  {
    method: 'POST',
    path: '/api/organizations',
    allow: ['prefecture_admin'],
    request: () => {
      const suffix = randomBytes(4).toString('hex');
      return { body: { kind: 'company', name: `確認用株式会社 ${suffix}`, nameEn: `Check Co. ${suffix}` } };
    },
  },
  {
    method: 'PATCH',
    path: '/api/organizations/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const current = await organizationVersion(fx, fx.otherCompanyOrgId);
      return {
        path: `/api/organizations/${fx.otherCompanyOrgId}`,
        body: { version: current.version, name: current.name },
      };
    },
    scopeChecks: [
      {
        name: 'a company member cannot rename their own company',
        as: 'advisor@company-a.example.jp',
        request: async (fx) => {
          const current = await organizationVersion(fx, fx.ownCompanyOrgId);
          return {
            path: `/api/organizations/${fx.ownCompanyOrgId}`,
            body: { version: current.version, name: '改名' },
          };
        },
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/organizations/:id/members',
    allow: 'signed-in',
    // Each principal asks for its own organization: colleagues are visible to every member.
    request: async (fx, principal) => ({
      path: `/api/organizations/${
        principal === 'anonymous' ? fx.ownCompanyOrgId : await organizationOf(fx, principalEmails[principal])
      }/members`,
    }),
    scopeChecks: [
      {
        name: 'a company member cannot list another company’s members',
        as: 'advisor@company-a.example.jp',
        request: (fx) => ({ path: `/api/organizations/${fx.otherCompanyOrgId}/members` }),
        expect: 'deny',
      },
      {
        name: 'a company member lists their own company’s members',
        as: 'advisor@company-a.example.jp',
        request: (fx) => ({ path: `/api/organizations/${fx.ownCompanyOrgId}/members` }),
        expect: 'allow',
      },
      {
        name: 'a municipality cannot list another municipality’s staff',
        as: 'dx@nishiaizu.example.jp',
        request: async (fx) => ({
          path: `/api/organizations/${await organizationOf(fx, 'dx@koriyama.example.jp')}/members`,
        }),
        expect: 'deny',
      },
      {
        name: 'the council secretariat cannot list a company’s members',
        as: 'secretariat@council.example.jp',
        request: (fx) => ({ path: `/api/organizations/${fx.ownCompanyOrgId}/members` }),
        expect: 'deny',
      },
      {
        name: 'the prefecture admin lists any organization’s members',
        as: 'admin@pref.example.jp',
        request: (fx) => ({ path: `/api/organizations/${fx.otherCompanyOrgId}/members` }),
        expect: 'allow',
      },
    ],
  },
];
