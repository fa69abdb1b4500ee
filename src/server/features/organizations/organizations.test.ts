import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Organization } from '../../../shared/schemas/accounts';
import { organizations } from '../../db/schema';
import { createTestContext } from '../../testing/harness';
import {
  auditRowsFor,
  insertOtherPrefecture,
  insertUser,
  organizationIdNamed,
  uniqueAddress,
} from '../accounts/test-support';

const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const secretariat = await ctx.sessionCookieFor('secretariat@council.example.jp');
const advisorA = await ctx.sessionCookieFor('advisor@company-a.example.jp');
const nishiaizuStaff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const companyA = await organizationIdNamed(db, 'デモ情報システム株式会社');
const companyB = await organizationIdNamed(db, 'サンプルDXソリューションズ株式会社');
const koriyamaOrg = await organizationIdNamed(db, '郡山市');
const otherPrefecture = await insertOtherPrefecture(db);

/** `cookie: null` calls without a session. */
async function call(method: string, path: string, body?: unknown, cookie: string | null = admin) {
  const res = await ctx.request(method, path, { cookie: cookie ?? undefined, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function list(cookie: string, query = ''): Promise<Organization[]> {
  const res = await call('GET', `/api/organizations${query}`, undefined, cookie);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function createCompany(name = `テスト株式会社 ${uniqueAddress('n')}`) {
  const res = await call('POST', '/api/organizations', { kind: 'company', name, nameEn: `Test ${name}` });
  expect(res.status).toBe(201);
  return res.body as Organization;
}

describe('listing organizations', () => {
  it('shows the admin and the council secretariat every organization of the prefecture', async () => {
    for (const cookie of [admin, secretariat]) {
      const items = await list(cookie);
      expect(items.filter((o) => o.kind === 'municipality')).toHaveLength(59);
      expect(items.map((o) => o.name)).toEqual(
        expect.arrayContaining(['デモ情報システム株式会社', 'サンプルDXソリューションズ株式会社', '郡山市']),
      );
      expect(items.some((o) => o.id === otherPrefecture.organization.id)).toBe(false);
    }
  });

  it('shows everyone else only their own organization', async () => {
    expect((await list(advisorA)).map((o) => o.id)).toEqual([companyA]);
    const own = await list(nishiaizuStaff);
    expect(own.map((o) => o.name)).toEqual(['西会津町']);
    expect(own[0]!.municipalityId).not.toBeNull();
    expect(await list(advisorA, '?kind=municipality')).toEqual([]);
  });

  it('filters by kind and counts active members', async () => {
    const companies = await list(admin, '?kind=company');
    expect(companies.every((o) => o.kind === 'company')).toBe(true);
    const a = companies.find((o) => o.id === companyA)!;
    const countBefore = a.memberCount;
    await insertUser(db, { organizationId: companyA, roles: ['company_member'] });
    await insertUser(db, { organizationId: companyA, roles: ['company_member'], isActive: false });
    const after = (await list(admin, '?kind=company')).find((o) => o.id === companyA)!;
    expect(after.memberCount).toBe(countBefore + 1);
  });

  it('needs a session', async () => {
    expect((await call('GET', '/api/organizations', undefined, null)).status).toBe(401);
  });
});

describe('creating organizations', () => {
  it('creates a company and audits it', async () => {
    const created = await createCompany('新規参画株式会社');
    expect(created).toMatchObject({
      kind: 'company',
      name: '新規参画株式会社',
      isActive: true,
      memberCount: 0,
      version: 1,
    });
    const [audit] = await auditRowsFor(db, created.id, 'organization.create');
    expect(audit!.after).toMatchObject({ name: '新規参画株式会社', kind: 'company' });
  });

  it('never creates a municipality organization by hand', async () => {
    const res = await call('POST', '/api/organizations', {
      kind: 'municipality',
      name: '架空村',
      nameEn: 'Kaku',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({ path: ['kind'], ja: expect.stringContaining('市町村マスタの取り込み') }),
    ]);
  });

  it('refuses a name already taken in the prefecture with 409', async () => {
    const res = await call('POST', '/api/organizations', {
      kind: 'council',
      name: 'デモ情報システム株式会社',
      nameEn: 'Another name',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0].path).toEqual(['name']);
  });

  it('is for the prefecture admin only', async () => {
    const res = await call(
      'POST',
      '/api/organizations',
      { kind: 'company', name: 'x社', nameEn: 'X' },
      secretariat,
    );
    expect(res.status).toBe(403);
  });
});

describe('editing organizations', () => {
  it('renames with the version read, and answers a stale version with 409 and the current organization', async () => {
    const created = await createCompany();
    const renamed = await call('PATCH', `/api/organizations/${created.id}`, {
      version: 1,
      name: '改称後株式会社',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '改称後株式会社', version: 2 });
    const stale = await call('PATCH', `/api/organizations/${created.id}`, {
      version: 1,
      nameEn: 'Stale Co.',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id: created.id, name: '改称後株式会社', version: 2 });
    const [audit] = await auditRowsFor(db, created.id, 'organization.update');
    expect(audit!.before).toMatchObject({ name: created.name, version: 1 });
    expect(audit!.after).toMatchObject({ name: '改称後株式会社', version: 2 });
  });

  it('keeps municipality organizations named after the municipality master', async () => {
    const [row] = await db.select().from(organizations).where(eq(organizations.id, koriyamaOrg));
    const res = await call('PATCH', `/api/organizations/${koriyamaOrg}`, {
      version: row!.version,
      name: '新郡山市',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toEqual(['name']);
  });

  it('deactivates an organization, after which nobody can be invited into it', async () => {
    const created = await createCompany();
    const off = await call('PATCH', `/api/organizations/${created.id}`, { version: 1, isActive: false });
    expect(off.status).toBe(200);
    expect(off.body.isActive).toBe(false);
    const invite = await call('POST', '/api/users/invitations', {
      email: uniqueAddress('dormant'),
      displayName: '招待',
      organizationId: created.id,
      roles: ['company_member'],
    });
    expect(invite.status).toBe(422);
  });

  it('reports another prefecture’s organization as not found', async () => {
    const res = await call('PATCH', `/api/organizations/${otherPrefecture.organization.id}`, {
      version: 1,
      name: 'x',
    });
    expect(res.status).toBe(404);
  });

  it('is refused to the organization’s own members', async () => {
    const [row] = await db.select().from(organizations).where(eq(organizations.id, companyA));
    const res = await call(
      'PATCH',
      `/api/organizations/${companyA}`,
      { version: row!.version, name: '自称' },
      advisorA,
    );
    expect(res.status).toBe(403);
  });
});

describe('members of an organization', () => {
  it('shows the admin every member with their status', async () => {
    const invited = await insertUser(db, {
      organizationId: companyB,
      roles: ['company_member'],
      password: null,
    });
    const res = await call('GET', `/api/organizations/${companyB}/members`);
    expect(res.status).toBe(200);
    expect(res.body.organization).toMatchObject({ id: companyB, kind: 'company' });
    expect(res.body.members).toContainEqual(
      expect.objectContaining({ email: 'advisor@company-b.example.jp', status: 'active' }),
    );
    expect(res.body.members).toContainEqual(expect.objectContaining({ id: invited.id, status: 'invited' }));
  });

  it('shows a member their active colleagues’ names, addresses and roles only', async () => {
    const colleague = await insertUser(db, {
      organizationId: companyA,
      roles: ['company_member', 'reviewer'],
    });
    const gone = await insertUser(db, {
      organizationId: companyA,
      roles: ['company_member'],
      isActive: false,
    });
    const res = await call('GET', `/api/organizations/${companyA}/members`, undefined, advisorA);
    expect(res.status).toBe(200);
    const members = res.body.members as Record<string, unknown>[];
    expect(members).toContainEqual({
      id: colleague.id,
      displayName: colleague.displayName,
      email: colleague.email,
      roles: ['company_member', 'reviewer'],
    });
    expect(members.some((m) => m.id === gone.id)).toBe(false);
    for (const member of members)
      expect(Object.keys(member).sort()).toEqual(['displayName', 'email', 'id', 'roles']);
  });

  it('is refused to other organizations’ members, and across prefectures', async () => {
    expect((await call('GET', `/api/organizations/${companyB}/members`, undefined, advisorA)).status).toBe(
      403,
    );
    expect(
      (await call('GET', `/api/organizations/${koriyamaOrg}/members`, undefined, nishiaizuStaff)).status,
    ).toBe(403);
    expect((await call('GET', `/api/organizations/${companyA}/members`, undefined, secretariat)).status).toBe(
      403,
    );
    const otherTenant = await call('GET', `/api/organizations/${otherPrefecture.organization.id}/members`);
    expect(otherTenant.status).toBe(404);
  });
});
