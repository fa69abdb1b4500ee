import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { UserSummary } from '../../../shared/schemas/accounts';
import { oneTimeTokens, organizations, sessions, users } from '../../db/schema';
import { hashToken } from '../../platform/auth/tokens';
import { defaultConfig } from '../../platform/deps';
import { createTestContext, demoAdminTotpSecret } from '../../testing/harness';
import {
  auditRowsFor,
  insertOtherPrefecture,
  insertUser,
  mailsTo,
  organizationIdNamed,
  tokenMailedTo,
  uniqueAddress,
} from './test-support';

const ctx = await createTestContext();
const db = ctx.database.db;
const adminEmail = 'admin@pref.example.jp';
const admin = await ctx.sessionCookieFor(adminEmail);
const adminId = await ctx.userIdOf(adminEmail);
const companyA = await organizationIdNamed(db, 'デモ情報システム株式会社');
const dxDivision = await organizationIdNamed(db, '福島県 企画調整部 デジタル変革課');
const otherPrefecture = await insertOtherPrefecture(db);

/** `cookie: null` calls without a session. */
async function call(method: string, path: string, body?: unknown, cookie: string | null = admin) {
  const res = await ctx.request(method, path, { cookie: cookie ?? undefined, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any, text };
}

async function prefectureIdOfAdmin(): Promise<string> {
  const [row] = await db
    .select({ prefectureId: users.prefectureId })
    .from(users)
    .where(eq(users.id, adminId));
  return row!.prefectureId;
}

async function listUsers(query = ''): Promise<UserSummary[]> {
  const res = await call('GET', `/api/users${query}`);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function userSummary(id: string): Promise<UserSummary> {
  const found = (await listUsers()).find((u) => u.id === id);
  if (!found) throw new Error(`user ${id} not listed`);
  return found;
}

async function invite(overrides: Record<string, unknown> = {}) {
  const email = uniqueAddress('invitee');
  const res = await call('POST', '/api/users/invitations', {
    email,
    displayName: '招待 花子',
    organizationId: companyA,
    roles: ['company_member'],
    ...overrides,
  });
  return { ...res, email: (overrides.email as string | undefined) ?? email };
}

describe('invitations', () => {
  it('creates an account without a password and mails a 7-day link to set one', async () => {
    const before = Date.now();
    const res = await invite();
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email: res.email,
      status: 'invited',
      roles: ['company_member'],
      organization: { id: companyA, name: 'デモ情報システム株式会社' },
    });
    const validDays = (Date.parse(res.body.expiresAt) - before) / 86_400_000;
    expect(validDays).toBeGreaterThan(6.99);
    expect(validDays).toBeLessThan(7.01);
    const [row] = await db.select().from(users).where(eq(users.email, res.email));
    expect(row!.passwordHash).toBeNull();
    const [mail] = await mailsTo(db, res.email);
    expect(mail!.bodyText).toContain(`${defaultConfig.publicUrl}/invitations/accept?token=`);
    expect(mail!.bodyText).toContain('デモ情報システム株式会社');
    expect(mail!.bodyText.indexOf('パスワードを設定')).toBeLessThan(mail!.bodyText.indexOf('set a password'));
    // Not usable for signing in until the invitation is accepted.
    const login = await call(
      'POST',
      '/api/auth/login',
      { email: res.email, password: 'Anything-At-All-1' },
      null,
    );
    expect(login.status).toBe(401);
  });

  it('shows the invitation, accepts it once, and the person then signs in normally', async () => {
    const { email, status } = await invite();
    expect(status).toBe(201);
    const token = await tokenMailedTo(db, email, '/invitations/accept');
    const preview = await call('GET', `/api/auth/invitations/${token}`, undefined, null);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      email,
      displayName: '招待 花子',
      organizationName: 'デモ情報システム株式会社',
      organizationNameEn: 'Demo Information Systems Co., Ltd.',
    });
    const accepted = await call(
      'POST',
      '/api/auth/invitations/accept',
      { token, displayName: '招待 花子（A社）', password: 'My-Own-Password-1' },
      null,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ ok: true, email });

    const again = await call(
      'POST',
      '/api/auth/invitations/accept',
      { token, displayName: 'x', password: 'Someone-Else-Pass-1' },
      null,
    );
    expect(again.status).toBe(410);
    expect((await call('GET', `/api/auth/invitations/${token}`, undefined, null)).status).toBe(410);

    const login = await ctx.request('POST', '/api/auth/login', {
      body: { email, password: 'My-Own-Password-1' },
    });
    expect(await login.json()).toEqual({ status: 'ok' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await call('GET', '/api/auth/me', undefined, cookie);
    expect(me.body).toMatchObject({ email, displayName: '招待 花子（A社）', roles: ['company_member'] });
    const user = (await listUsers(`?q=${encodeURIComponent(email)}`))[0]!;
    expect(user.status).toBe('active');
    // The person corrected their name: that is an edit, so the version moved.
    expect(user.version).toBe(2);
    const [audit] = await auditRowsFor(db, user.id, 'user.invitation_accepted');
    expect(audit).toMatchObject({
      actorUserId: user.id,
      after: { displayName: '招待 花子（A社）', hasPassword: true },
    });
  });

  it('asks an invited prefecture admin to set up the second factor at first sign-in', async () => {
    const { email, status } = await invite({ organizationId: dxDivision, roles: ['prefecture_admin'] });
    expect(status).toBe(201);
    const token = await tokenMailedTo(db, email, '/invitations/accept');
    const accepted = await call(
      'POST',
      '/api/auth/invitations/accept',
      { token, displayName: '新任 管理者', password: 'New-Admin-Pass-1' },
      null,
    );
    expect(accepted.status).toBe(200);
    const login = await call('POST', '/api/auth/login', { email, password: 'New-Admin-Pass-1' }, null);
    expect(login.body).toEqual({ status: 'mfa_setup_required' });
  });

  it('refuses roles that do not fit the organization, with a field error on roles', async () => {
    const res = await invite({ roles: ['municipality_staff'] });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({
        path: ['roles'],
        code: 'role_not_allowed',
        ja: expect.stringContaining('市町村 職員'),
      }),
    ]);
    const repeated = await invite({ roles: ['company_member', 'company_member'] });
    expect(repeated.status).toBe(422);
  });

  it('refuses an address that already has an account with 409, whatever its case', async () => {
    const res = await invite({ email: 'DX@Koriyama.example.jp' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    expect(res.body.error.fields[0].path).toEqual(['email']);
  });

  it('answers one of two simultaneous invitations of one address with 409', async () => {
    const email = uniqueAddress('race');
    const results = await Promise.all([invite({ email }), invite({ email })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('does not invite into another prefecture’s organization, or into a deactivated one', async () => {
    const other = await invite({ organizationId: otherPrefecture.organization.id });
    expect(other.status).toBe(404);
    expect(other.body.error.fields[0].path).toEqual(['organizationId']);
    const [dormant] = await db
      .insert(organizations)
      .values({
        prefectureId: await prefectureIdOfAdmin(),
        kind: 'company',
        name: '休止中の会社',
        nameEn: 'Dormant Co.',
        isActive: false,
      })
      .returning();
    const inactive = await invite({ organizationId: dormant!.id });
    expect(inactive.status).toBe(422);
    expect(inactive.body.error.fields[0].path).toEqual(['organizationId']);
  });

  it('is for prefecture admins only', async () => {
    const res = await call(
      'POST',
      '/api/users/invitations',
      { email: uniqueAddress('x'), displayName: 'x', organizationId: companyA, roles: ['company_member'] },
      await ctx.sessionCookieFor('secretariat@council.example.jp'),
    );
    expect(res.status).toBe(403);
  });

  it('refuses an expired invitation link with 410', async () => {
    const { email } = await invite();
    const token = await tokenMailedTo(db, email, '/invitations/accept');
    await db
      .update(oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(oneTimeTokens.tokenHash, hashToken(token)));
    expect((await call('GET', `/api/auth/invitations/${token}`, undefined, null)).status).toBe(410);
    const accept = await call(
      'POST',
      '/api/auth/invitations/accept',
      { token, displayName: 'x', password: 'Expired-Link-Pass-1' },
      null,
    );
    expect(accept.status).toBe(410);
    expect(accept.body.error.code).toBe('TOKEN_INVALID');
  });

  it('re-sends with a new link, and the earlier link stops working', async () => {
    const { email, body } = await invite();
    const first = await tokenMailedTo(db, email, '/invitations/accept');
    const resent = await call('POST', `/api/users/${body.user.id}/invitation`);
    expect(resent.status).toBe(200);
    expect(await mailsTo(db, email)).toHaveLength(2);
    const second = await tokenMailedTo(db, email, '/invitations/accept');
    expect(second).not.toBe(first);
    expect((await call('GET', `/api/auth/invitations/${first}`, undefined, null)).status).toBe(410);
    expect((await call('GET', `/api/auth/invitations/${second}`, undefined, null)).status).toBe(200);
    expect(await auditRowsFor(db, body.user.id, 'user.invitation_resent')).toHaveLength(1);
  });

  it('does not re-send to someone who already has a password', async () => {
    const res = await call('POST', `/api/users/${await ctx.userIdOf('dx@koriyama.example.jp')}/invitation`);
    expect(res.status).toBe(422);
    expect(await mailsTo(db, 'dx@koriyama.example.jp')).toEqual([]);
  });

  it('makes the link useless once the invited account is deactivated', async () => {
    const { email, body } = await invite();
    const token = await tokenMailedTo(db, email, '/invitations/accept');
    const off = await call('PATCH', `/api/users/${body.user.id}`, {
      version: body.user.version,
      isActive: false,
    });
    expect(off.status).toBe(200);
    const accept = await call(
      'POST',
      '/api/auth/invitations/accept',
      { token, displayName: 'x', password: 'Deactivated-Pass-1' },
      null,
    );
    expect(accept.status).toBe(410);
  });
});

describe('user list', () => {
  it('lists the prefecture’s users with organization, roles and status, and no other prefecture’s', async () => {
    const items = await listUsers();
    const koriyama = items.find((u) => u.email === 'dx@koriyama.example.jp');
    expect(koriyama).toMatchObject({
      organization: { name: '郡山市', kind: 'municipality' },
      roles: ['municipality_staff'],
      status: 'active',
      totpEnabled: false,
      lockedUntil: null,
    });
    expect(items.find((u) => u.email === adminEmail)).toMatchObject({ totpEnabled: true });
    expect(items.some((u) => u.id === otherPrefecture.user.id)).toBe(false);
    expect(JSON.stringify(items)).not.toMatch(/passwordHash|totpSecret|\$argon2/);
  });

  it('filters by organization, role, text and status', async () => {
    expect(
      (await listUsers(`?organizationId=${companyA}`)).every((u) => u.organization.id === companyA),
    ).toBe(true);
    const reviewers = await listUsers('?role=reviewer');
    expect(reviewers.map((u) => u.email)).toContain('reviewer@pref.example.jp');
    expect(reviewers.every((u) => u.roles.includes('reviewer'))).toBe(true);
    expect((await listUsers('?q=KORIYAMA')).map((u) => u.email)).toEqual(['dx@koriyama.example.jp']);
    expect((await listUsers('?q=西会津')).map((u) => u.email).sort()).toEqual([
      'dx@nishiaizu.example.jp',
      'mayor@nishiaizu.example.jp',
    ]);
    // Wildcards are taken literally.
    expect(await listUsers('?q=%25')).toEqual([]);

    const locked = await insertUser(db, { organizationId: companyA, roles: ['company_member'] });
    await db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 600_000) })
      .where(eq(users.id, locked.id));
    const inactive = await insertUser(db, {
      organizationId: companyA,
      roles: ['company_member'],
      isActive: false,
    });
    const invited = await insertUser(db, {
      organizationId: companyA,
      roles: ['company_member'],
      password: null,
    });
    const ids = async (status: string) => (await listUsers(`?status=${status}`)).map((u) => u.id);
    expect(await ids('locked')).toContain(locked.id);
    expect(await ids('inactive')).toContain(inactive.id);
    expect(await ids('invited')).toContain(invited.id);
    const active = await ids('active');
    expect(active).toContain(adminId);
    expect(active).not.toContain(locked.id);
    expect(active).not.toContain(inactive.id);
    expect(active).not.toContain(invited.id);
  });

  it('is refused to everyone but the prefecture admin', async () => {
    for (const email of [
      'dx@nishiaizu.example.jp',
      'advisor@company-a.example.jp',
      'reviewer@pref.example.jp',
    ]) {
      expect((await call('GET', '/api/users', undefined, await ctx.sessionCookieFor(email))).status).toBe(
        403,
      );
    }
  });

  it('answers a control character in the search with a field error, not a 500', async () => {
    const res = await call('GET', '/api/users?q=a%00b');
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toEqual(['query', 'q']);
  });
});

describe('editing users', () => {
  it('renames with the version read and answers a stale version with 409 and the current user', async () => {
    const user = await insertUser(db, { organizationId: companyA, roles: ['company_member'] });
    const first = await call('PATCH', `/api/users/${user.id}`, { version: 1, displayName: '新しい 名前' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ displayName: '新しい 名前', version: 2 });
    const stale = await call('PATCH', `/api/users/${user.id}`, { version: 1, displayName: '古い画面から' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.current).toMatchObject({ id: user.id, displayName: '新しい 名前', version: 2 });
    // The conflict body is the client's view of the user, never the row with its secrets.
    expect(stale.text).not.toMatch(/passwordHash|\$argon2/);
  });

  it('keeps roles compatible with the organization', async () => {
    const user = await insertUser(db, { organizationId: companyA, roles: ['company_member'] });
    const res = await call('PATCH', `/api/users/${user.id}`, { version: 1, roles: ['prefecture_admin'] });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toEqual(['roles']);
    const ok = await call('PATCH', `/api/users/${user.id}`, {
      version: 1,
      roles: ['company_member', 'reviewer'],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.roles).toEqual(['company_member', 'reviewer']);
  });

  it('does not let an admin deactivate themself or drop their own admin role', async () => {
    const version = (await userSummary(adminId)).version;
    const off = await call('PATCH', `/api/users/${adminId}`, { version, isActive: false });
    expect(off.status).toBe(422);
    expect(off.body.error.fields[0].path).toEqual(['isActive']);
    const demote = await call('PATCH', `/api/users/${adminId}`, { version, roles: ['reviewer'] });
    expect(demote.status).toBe(422);
    expect(demote.body.error.fields[0].path).toEqual(['roles']);
    const keep = await call('PATCH', `/api/users/${adminId}`, {
      version,
      roles: ['prefecture_admin', 'reviewer'],
    });
    expect(keep.status).toBe(200);
  });

  it('ends a deactivated user’s sessions at once and refuses their sign-in', async () => {
    const user = await insertUser(db, {
      organizationId: companyA,
      roles: ['company_member'],
      password: 'Soon-Inactive-1',
    });
    const cookie = await ctx.sessionCookieFor(user.email);
    expect((await call('GET', '/api/auth/me', undefined, cookie)).status).toBe(200);
    const res = await call('PATCH', `/api/users/${user.id}`, { version: 1, isActive: false });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('inactive');
    expect((await call('GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    const login = await call(
      'POST',
      '/api/auth/login',
      { email: user.email, password: 'Soon-Inactive-1' },
      null,
    );
    // The same answer as a wrong password: it must not tell anyone the account exists.
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('ends the sessions of someone given the admin role, who must then sign in with a second factor', async () => {
    const user = await insertUser(db, {
      organizationId: dxDivision,
      roles: ['reviewer'],
      password: 'Becomes-Admin-1',
    });
    const cookie = await ctx.sessionCookieFor(user.email);
    const res = await call('PATCH', `/api/users/${user.id}`, {
      version: 1,
      roles: ['reviewer', 'prefecture_admin'],
    });
    expect(res.status).toBe(200);
    expect((await call('GET', '/api/users', undefined, cookie)).status).toBe(401);
    const login = await call(
      'POST',
      '/api/auth/login',
      { email: user.email, password: 'Becomes-Admin-1' },
      null,
    );
    expect(login.body).toEqual({ status: 'mfa_setup_required' });
  });

  it('reports another prefecture’s user as not found', async () => {
    const id = otherPrefecture.user.id;
    expect((await call('PATCH', `/api/users/${id}`, { version: 1, displayName: 'x' })).status).toBe(404);
    expect((await call('POST', `/api/users/${id}/unlock`)).status).toBe(404);
    expect((await call('POST', `/api/users/${id}/mfa-reset`)).status).toBe(404);
    expect((await call('POST', `/api/users/${id}/invitation`)).status).toBe(404);
    const [row] = await db.select().from(users).where(eq(users.id, id));
    expect(row!.displayName).toBe('他県 利用者');
  });

  it('audits each change with before and after, secrets redacted', async () => {
    const user = await insertUser(db, {
      organizationId: dxDivision,
      roles: ['prefecture_admin'],
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    await call('PATCH', `/api/users/${user.id}`, { version: 1, displayName: '監査 確認' });
    const [audit] = await auditRowsFor(db, user.id, 'user.update');
    expect(audit).toMatchObject({ actorUserId: adminId, prefectureId: user.prefectureId });
    expect(audit!.before).toMatchObject({
      displayName: 'テスト 利用者',
      version: 1,
      passwordHash: '[redacted]',
    });
    expect(audit!.after).toMatchObject({ displayName: '監査 確認', version: 2, totpSecret: '[redacted]' });
    const text = JSON.stringify(audit);
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain('JBSWY3DPEHPK3PXP');
  });
});

describe('unlock and second-factor reset', () => {
  it('lifts a lockout so the owner can sign in again', async () => {
    const user = await insertUser(db, {
      organizationId: companyA,
      roles: ['company_member'],
      password: 'Locked-Out-Pass-1',
    });
    await db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 600_000), failedLoginCount: 2 })
      .where(eq(users.id, user.id));
    expect((await userSummary(user.id)).status).toBe('locked');
    const res = await call('POST', `/api/users/${user.id}/unlock`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', lockedUntil: null });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.failedLoginCount).toBe(0);
    expect(
      (await call('POST', '/api/auth/login', { email: user.email, password: 'Locked-Out-Pass-1' }, null))
        .status,
    ).toBe(200);
    const [audit] = await auditRowsFor(db, user.id, 'user.unlock');
    expect(audit!.before).toMatchObject({ failedLoginCount: 2 });
    expect(audit!.after).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('clears another admin’s authenticator so they enrol again, ending their sessions', async () => {
    const other = await insertUser(db, {
      organizationId: dxDivision,
      roles: ['prefecture_admin'],
      password: 'Second-Admin-Pass-1',
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    const cookie = await ctx.sessionCookieFor(other.email);
    const res = await call('POST', `/api/users/${other.id}/mfa-reset`);
    expect(res.status).toBe(200);
    expect(res.body.totpEnabled).toBe(false);
    const [row] = await db.select().from(users).where(eq(users.id, other.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabled: false, totpLastStep: null });
    expect((await call('GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
    const login = await call(
      'POST',
      '/api/auth/login',
      { email: other.email, password: 'Second-Admin-Pass-1' },
      null,
    );
    expect(login.body).toEqual({ status: 'mfa_setup_required' });
    const [audit] = await auditRowsFor(db, other.id, 'user.mfa_reset');
    expect(audit!.before).toMatchObject({ totpEnabled: true, totpSecret: '[redacted]' });
    expect(audit!.after).toMatchObject({ totpEnabled: false, totpLastStep: null, sessionsEnded: true });
  });

  it('cannot target oneself', async () => {
    const res = await call('POST', `/api/users/${adminId}/mfa-reset`);
    expect(res.status).toBe(422);
    const [row] = await db.select().from(users).where(eq(users.id, adminId));
    expect(row!.totpSecret).toBe(demoAdminTotpSecret);
  });
});
