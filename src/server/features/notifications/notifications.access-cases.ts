import { notifications } from '../../db/schema';
import { type AccessFixture, type AccessRule, type Principal, principalEmails } from '../../testing/access';

/**
 * The inbox and preferences are everyone's own: every signed-in role may call every route, and
 * only ever reaches its own rows (the service takes the user from the session). The scope checks
 * show one person cannot mark another's notification read.
 */

async function ownNotificationPath(fx: AccessFixture, principal: Principal): Promise<string> {
  if (principal === 'anonymous') return '/api/notifications/00000000-0000-4000-8000-000000000000/read';
  const userId = await fx.userIdOf(principalEmails[principal]);
  const [row] = await fx.db
    .insert(notifications)
    .values({
      userId,
      kind: 'surveys.reminder',
      title: 'アクセス確認',
      emailDelivery: 'immediate',
      createdAt: new Date('2026-04-01T00:00:00Z'),
    })
    .returning({ id: notifications.id });
  return `/api/notifications/${row!.id}/read`;
}

export const notificationsAccessRules: AccessRule[] = [
  { method: 'GET', path: '/api/notifications', allow: 'signed-in' },
  { method: 'GET', path: '/api/notifications/unread-count', allow: 'signed-in' },
  {
    method: 'POST',
    path: '/api/notifications/:id/read',
    allow: 'signed-in',
    request: async (fx, principal) => ({ path: await ownNotificationPath(fx, principal) }),
    scopeChecks: [
      {
        name: 'another municipality cannot mark this person’s notification read',
        as: 'dx@koriyama.example.jp',
        request: async (fx) => ({ path: await ownNotificationPath(fx, 'municipality_staff') }),
        expect: 'deny',
      },
      {
        name: 'a company cannot mark a municipality’s notification read',
        as: 'advisor@company-b.example.jp',
        request: async (fx) => ({ path: await ownNotificationPath(fx, 'municipality_head') }),
        expect: 'deny',
      },
    ],
  },
  { method: 'POST', path: '/api/notifications/read-all', allow: 'signed-in' },
  { method: 'GET', path: '/api/notifications/preferences', allow: 'signed-in' },
  {
    method: 'PUT',
    path: '/api/notifications/preferences',
    allow: 'signed-in',
    request: async (fx, principal) => {
      if (principal === 'anonymous') return { body: { version: 0, emailByKind: {} } };
      const cookie = await fx.cookieFor(principalEmails[principal]);
      const current = await (await fx.request('GET', '/api/notifications/preferences', { cookie })).json();
      return { body: { version: current.version, emailByKind: { 'surveys.reminder': 'digest' } } };
    },
  },
];
