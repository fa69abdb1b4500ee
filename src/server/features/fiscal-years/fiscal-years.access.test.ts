import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { municipalities, organizations } from '../../db/schema';
import { type AccessFixture, type AccessRule, principalEmails, principals } from '../../testing/access';
import { createTestContext } from '../../testing/harness';
import { calendarAccessRules } from '../calendar/calendar.access';
import { homeAccessRules } from '../home/home.access';
import { fiscalYearsAccessRules } from './fiscal-years.access';

/**
 * Runs this feature's access rules as every principal, the way the route ×
 * role matrix does, so a rule whose request builder is wrong fails here,
 * beside the feature, rather than only in the matrix.
 */
const ctx = await createTestContext();
const rules: AccessRule[] = [...fiscalYearsAccessRules, ...homeAccessRules, ...calendarAccessRules];

async function municipalityIdOf(code: string): Promise<string> {
  const [row] = await ctx.database.db.select().from(municipalities).where(eq(municipalities.code, code));
  return row!.id;
}
async function orgIdOf(name: string): Promise<string> {
  const [row] = await ctx.database.db.select().from(organizations).where(eq(organizations.name, name));
  return row!.id;
}

const cookies = new Map<string, string>();
const fx: AccessFixture = {
  db: ctx.database.db,
  ownMunicipalityId: await municipalityIdOf('074055'),
  otherMunicipalityId: await municipalityIdOf('072036'),
  ownCompanyOrgId: await orgIdOf('デモ情報システム株式会社'),
  otherCompanyOrgId: await orgIdOf('サンプルDXソリューションズ株式会社'),
  userIdOf: ctx.userIdOf,
  async cookieFor(email) {
    if (!cookies.has(email)) cookies.set(email, await ctx.sessionCookieFor(email));
    return cookies.get(email)!;
  },
  request: (method, path, options) => ctx.request(method, path, options),
};

function isAllowed(rule: AccessRule, principal: (typeof principals)[number]): boolean {
  if (rule.allow === 'everyone') return true;
  if (rule.allow === 'signed-in') return principal !== 'anonymous';
  return rule.allow.includes(principal);
}

describe('fiscal-years, home and calendar access rules', () => {
  for (const rule of rules) {
    it(`${rule.method} ${rule.path}`, async () => {
      for (const principal of principals) {
        const concrete = rule.request ? await rule.request(fx, principal) : {};
        const cookie = principal === 'anonymous' ? undefined : await fx.cookieFor(principalEmails[principal]);
        const res = await ctx.request(rule.method, concrete.path ?? rule.path, {
          ...(cookie ? { cookie } : {}),
          body: concrete.body,
        });
        const label = `${principal}: ${rule.method} ${concrete.path ?? rule.path} → ${res.status} ${res.status >= 400 ? await res.text() : ''}`;
        if (isAllowed(rule, principal)) {
          const ok = rule.allowedStatuses ? rule.allowedStatuses.includes(res.status) : res.status < 300;
          expect(ok, label).toBe(true);
        } else {
          expect(res.status, label).toBe(principal === 'anonymous' ? 401 : 403);
        }
      }
    });
  }

  it('covers every route these features register', async () => {
    const doc = await (await ctx.request('GET', '/api/openapi.json')).json();
    const registered = Object.entries(
      doc.paths as Record<string, Record<string, { tags?: string[] }>>,
    ).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.tags?.some((t) => ['fiscal-years', 'home', 'calendar'].includes(t)))
        .map(([method]) => `${method.toUpperCase()} /api${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(registered.length).toBe(12);
    expect(registered.sort()).toEqual(rules.map((r) => `${r.method} ${r.path}`).sort());
  });
});
