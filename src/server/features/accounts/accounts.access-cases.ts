import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { mailOutbox, users } from '../../db/schema';
import type { AccessFixture, AccessRule } from '../../testing/access';

/**
 * User management is the prefecture admin's alone. Builders make valid
 * requests (unique addresses, current versions, users still without a
 * password) so that permission alone decides the answer.
 */

const adminEmail = 'admin@pref.example.jp';
/** A user no principal signs in as, so changing it disturbs no other rule. */
const targetEmail = 'dx@koriyama.example.jp';

/** An address no account has yet. */
export function uniqueEmail(label: string): string {
  return `access-${label}-${randomBytes(4).toString('hex')}@example.jp`;
}

/** The token of the newest one-time link mailed to this address (read from the outbox, as the recipient would). */
export async function tokenMailedTo(fx: AccessFixture, email: string, pagePath: string): Promise<string> {
  const [mail] = await fx.db
    .select({ bodyText: mailOutbox.bodyText })
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, email))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  const match = mail?.bodyText.match(new RegExp(`${pagePath}\\?token=([\\w-]+)`));
  if (!match?.[1]) throw new Error(`No ${pagePath} link was mailed to ${email}`);
  return match[1];
}

/** Invites a new company member through the API as the admin; returns the account and its invitation token. */
export async function inviteFreshUser(
  fx: AccessFixture,
  label: string,
): Promise<{ id: string; email: string; token: string }> {
  const email = uniqueEmail(label);
  const res = await fx.request('POST', '/api/users/invitations', {
    cookie: await fx.cookieFor(adminEmail),
    body: {
      email,
      displayName: 'アクセス確認用',
      organizationId: fx.ownCompanyOrgId,
      roles: ['company_member'],
    },
  });
  if (res.status !== 201) throw new Error(`Could not invite ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  return { id: body.user.id, email, token: await tokenMailedTo(fx, email, '/invitations/accept') };
}

async function targetUser(fx: AccessFixture) {
  const [row] = await fx.db
    .select({ id: users.id, version: users.version, displayName: users.displayName })
    .from(users)
    .where(eq(users.email, targetEmail));
  if (!row) throw new Error(`Demo data has no ${targetEmail}`);
  return row;
}

export const accountsAccessRules: AccessRule[] = [
  {
    method: 'GET',
    path: '/api/users',
    allow: ['prefecture_admin'],
    scopeChecks: [
      {
        name: 'a municipality user cannot list users',
        as: 'dx@koriyama.example.jp',
        request: () => ({}),
        expect: 'deny',
      },
      {
        name: 'a company member cannot list their own company’s users here',
        as: 'advisor@company-b.example.jp',
        request: (fx) => ({ path: `/api/users?organizationId=${fx.otherCompanyOrgId}` }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/users/invitations',
    allow: ['prefecture_admin'],
    request: (fx) => ({
      body: {
        email: uniqueEmail('invite'),
        displayName: '招待 確認',
        organizationId: fx.ownCompanyOrgId,
        roles: ['company_member'],
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/users/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const user = await targetUser(fx);
      return {
        path: `/api/users/${user.id}`,
        body: { version: user.version, displayName: user.displayName },
      };
    },
    scopeChecks: [
      {
        name: 'a municipality user cannot edit even their own account here',
        as: targetEmail,
        request: async (fx) => {
          const user = await targetUser(fx);
          return {
            path: `/api/users/${user.id}`,
            body: { version: user.version, displayName: '自分で変更' },
          };
        },
        expect: 'deny',
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/users/:id/unlock',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/users/${(await targetUser(fx)).id}/unlock` }),
  },
  {
    method: 'POST',
    path: '/api/users/:id/mfa-reset',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/users/${(await targetUser(fx)).id}/mfa-reset` }),
  },
  {
    method: 'POST',
    path: '/api/users/:id/invitation',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/users/${(await inviteFreshUser(fx, 'resend')).id}/invitation` }),
  },
];
