import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { municipalities, organizations, users } from '../db/schema';
import type { Role } from '../../shared/roles';
import {
  type AccessFixture,
  type AccessRule,
  type ConcreteRequest,
  type Principal,
  organizationKindEmails,
  principalEmails,
  principals,
  type RoleCombination,
  roleCombinations,
} from './access';
import { accessRules } from './access-rules';
import { createTestContext } from './harness';

/**
 * The route × role matrix: every API route has a rule, and every rule holds
 * for every principal when the route is really called. Calls run in order
 * on one database; a rule's request builder prepares fresh data if it needs any.
 */

const ctx = await createTestContext();

/** Served by the app itself, not by a feature: public by design and outside the matrix. */
const documentationRoutes = new Set([
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/init.js',
  'GET /api/docs/assets/:file',
]);

/** Every route the app registers under /api, as 'METHOD /path' (middleware and catch-alls left out). */
function registeredApiRoutes(): string[] {
  const keys = ctx.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}`)
    .filter((key) => !documentationRoutes.has(key));
  return [...new Set(keys)].sort();
}

const ruleKey = (rule: AccessRule) => `${rule.method} ${rule.path}`;

async function idOfMunicipality(code: string): Promise<string> {
  const [row] = await ctx.database.db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(eq(municipalities.code, code));
  if (!row) throw new Error(`Demo data has no municipality ${code}`);
  return row.id;
}

async function idOfOrganization(name: string): Promise<string> {
  const [row] = await ctx.database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, name));
  if (!row) throw new Error(`Demo data has no organization ${name}`);
  return row.id;
}

const fixture: AccessFixture = {
  db: ctx.database.db,
  ownMunicipalityId: await idOfMunicipality('074055'), // 西会津町
  otherMunicipalityId: await idOfMunicipality('072036'), // 郡山市
  ownCompanyOrgId: await idOfOrganization('デモ情報システム株式会社'),
  otherCompanyOrgId: await idOfOrganization('サンプルDXソリューションズ株式会社'),
  userIdOf: (email) => ctx.userIdOf(email),
  cookieFor: (email) => ctx.sessionCookieFor(email),
  request: (method, path, options) => ctx.request(method, path, options),
};

function isAllowed(rule: AccessRule, principal: Principal): boolean {
  if (rule.allow === 'everyone') return true;
  if (rule.allow === 'signed-in') return principal !== 'anonymous';
  return rule.allow.includes(principal);
}

/** Sessions reused across calls; renewed when an earlier call (a sign-out) ended one. */
const sessionCookies = new Map<string, string>();
async function cachedCookieFor(email: string, renew = false): Promise<string> {
  const known = sessionCookies.get(email);
  if (known && !renew) return known;
  const cookie = await ctx.sessionCookieFor(email);
  sessionCookies.set(email, cookie);
  return cookie;
}

/** Calls as `email`, with a fresh session if the cached one was ended by an earlier call. */
async function callAs(rule: AccessRule, request: ConcreteRequest, email: string) {
  const first = await call(rule, request, await cachedCookieFor(email));
  return first.status === 401 ? call(rule, request, await cachedCookieFor(email, true)) : first;
}

async function call(rule: AccessRule, request: ConcreteRequest, cookie: string | undefined) {
  const path = request.path ?? rule.path;
  if (/\/:\w/.test(path)) {
    throw new Error(`${ruleKey(rule)}: the path has parameters, so the rule needs a request builder`);
  }
  const res = await ctx.request(rule.method, path, { cookie, body: request.body });
  const text = await res.text();
  return { status: res.status, summary: `${rule.method} ${path} → ${res.status} ${text.slice(0, 300)}` };
}

const isSuccess = (status: number) => status >= 200 && status < 300;

describe('access matrix: coverage', () => {
  it('every /api route has an access rule', () => {
    const covered = new Set(accessRules.map(ruleKey));
    expect(registeredApiRoutes().filter((route) => !covered.has(route))).toEqual([]);
  });

  it('every access rule names a registered route', () => {
    const registered = new Set(registeredApiRoutes());
    expect(accessRules.map(ruleKey).filter((key) => !registered.has(key))).toEqual([]);
  });

  it('no route has two rules', () => {
    const keys = accessRules.map(ruleKey);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });
});

describe('access matrix: route × principal', () => {
  for (const rule of accessRules) {
    for (const principal of principals) {
      const shouldAllow = isAllowed(rule, principal);
      it(`${ruleKey(rule)} as ${principal} is ${shouldAllow ? 'allowed' : 'denied'}`, async () => {
        const request = (await rule.request?.(fixture, principal)) ?? {};
        const cookie =
          principal === 'anonymous' ? undefined : await ctx.sessionCookieFor(principalEmails[principal]);
        const { status, summary } = await call(rule, request, cookie);
        if (shouldAllow) {
          const isExpected = rule.allowedStatuses ? rule.allowedStatuses.includes(status) : isSuccess(status);
          expect(isExpected, summary).toBe(true);
        } else if (principal === 'anonymous') {
          expect(status, summary).toBe(401);
        } else {
          expect([403, 404], summary).toContain(status);
        }
      });
    }
  }
});

/**
 * One user per role combination, in the demo organization of its kind, created on first use.
 */
const combinationEmails = new Map<string, string>();
async function emailForCombination(combination: RoleCombination): Promise<string> {
  const known = combinationEmails.get(combination.name);
  if (known) return known;
  const [model] = await ctx.database.db
    .select()
    .from(users)
    .where(eq(users.email, organizationKindEmails[combination.organizationKind]));
  const email = `combo-${combination.organizationKind}-${combination.roles.join('-')}@example.jp`.replaceAll(
    '_',
    '-',
  );
  await ctx.database.db.insert(users).values({
    prefectureId: model!.prefectureId,
    organizationId: model!.organizationId,
    email,
    displayName: combination.name,
    roles: [...combination.roles],
  });
  combinationEmails.set(combination.name, email);
  return email;
}

/**
 * Who may call, for a person holding several roles: the rule's own `allowCombination` where the
 * route decides on more than one role (reading raw survey answers), else the union of the roles'
 * rights — holding two roles never grants what neither grants alone.
 */
function allowsCombination(rule: AccessRule, combination: RoleCombination): boolean {
  if (rule.allowCombination) return rule.allowCombination(combination);
  return combination.roles.some((role) => isAllowed(rule, role));
}

/** The organization kind of each demo principal's account. */
const principalKinds: Record<Exclude<Principal, 'anonymous'>, RoleCombination['organizationKind']> = {
  prefecture_admin: 'prefecture',
  reviewer: 'prefecture',
  council_secretariat: 'council',
  company_member: 'company',
  municipality_staff: 'municipality',
  municipality_head: 'municipality',
};

/**
 * Calls as the demo account of `role` while it holds the combination's roles, restoring them
 * afterwards: requests built for that account (its own review, its own password) stay valid.
 */
async function asDemoAccountHolding(
  role: Exclude<Principal, 'anonymous'>,
  roles: readonly Role[],
  work: (email: string) => Promise<void>,
) {
  const email = principalEmails[role];
  const [before] = await ctx.database.db
    .select({ roles: users.roles })
    .from(users)
    .where(eq(users.email, email));
  await ctx.database.db
    .update(users)
    .set({ roles: [...roles] })
    .where(eq(users.email, email));
  try {
    await work(email);
  } finally {
    await ctx.database.db.update(users).set({ roles: before!.roles }).where(eq(users.email, email));
  }
}

describe('access matrix: role combinations', () => {
  /**
   * Denials hold whoever asks, so every denied combination is called as a user holding exactly
   * those roles. An allowed combination is called as the demo account the request was built for
   * (holding the combination for that call), so it exists only where that account is of the
   * combination's organization kind; the others (a company-side reviewer on a prefecture
   * reviewer's assignment) are covered by the single-role rows and the scope checks.
   */
  type Case = {
    rule: AccessRule;
    combination: RoleCombination;
    asRole: Exclude<Principal, 'anonymous'> | null;
  };
  const cases: Case[] = accessRules.flatMap((rule) =>
    roleCombinations.flatMap((combination): Case[] => {
      if (!allowsCombination(rule, combination)) return [{ rule, combination, asRole: null }];
      const asRole = combination.roles.find((role) => isAllowed(rule, role)) ?? combination.roles[0]!;
      return principalKinds[asRole] === combination.organizationKind ? [{ rule, combination, asRole }] : [];
    }),
  );
  it.each(
    cases.map(({ rule, combination, asRole }) => {
      const verdict = asRole ? 'allowed' : 'denied';
      return [`${ruleKey(rule)} as ${combination.name} is ${verdict}`, rule, combination, asRole] as const;
    }),
  )('%s', async (_name, rule, combination, asRole) => {
    if (asRole === null) {
      const request = (await rule.request?.(fixture, combination.roles[0]!)) ?? {};
      const { status, summary } = await callAs(rule, request, await emailForCombination(combination));
      expect([403, 404], summary).toContain(status);
      return;
    }
    const request = (await rule.request?.(fixture, asRole)) ?? {};
    await asDemoAccountHolding(asRole, combination.roles, async (email) => {
      const { status, summary } = await callAs(rule, request, email);
      const isExpected = rule.allowedStatuses ? rule.allowedStatuses.includes(status) : isSuccess(status);
      expect(isExpected, summary).toBe(true);
    });
  });

  it('covers every combination the roles rules allow, including a company member who reviews', () => {
    expect(roleCombinations.map((c) => c.name)).toEqual(
      expect.arrayContaining(['company: company_member+reviewer', 'council: council_secretariat+reviewer']),
    );
    expect(roleCombinations).toHaveLength(12);
  });
});

describe('access matrix: scope checks', () => {
  const checks = accessRules.flatMap((rule) => (rule.scopeChecks ?? []).map((check) => ({ rule, check })));
  it.each(checks.map(({ rule, check }) => [`${ruleKey(rule)}: ${check.name}`, rule, check] as const))(
    '%s',
    async (_name, rule, check) => {
      const request = await check.request(fixture);
      const { status, summary } = await call(rule, request, await ctx.sessionCookieFor(check.as));
      if (check.expect === 'allow') expect(isSuccess(status), summary).toBe(true);
      else expect([403, 404], summary).toContain(status);
    },
  );
});
