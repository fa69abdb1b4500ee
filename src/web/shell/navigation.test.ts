import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation';

const paths = (roles: Parameters<typeof navigationFor>[0]) => navigationFor(roles).map((i) => i.to);

describe('navigationFor', () => {
  it('gives the prefecture admin every administration page', () => {
    expect(paths(['prefecture_admin'])).toEqual([
      '/',
      '/fiscal-years',
      '/surveys',
      '/municipalities',
      '/menus/admin',
      '/menus/catalog',
      '/calls',
      '/support-projects',
      '/projects',
      '/cases/manage',
      '/seminars',
      '/reports',
      '/dashboards',
      '/admin/users',
      '/admin/organizations',
      '/admin/outbox',
      '/admin/audit',
    ]);
  });

  it('gives municipality roles their surveys, their list, the plan and their account, but no administration', () => {
    for (const role of ['municipality_staff', 'municipality_head'] as const) {
      expect(paths([role])).toEqual([
        '/',
        '/municipalities',
        '/fiscal-years',
        '/surveys',
        '/menus/recommendations',
        '/menus/catalog',
        '/calls',
        '/support-projects',
        '/projects',
        '/cases/manage',
        '/seminars',
        '/reports/my-profile',
        '/dashboards',
        '/account',
      ]);
    }
  });

  it('gives companies, the council and reviewers home, municipalities, the plan, shared surveys and their menus pages', () => {
    const common = ['/', '/municipalities', '/fiscal-years', '/surveys'];
    expect(paths(['company_member'])).toEqual([
      ...common,
      '/menus/proposals',
      '/menus/profile',
      '/menus/catalog',
      '/support-projects',
      '/projects',
      '/cases/manage',
    ]);
    expect(paths(['reviewer'])).toEqual([...common, '/menus/reviews', '/menus/catalog']);
    // Recommendations are derived from a town's survey answers: the town's and the prefecture's only.
    expect(paths(['council_secretariat'])).toEqual([
      ...common,
      '/menus/catalog',
      '/calls',
      '/dashboards',
      '/reports',
      '/support-projects',
      '/projects',
    ]);
  });

  it('merges several roles without repeating a destination', () => {
    const merged = paths(['prefecture_admin', 'reviewer']);
    expect(merged).toEqual([...paths(['prefecture_admin']), '/menus/reviews']);
    expect(new Set(merged).size).toBe(merged.length);
  });
});
