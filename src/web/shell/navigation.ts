import type { Role } from '../../shared/roles';
import type { MessageKey } from '../i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Matches only the exact path (home), not its children. */
  end?: boolean;
}

/**
 * The menu's groups, by task, in the order they are shown. Fourteen destinations in one row wrapped
 * to two lines; a few groups with sub-menus keep one row on a desktop and a short list on a phone.
 */
export const navGroupIds = ['research', 'menus', 'delivery', 'seminars', 'analysis', 'admin'] as const;
export type NavGroupId = (typeof navGroupIds)[number];

export const navGroupLabels: Record<NavGroupId, MessageKey> = {
  research: 'nav.group.research',
  menus: 'nav.group.menus',
  delivery: 'nav.group.delivery',
  seminars: 'nav.group.seminars',
  analysis: 'nav.group.analysis',
  admin: 'nav.group.admin',
};

/** A top-level entry: home, a group with its sub-menu, or a group of one shown as that one link. */
export type NavEntry =
  | { kind: 'link'; item: NavItem }
  | { kind: 'group'; id: NavGroupId; label: MessageKey; items: NavItem[] };

type Placed = NavItem & { group: NavGroupId };
const at = (group: NavGroupId, to: string, label: MessageKey): Placed => ({ group, to, label });

const home: NavItem = { to: '/', label: 'nav.home', end: true };

const adminItems: Placed[] = [
  at('research', '/surveys', 'nav.surveys'),
  at('research', '/municipalities', 'nav.municipalities'),
  at('menus', '/menus/admin', 'nav.menuAdmin'),
  at('menus', '/menus/catalog', 'nav.menuCatalog'),
  at('menus', '/calls', 'nav.calls'),
  at('delivery', '/support-projects', 'nav.supportProjects'),
  at('delivery', '/projects', 'nav.projects'),
  at('delivery', '/cases/manage', 'nav.caseManage'),
  at('seminars', '/seminars', 'nav.seminars'),
  at('seminars', '/seminars/reach', 'nav.seminarReach'),
  at('analysis', '/reports', 'nav.reports'),
  at('analysis', '/dashboards', 'nav.dashboards'),
  // Setting up the year is the prefecture's administration; other roles read the plan under menus.
  at('admin', '/fiscal-years', 'nav.fiscalYears'),
  at('admin', '/admin/users', 'nav.users'),
  at('admin', '/admin/organizations', 'nav.organizations'),
  at('admin', '/admin/outbox', 'nav.outbox'),
  at('admin', '/admin/audit', 'nav.audit'),
];

const municipalityItems: Placed[] = [
  at('research', '/surveys', 'nav.surveys'),
  at('research', '/municipalities', 'nav.municipalityList'),
  at('menus', '/fiscal-years', 'nav.fiscalYears'),
  at('menus', '/menus/recommendations', 'nav.menuRecommendations'),
  at('menus', '/menus/catalog', 'nav.menuCatalog'),
  at('menus', '/calls', 'nav.calls'),
  at('delivery', '/support-projects', 'nav.supportProjects'),
  at('delivery', '/projects', 'nav.projects'),
  at('delivery', '/cases/manage', 'nav.caseManage'),
  at('seminars', '/seminars', 'nav.seminars'),
  at('analysis', '/reports/my-profile', 'nav.myProfile'),
  at('analysis', '/dashboards', 'nav.dashboards'),
  at('admin', '/account', 'nav.account'),
];

const partnerItems: Placed[] = [
  at('research', '/surveys', 'nav.surveys'),
  at('research', '/municipalities', 'nav.municipalityList'),
  at('menus', '/fiscal-years', 'nav.fiscalYears'),
];

/** Support menus, per partner role: companies propose, reviewers review, all browse the catalog. */
const companyItems: Placed[] = [
  at('menus', '/menus/proposals', 'nav.menuProposals'),
  at('menus', '/menus/profile', 'nav.advisorProfile'),
];
const reviewerItems: Placed[] = [at('menus', '/menus/reviews', 'nav.menuReviews')];
const catalogItems: Placed[] = [at('menus', '/menus/catalog', 'nav.menuCatalog')];
/** Support projects, and the delivery of the company's own projects (the council sees all, after publication). */
const supportProjectItems: Placed[] = [
  at('delivery', '/support-projects', 'nav.supportProjects'),
  at('delivery', '/projects', 'nav.projects'),
];
/** Case studies: a company drafts those of its own projects (the public library is in the header for all). */
const caseDraftItems: Placed[] = [at('delivery', '/cases/manage', 'nav.caseManage')];
/** The council follows the calls, the three-year plan and the dashboards, and reads the reports. */
const councilItems: Placed[] = [
  at('menus', '/calls', 'nav.calls'),
  at('analysis', '/reports', 'nav.reports'),
  at('analysis', '/dashboards', 'nav.dashboards'),
];

/**
 * The main menu for a set of roles: home, then the task groups in their fixed order. The prefecture
 * admin's menu includes everything; other roles see what they can use. Several roles merge, each
 * destination once, where the broadest menu puts it. A group of one destination is shown as that
 * link. The menu only helps people find their way: the server decides what each role may do.
 */
export function navigationFor(roles: readonly Role[]): NavEntry[] {
  const lists: Placed[][] = [];
  if (roles.includes('prefecture_admin')) lists.push(adminItems);
  if (roles.includes('municipality_staff') || roles.includes('municipality_head'))
    lists.push(municipalityItems);
  if (roles.some((r) => r === 'company_member' || r === 'council_secretariat' || r === 'reviewer')) {
    lists.push(partnerItems);
    if (roles.includes('company_member')) lists.push(companyItems);
    if (roles.includes('reviewer')) lists.push(reviewerItems);
    lists.push(catalogItems);
    if (roles.includes('council_secretariat')) lists.push(councilItems);
    if (roles.some((r) => r === 'company_member' || r === 'council_secretariat'))
      lists.push(supportProjectItems);
    if (roles.includes('company_member')) lists.push(caseDraftItems);
  }
  const seen = new Set<string>();
  const byGroup = new Map<NavGroupId, NavItem[]>(navGroupIds.map((id) => [id, []]));
  for (const { group, ...item } of lists.flat()) {
    if (seen.has(item.to)) continue;
    seen.add(item.to);
    byGroup.get(group)?.push(item);
  }
  const entries: NavEntry[] = [{ kind: 'link', item: home }];
  for (const id of navGroupIds) {
    const items = byGroup.get(id) ?? [];
    if (items.length === 1) entries.push({ kind: 'link', item: items[0]! });
    else if (items.length > 1) entries.push({ kind: 'group', id, label: navGroupLabels[id], items });
  }
  return entries;
}

/** Every destination of a menu, in the order shown (home first). */
export function navigationPaths(entries: readonly NavEntry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === 'link' ? [entry.item.to] : entry.items.map((i) => i.to)));
}

/** Whether a path lies under a menu destination (as NavLink decides it is active). */
export function isUnder(pathname: string, item: NavItem): boolean {
  if (item.end || item.to === '/') return pathname === item.to;
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
