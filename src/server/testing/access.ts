import type { Database } from '../db/client';
import { type OrganizationKind, type Role, rolesAllowedFor } from '../../shared/roles';

/**
 * The route × role access matrix: every API route declares who may call it,
 * and the matrix test (testing/access-matrix.test.ts) calls every route as
 * every principal and checks the answer. A route without a rule fails it.
 */

/** Who calls: nobody signed in, or the demo account holding that role. */
export type Principal = 'anonymous' | Role;

export const principals: readonly Principal[] = [
  'anonymous',
  'prefecture_admin',
  'reviewer',
  'council_secretariat',
  'company_member',
  'municipality_staff',
  'municipality_head',
];

/** The demo account each principal signs in as (see db/seed/demo-accounts.ts). */
export const principalEmails: Record<Exclude<Principal, 'anonymous'>, string> = {
  prefecture_admin: 'admin@pref.example.jp',
  reviewer: 'reviewer@pref.example.jp',
  council_secretariat: 'secretariat@council.example.jp',
  company_member: 'advisor@company-a.example.jp',
  municipality_staff: 'dx@nishiaizu.example.jp',
  municipality_head: 'mayor@nishiaizu.example.jp',
};

/**
 * A set of roles one person can hold in one kind of organization: every non-empty subset of
 * what the roles rules (shared/roles.ts) allow for that kind, so a company member who also
 * reviews, or a council reviewer, is a case of its own.
 */
export interface RoleCombination {
  organizationKind: OrganizationKind;
  roles: readonly Role[];
  /** e.g. 'company: company_member+reviewer'. */
  name: string;
}

export const roleCombinations: readonly RoleCombination[] = (
  Object.entries(rolesAllowedFor) as [OrganizationKind, readonly Role[]][]
).flatMap(([organizationKind, allowed]) => {
  const out: RoleCombination[] = [];
  for (let mask = 1; mask < 1 << allowed.length; mask++) {
    const roles = allowed.filter((_, i) => mask & (1 << i));
    out.push({ organizationKind, roles, name: `${organizationKind}: ${roles.join('+')}` });
  }
  return out;
});

/** A demo account of each organization kind, whose organization the combination users join. */
export const organizationKindEmails: Record<OrganizationKind, string> = {
  prefecture: 'admin@pref.example.jp',
  municipality: 'dx@nishiaizu.example.jp',
  council: 'secretariat@council.example.jp',
  company: 'advisor@company-a.example.jp',
};

/** Accounts used for "another municipality" and "another company" checks. */
export const otherMunicipalityStaffEmail = 'dx@koriyama.example.jp';
export const otherCompanyMemberEmail = 'advisor@company-b.example.jp';

/** Known ids of the seeded demo data, looked up once per matrix run. */
export interface AccessFixture {
  db: Database;
  /** 西会津町: the municipality of municipality_staff and municipality_head. */
  ownMunicipalityId: string;
  /** 郡山市: another municipality. */
  otherMunicipalityId: string;
  /** デモ情報システム株式会社 (company_member's company) and the other company. */
  ownCompanyOrgId: string;
  otherCompanyOrgId: string;
  userIdOf(email: string): Promise<string>;
  /** Signs in as anyone, e.g. to prepare data through the API as the admin. */
  cookieFor(email: string): Promise<string>;
  request(method: string, path: string, options?: { cookie?: string; body?: unknown }): Promise<Response>;
}

export interface ConcreteRequest {
  /** The concrete path with ids filled in; defaults to the rule's path. */
  path?: string;
  body?: unknown;
}

export interface ScopeCheck {
  /** What is being checked, e.g. "another municipality cannot read this response". */
  name: string;
  /** E-mail of the account that makes the call. */
  as: string;
  request: (fx: AccessFixture) => Promise<ConcreteRequest> | ConcreteRequest;
  expect: 'allow' | 'deny';
}

export interface AccessRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as Hono registers it, e.g. '/api/municipalities/:id'. */
  path: string;
  /** 'everyone' includes anonymous callers; 'signed-in' is every role. */
  allow: readonly Principal[] | 'everyone' | 'signed-in';
  /**
   * Builds a valid request for this principal, so that permission alone
   * decides the answer (an invalid body would get 422 before any policy ran).
   * Called once per principal; may create what it needs.
   */
  request?: (fx: AccessFixture, principal: Principal) => Promise<ConcreteRequest> | ConcreteRequest;
  /** Statuses that count as "allowed"; default: any 2xx. */
  allowedStatuses?: readonly number[];
  /**
   * For routes where holding several roles must not add up to more than the rule intends
   * (reading raw survey answers): who may call, for every role combination a person can hold.
   */
  allowCombination?: (combination: RoleCombination) => boolean;
  /** Cross-tenant checks beyond the role grid. */
  scopeChecks?: readonly ScopeCheck[];
}
