import { describe, expect, it } from 'vitest';
import { isUnder, type NavEntry, navigationFor, navigationPaths } from './navigation';

type Roles = Parameters<typeof navigationFor>[0];
const paths = (roles: Roles) => navigationPaths(navigationFor(roles));
/** The menu as a person reads it: top-level links by path, groups by id with their paths. */
const outline = (roles: Roles) =>
  navigationFor(roles).map((entry: NavEntry) =>
    entry.kind === 'link' ? entry.item.to : { [entry.id]: entry.items.map((i) => i.to) },
  );

describe('navigationFor', () => {
  it('gives the prefecture admin every administration page, grouped by task in one short row', () => {
    expect(outline(['prefecture_admin'])).toEqual([
      '/',
      { research: ['/surveys', '/municipalities'] },
      { menus: ['/menus/admin', '/menus/catalog', '/calls'] },
      { delivery: ['/support-projects', '/projects', '/cases/manage'] },
      { seminars: ['/seminars', '/seminars/reach'] },
      { analysis: ['/reports', '/dashboards'] },
      { admin: ['/fiscal-years', '/admin/users', '/admin/organizations', '/admin/outbox', '/admin/audit'] },
    ]);
    // Seven top-level entries instead of seventeen links.
    expect(navigationFor(['prefecture_admin'])).toHaveLength(7);
  });

  it('gives municipality roles their surveys, their list, the plan and their account, but no administration', () => {
    for (const role of ['municipality_staff', 'municipality_head'] as const) {
      expect(outline([role])).toEqual([
        '/',
        { research: ['/surveys', '/municipalities'] },
        { menus: ['/fiscal-years', '/menus/recommendations', '/menus/catalog', '/calls'] },
        { delivery: ['/support-projects', '/projects', '/cases/manage'] },
        // A group of one is shown as its link.
        '/seminars',
        { analysis: ['/reports/my-profile', '/dashboards'] },
        '/account',
      ]);
      expect(paths([role]).filter((p) => p.startsWith('/admin'))).toEqual([]);
    }
  });

  it('gives companies, the council and reviewers home, municipalities, the plan, shared surveys and their menus pages', () => {
    const research = { research: ['/surveys', '/municipalities'] };
    expect(outline(['company_member'])).toEqual([
      '/',
      research,
      { menus: ['/fiscal-years', '/menus/proposals', '/menus/profile', '/menus/catalog'] },
      { delivery: ['/support-projects', '/projects', '/cases/manage'] },
    ]);
    expect(outline(['reviewer'])).toEqual([
      '/',
      research,
      { menus: ['/fiscal-years', '/menus/reviews', '/menus/catalog'] },
    ]);
    // Recommendations are derived from a town's survey answers: the town's and the prefecture's only.
    expect(outline(['council_secretariat'])).toEqual([
      '/',
      research,
      { menus: ['/fiscal-years', '/menus/catalog', '/calls'] },
      { delivery: ['/support-projects', '/projects'] },
      { analysis: ['/reports', '/dashboards'] },
    ]);
  });

  it('merges several roles without repeating a destination, each where the broadest menu puts it', () => {
    const merged = outline(['prefecture_admin', 'reviewer']);
    expect(merged).toContainEqual({ menus: ['/menus/admin', '/menus/catalog', '/calls', '/menus/reviews'] });
    expect(merged).toContainEqual({
      admin: ['/fiscal-years', '/admin/users', '/admin/organizations', '/admin/outbox', '/admin/audit'],
    });
    const all = paths(['prefecture_admin', 'reviewer']);
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives a person with no known role home only', () => {
    expect(outline([])).toEqual(['/']);
  });
});

describe('isUnder', () => {
  it('marks a group current for its pages and their sub-pages, home only on itself', () => {
    expect(isUnder('/menus/catalog/42', { to: '/menus/catalog', label: 'nav.menuCatalog' })).toBe(true);
    expect(isUnder('/menus/catalogue', { to: '/menus/catalog', label: 'nav.menuCatalog' })).toBe(false);
    expect(isUnder('/surveys', { to: '/', label: 'nav.home', end: true })).toBe(false);
    expect(isUnder('/', { to: '/', label: 'nav.home', end: true })).toBe(true);
  });
});
