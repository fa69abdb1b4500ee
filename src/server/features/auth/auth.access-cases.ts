import { type AccessRule, principalEmails } from '../../testing/access';

/** Sign-in endpoints are open to everyone by nature; what they check is the credential, not the role. */
export const authAccessRules: AccessRule[] = [
  {
    method: 'POST',
    path: '/api/auth/login',
    allow: 'everyone',
    request: () => ({ body: { email: 'dx@koriyama.example.jp', password: 'Kakehashi-Demo-2024' } }),
  },
  // Without a pending second-factor session these answer 401 for everyone; the flow is tested in auth.test.ts.
  {
    method: 'POST',
    path: '/api/auth/mfa/verify',
    allow: 'everyone',
    request: () => ({ body: { code: '123456' } }),
    allowedStatuses: [401],
  },
  {
    method: 'POST',
    path: '/api/auth/mfa/confirm',
    allow: 'everyone',
    request: () => ({ body: { code: '123456' } }),
    allowedStatuses: [401, 403],
  },
  {
    method: 'POST',
    path: '/api/auth/mfa/setup',
    allow: 'signed-in',
    request: () => ({ body: {} }),
    // 422: an active authenticator is replaced only with the password (tested in auth.test.ts).
    allowedStatuses: [200, 403, 422],
  },
  { method: 'POST', path: '/api/auth/logout', allow: 'everyone' },
  { method: 'GET', path: '/api/auth/me', allow: 'signed-in' },
  {
    method: 'PATCH',
    path: '/api/auth/me',
    allow: 'signed-in',
    // Everyone edits only their own record: the service takes the id from the session, never from the request.
    request: async (fx, principal) => {
      if (principal === 'anonymous') return { body: { version: 1, displayName: '匿名' } };
      const cookie = await fx.cookieFor(principalEmails[principal]);
      const me = await (await fx.request('GET', '/api/auth/me', { cookie })).json();
      return { body: { version: me.version, displayName: me.displayName } };
    },
  },
  { method: 'GET', path: '/api/auth/demo-accounts', allow: 'everyone' },
];
