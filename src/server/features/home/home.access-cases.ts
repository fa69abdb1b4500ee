import type { AccessRule } from '../../testing/access';

/** Every role has a home page; what it contains is scoped by role in the service (see home.test.ts). */
export const homeAccessRules: AccessRule[] = [{ method: 'GET', path: '/api/home', allow: 'signed-in' }];
