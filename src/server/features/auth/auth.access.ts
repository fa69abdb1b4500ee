import type { AccessRule } from '../../testing/access';

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
  { method: 'POST', path: '/api/auth/mfa/setup', allow: 'signed-in', allowedStatuses: [200, 403] },
  { method: 'POST', path: '/api/auth/logout', allow: 'everyone' },
  { method: 'GET', path: '/api/auth/me', allow: 'signed-in' },
  { method: 'GET', path: '/api/auth/demo-accounts', allow: 'everyone' },
];
