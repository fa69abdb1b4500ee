import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { demoPassword } from '../../db/seed/demo-accounts';
import { hashPassword } from '../../platform/auth/password';
import { type AccessFixture, type AccessRule, type Principal, principalEmails } from '../../testing/access';
import { inviteFreshUser, tokenMailedTo, uniqueEmail } from '../accounts/accounts.access-cases';

/**
 * The link-based steps are open to everyone (the link is the credential);
 * changing one's password needs a session. Builders fetch real links from
 * the outbox, so each call is one that would succeed.
 */

const temporaryPassword = 'Access-Matrix-Temporary-Password';
let temporaryHash: Promise<string> | null = null;

/**
 * Gives the principal's demo account a temporary password and returns a
 * change back to the demo password: valid, and it leaves the account as it was.
 */
async function passwordChangeFor(fx: AccessFixture, principal: Principal) {
  if (principal !== 'anonymous') {
    temporaryHash ??= hashPassword(temporaryPassword);
    await fx.db
      .update(users)
      .set({ passwordHash: await temporaryHash })
      .where(eq(users.email, principalEmails[principal]));
  }
  return { body: { currentPassword: temporaryPassword, newPassword: demoPassword } };
}

async function acceptedUser(fx: AccessFixture, label: string) {
  const invited = await inviteFreshUser(fx, label);
  const res = await fx.request('POST', '/api/auth/invitations/accept', {
    body: { token: invited.token, displayName: 'アクセス確認用', password: 'Kiri-Lantern-Bridge-1' },
  });
  if (res.status !== 200) throw new Error(`Could not accept the invitation: ${res.status}`);
  return invited;
}

export const accountRecoveryAccessRules: AccessRule[] = [
  {
    method: 'POST',
    path: '/api/auth/password',
    allow: 'signed-in',
    request: passwordChangeFor,
  },
  {
    method: 'POST',
    path: '/api/auth/password-reset/request',
    allow: 'everyone',
    request: () => ({ body: { email: uniqueEmail('reset-unknown') } }),
  },
  {
    method: 'POST',
    path: '/api/auth/password-reset/confirm',
    allow: 'everyone',
    request: async (fx) => {
      const user = await acceptedUser(fx, 'reset');
      const res = await fx.request('POST', '/api/auth/password-reset/request', {
        body: { email: user.email },
      });
      if (res.status !== 202) throw new Error(`Could not request a reset: ${res.status}`);
      const token = await tokenMailedTo(fx, user.email, '/password-reset/confirm');
      return { body: { token, newPassword: 'Kiri-Lantern-Bridge-2' } };
    },
  },
  {
    method: 'GET',
    path: '/api/auth/invitations/:token',
    allow: 'everyone',
    request: async (fx) => ({
      path: `/api/auth/invitations/${(await inviteFreshUser(fx, 'preview')).token}`,
    }),
  },
  {
    method: 'POST',
    path: '/api/auth/invitations/accept',
    allow: 'everyone',
    request: async (fx) => ({
      body: {
        token: (await inviteFreshUser(fx, 'accept')).token,
        displayName: '招待 受諾',
        password: 'Kiri-Lantern-Bridge-3',
      },
    }),
  },
];
