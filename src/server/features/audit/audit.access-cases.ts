import type { AccessRule } from '../../testing/access';

/** The audit trail and the outbox (which holds sign-in links) are for the prefecture admin only. */
export const auditAccessRules: AccessRule[] = [
  {
    method: 'GET',
    path: '/api/audit',
    allow: ['prefecture_admin'],
    request: () => ({ path: '/api/audit?entityType=user&limit=20' }),
    scopeChecks: [
      {
        name: 'a reviewer cannot read the audit trail',
        as: 'reviewer@pref.example.jp',
        request: () => ({}),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/admin/outbox',
    allow: ['prefecture_admin'],
    request: () => ({ path: '/api/admin/outbox?status=queued&limit=10' }),
    scopeChecks: [
      {
        name: 'a municipality user cannot read the mails of others',
        as: 'dx@koriyama.example.jp',
        request: () => ({}),
        expect: 'deny',
      },
    ],
  },
];
