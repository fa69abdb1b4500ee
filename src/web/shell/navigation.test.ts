import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation';

const paths = (roles: Parameters<typeof navigationFor>[0]) => navigationFor(roles).map((i) => i.to);

describe('navigationFor', () => {
  it('gives the prefecture admin every administration page', () => {
    expect(paths(['prefecture_admin'])).toEqual([
      '/',
      '/fiscal-years',
      '/municipalities',
      '/seminars',
      '/admin/users',
      '/admin/organizations',
      '/admin/outbox',
      '/admin/audit',
    ]);
  });

  it('gives municipality roles their list, the plan and their account, but no administration', () => {
    for (const role of ['municipality_staff', 'municipality_head'] as const) {
      expect(paths([role])).toEqual(['/', '/municipalities', '/fiscal-years', '/seminars', '/account']);
    }
  });

  it('gives companies, the council and reviewers home, municipalities and the plan', () => {
    for (const role of ['company_member', 'council_secretariat', 'reviewer'] as const) {
      expect(paths([role])).toEqual(['/', '/municipalities', '/fiscal-years']);
    }
  });

  it('merges several roles without repeating a destination', () => {
    const merged = paths(['prefecture_admin', 'reviewer']);
    expect(merged).toEqual(paths(['prefecture_admin']));
    expect(new Set(merged).size).toBe(merged.length);
  });
});
