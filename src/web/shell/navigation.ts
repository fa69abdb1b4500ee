import type { Role } from '../../shared/roles';
import type { MessageKey } from '../i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Matches only the exact path (home), not its children. */
  end?: boolean;
}

const adminItems: NavItem[] = [
  { to: '/', label: 'nav.home', end: true },
  { to: '/fiscal-years', label: 'nav.fiscalYears' },
  { to: '/surveys', label: 'nav.surveys' },
  { to: '/municipalities', label: 'nav.municipalities' },
  { to: '/menus/admin', label: 'nav.menuAdmin' },
  { to: '/menus/catalog', label: 'nav.menuCatalog' },
  { to: '/calls', label: 'nav.calls' },
  { to: '/support-projects', label: 'nav.supportProjects' },
  { to: '/projects', label: 'nav.projects' },
  { to: '/cases/manage', label: 'nav.caseManage' },
  { to: '/seminars', label: 'nav.seminars' },
  { to: '/reports', label: 'nav.reports' },
  { to: '/dashboards', label: 'nav.dashboards' },
  { to: '/admin/users', label: 'nav.users' },
  { to: '/admin/organizations', label: 'nav.organizations' },
  { to: '/admin/outbox', label: 'nav.outbox' },
  { to: '/admin/audit', label: 'nav.audit' },
];

const municipalityItems: NavItem[] = [
  { to: '/', label: 'nav.home', end: true },
  { to: '/municipalities', label: 'nav.municipalityList' },
  { to: '/fiscal-years', label: 'nav.fiscalYears' },
  { to: '/surveys', label: 'nav.surveys' },
  { to: '/menus/recommendations', label: 'nav.menuRecommendations' },
  { to: '/menus/catalog', label: 'nav.menuCatalog' },
  { to: '/calls', label: 'nav.calls' },
  { to: '/support-projects', label: 'nav.supportProjects' },
  { to: '/projects', label: 'nav.projects' },
  { to: '/cases/manage', label: 'nav.caseManage' },
  { to: '/seminars', label: 'nav.seminars' },
  { to: '/reports/my-profile', label: 'nav.myProfile' },
  { to: '/dashboards', label: 'nav.dashboards' },
  { to: '/account', label: 'nav.account' },
];

const partnerItems: NavItem[] = [
  { to: '/', label: 'nav.home', end: true },
  { to: '/municipalities', label: 'nav.municipalityList' },
  { to: '/fiscal-years', label: 'nav.fiscalYears' },
  { to: '/surveys', label: 'nav.surveys' },
];

/** Support menus, per partner role: companies propose, reviewers review, all browse the catalog. */
const companyItems: NavItem[] = [
  { to: '/menus/proposals', label: 'nav.menuProposals' },
  { to: '/menus/profile', label: 'nav.advisorProfile' },
];
const reviewerItems: NavItem[] = [{ to: '/menus/reviews', label: 'nav.menuReviews' }];
const catalogItems: NavItem[] = [{ to: '/menus/catalog', label: 'nav.menuCatalog' }];
/** Support projects: a company sees its own menus' projects, the council all (after publication). */
/** Support projects, and the delivery of the company's (or town's) own projects. */
const supportProjectItems: NavItem[] = [
  { to: '/support-projects', label: 'nav.supportProjects' },
  { to: '/projects', label: 'nav.projects' },
];
/** Case studies: a company drafts those of its own projects (the public library is in the header for all). */
const caseDraftItems: NavItem[] = [{ to: '/cases/manage', label: 'nav.caseManage' }];
/** The council follows the calls, the three-year plan and the dashboards, and reads the reports. */
const councilItems: NavItem[] = [
  { to: '/calls', label: 'nav.calls' },
  { to: '/dashboards', label: 'nav.dashboards' },
  { to: '/reports', label: 'nav.reports' },
];

/**
 * The main menu for a set of roles. The prefecture admin's menu includes
 * everything; other roles see what they can use. Several roles merge, each
 * destination once, in the order of the broadest menu. The menu only helps
 * people find their way: the server decides what each role may do.
 */
export function navigationFor(roles: readonly Role[]): NavItem[] {
  const lists: NavItem[][] = [];
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
  const merged: NavItem[] = [];
  for (const item of lists.flat()) {
    if (seen.has(item.to)) continue;
    seen.add(item.to);
    merged.push(item);
  }
  return merged.length > 0 ? merged : [{ to: '/', label: 'nav.home', end: true }];
}
