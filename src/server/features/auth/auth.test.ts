import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, organizations, users } from '../../db/schema';
import { hashPassword } from '../../platform/auth/password';
import { generateTotpCode, totpStep } from '../../platform/auth/totp';
import { createTestContext, demoAdminTotpSecret, demoPassword } from '../../testing/harness';

const ctx = await createTestContext();

function cookieFrom(res: Response): string {
  const raw = res.headers.get('set-cookie') ?? '';
  return raw.split(';')[0] ?? '';
}

describe('login', () => {
  it('signs a municipality user in with e-mail and password and shows who they are', async () => {
    const res = await ctx.request('POST', '/api/auth/login', {
      body: { email: 'DX@nishiaizu.example.jp', password: demoPassword },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await ctx.request('GET', '/api/auth/me', { cookie: cookieFrom(res) });
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.organization.name).toBe('西会津町');
    expect(body.roles).toEqual(['municipality_staff']);
  });

  it('rejects a wrong password with a bilingual message and no cookie', async () => {
    const res = await ctx.request('POST', '/api/auth/login', {
      body: { email: 'dx@koriyama.example.jp', password: 'wrong-password-123' },
    });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe('INVALID_CREDENTIALS');
    expect(body.error.message.ja).toContain('パスワード');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('locks the account after five failures, even for the right password', async () => {
    const email = 'mayor@nishiaizu.example.jp';
    for (let i = 0; i < 4; i++) {
      const r = await ctx.request('POST', '/api/auth/login', { body: { email, password: 'nope-nope-nope' } });
      expect(r.status).toBe(401);
    }
    const fifth = await ctx.request('POST', '/api/auth/login', {
      body: { email, password: 'nope-nope-nope' },
    });
    expect(fifth.status).toBe(423);
    const right = await ctx.request('POST', '/api/auth/login', { body: { email, password: demoPassword } });
    expect(right.status).toBe(423);
    expect((await right.json()).error.code).toBe('ACCOUNT_LOCKED');
  });

  it('gives a new session token on every login (no session fixation) and ends it on logout', async () => {
    const first = await ctx.request('POST', '/api/auth/login', {
      body: { email: 'advisor@company-a.example.jp', password: demoPassword },
    });
    const firstCookie = cookieFrom(first);
    const second = await ctx.request('POST', '/api/auth/login', {
      cookie: firstCookie,
      body: { email: 'advisor@company-a.example.jp', password: demoPassword },
    });
    const secondCookie = cookieFrom(second);
    expect(secondCookie).not.toBe(firstCookie);
    expect((await ctx.request('GET', '/api/auth/me', { cookie: firstCookie })).status).toBe(401);
    expect((await ctx.request('POST', '/api/auth/logout', { cookie: secondCookie })).status).toBe(200);
    expect((await ctx.request('GET', '/api/auth/me', { cookie: secondCookie })).status).toBe(401);
  });

  it('requires the TOTP code from a prefecture admin before anything else works', async () => {
    const res = await ctx.request('POST', '/api/auth/login', {
      body: { email: 'admin@pref.example.jp', password: demoPassword },
    });
    expect(await res.json()).toEqual({ status: 'mfa_required' });
    const cookie = cookieFrom(res);
    expect((await ctx.request('GET', '/api/municipalities', { cookie })).status).toBe(401);
    const wrong = await ctx.request('POST', '/api/auth/mfa/verify', { cookie, body: { code: '000000' } });
    expect(wrong.status).toBe(401);
    const code = generateTotpCode(demoAdminTotpSecret, totpStep(new Date()));
    const ok = await ctx.request('POST', '/api/auth/mfa/verify', { cookie, body: { code } });
    expect(ok.status).toBe(200);
    expect((await ctx.request('GET', '/api/municipalities', { cookie })).status).toBe(200);
    // The same code cannot be used twice.
    const again = await ctx.request('POST', '/api/auth/login', {
      body: { email: 'admin@pref.example.jp', password: demoPassword },
    });
    const replay = await ctx.request('POST', '/api/auth/mfa/verify', {
      cookie: cookieFrom(again),
      body: { code },
    });
    expect(replay.status).toBe(401);
  });

  it('rejects state-changing requests without the CSRF header', async () => {
    const res = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dx@koriyama.example.jp', password: demoPassword }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('CSRF_REJECTED');
  });
});

describe('own profile', () => {
  it('lets a user change their display name, audited, with optimistic locking', async () => {
    const cookie = await ctx.sessionCookieFor('dx@koriyama.example.jp');
    const me = await (await ctx.request('GET', '/api/auth/me', { cookie })).json();
    const res = await ctx.request('PATCH', '/api/auth/me', {
      cookie,
      body: { version: me.version, displayName: '  郡山市 情報政策課 DX担当  ' },
    });
    expect(res.status).toBe(200);
    const updated = await res.json();
    expect(updated).toMatchObject({ displayName: '郡山市 情報政策課 DX担当', version: me.version + 1 });
    const stale = await ctx.request('PATCH', '/api/auth/me', {
      cookie,
      body: { version: me.version, displayName: '別の名前' },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.current).toMatchObject({ displayName: '郡山市 情報政策課 DX担当' });
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'user.update_own_profile'));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toEqual({ displayName: '郡山市 情報政策課 DX担当' });
  });

  it('answers GET /auth/me from the session lookup exactly as a fresh read of the user, also after an edit', async () => {
    const cookie = await ctx.sessionCookieFor('advisor@company-b.example.jp');
    const read = async () => (await ctx.request('GET', '/api/auth/me', { cookie })).json();
    const fresh = async (userId: string) =>
      ctx.services.auth.getSessionUser({
        actor: { userId } as never,
        requestId: 'test',
        locale: 'ja',
        ipAddress: null,
        userAgent: null,
        now: new Date(),
      });
    const before = await read();
    expect(before.prefecture.code).toBe('07');
    expect(before).toEqual(await fresh(before.id));
    const patched = await ctx.request('PATCH', '/api/auth/me', {
      cookie,
      body: { version: before.version, displayName: '株式会社B ICTアドバイザー 田中' },
    });
    expect(patched.status).toBe(200);
    const after = await read();
    expect(after).toMatchObject({
      displayName: '株式会社B ICTアドバイザー 田中',
      version: before.version + 1,
    });
    expect(after).toEqual(await fresh(before.id));
  });

  it('refuses an empty name with a field error, and cannot touch roles', async () => {
    const cookie = await ctx.sessionCookieFor('advisor@company-b.example.jp');
    const me = await (await ctx.request('GET', '/api/auth/me', { cookie })).json();
    const empty = await ctx.request('PATCH', '/api/auth/me', {
      cookie,
      body: { version: me.version, displayName: '   ' },
    });
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.fields[0].path).toEqual(['displayName']);
    await ctx.request('PATCH', '/api/auth/me', {
      cookie,
      body: { version: me.version, displayName: 'B社', roles: ['prefecture_admin'] },
    });
    const after = await (await ctx.request('GET', '/api/auth/me', { cookie })).json();
    expect(after.roles).toEqual(['company_member']);
  });
});

/** A prefecture administrator who has not enrolled an authenticator yet. */
async function newAdminWithoutTotp(email: string): Promise<string> {
  const [admin] = await ctx.database.db.select().from(users).where(eq(users.email, 'admin@pref.example.jp'));
  const [row] = await ctx.database.db
    .insert(users)
    .values({
      prefectureId: admin!.prefectureId,
      organizationId: admin!.organizationId,
      email,
      displayName: '新任管理者',
      roles: ['prefecture_admin'],
      passwordHash: await hashPassword(demoPassword),
    })
    .returning({ id: users.id });
  return row!.id;
}

async function passwordStep(email: string): Promise<{ cookie: string; status: string }> {
  const res = await ctx.request('POST', '/api/auth/login', { body: { email, password: demoPassword } });
  expect(res.status).toBe(200);
  return { cookie: cookieFrom(res), status: (await res.json()).status };
}

describe('second factor', () => {
  it('counts wrong codes at enrolment confirmation toward the lockout and audits each', async () => {
    const email = 'new-admin-1@pref.example.jp';
    const userId = await newAdminWithoutTotp(email);
    const { cookie, status } = await passwordStep(email);
    expect(status).toBe('mfa_setup_required');
    expect((await ctx.request('POST', '/api/auth/mfa/setup', { cookie, body: {} })).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const wrong = await ctx.request('POST', '/api/auth/mfa/confirm', { cookie, body: { code: '000000' } });
      expect(wrong.status).toBe(401);
    }
    const fifth = await ctx.request('POST', '/api/auth/mfa/confirm', { cookie, body: { code: '000000' } });
    expect(fifth.status).toBe(423);
    const rows = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, userId));
    expect(rows.filter((r) => r.action === 'auth.mfa_failed')).toHaveLength(4);
    expect(rows.filter((r) => r.action === 'auth.locked')).toHaveLength(1);
  });

  it('does not let enrolment confirmation complete a sign-in when an authenticator is already active', async () => {
    // The code an administrator just used, as an onlooker would have seen it.
    const first = await passwordStep('admin@pref.example.jp');
    // The next step's code: the current one was used by an earlier test (and replays are refused).
    const code = generateTotpCode(demoAdminTotpSecret, totpStep(new Date()) + 1);
    expect(
      (await ctx.request('POST', '/api/auth/mfa/verify', { cookie: first.cookie, body: { code } })).status,
    ).toBe(200);
    const attacker = await passwordStep('admin@pref.example.jp');
    const replay = await ctx.request('POST', '/api/auth/mfa/confirm', {
      cookie: attacker.cookie,
      body: { code },
    });
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect((await ctx.request('GET', '/api/auth/me', { cookie: attacker.cookie })).status).toBe(401);
  });

  it('keeps counting failures across both factors until the whole sign-in succeeds', async () => {
    const email = 'new-admin-2@pref.example.jp';
    const userId = await newAdminWithoutTotp(email);
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await ctx.database.db
      .update(users)
      .set({ totpSecret: secret, totpEnabled: true })
      .where(eq(users.id, userId));
    let { cookie } = await passwordStep(email);
    for (let i = 0; i < 4; i++) {
      const wrong = await ctx.request('POST', '/api/auth/mfa/verify', { cookie, body: { code: '000000' } });
      expect(wrong.status).toBe(401);
    }
    // The right password again must not give four more guesses.
    ({ cookie } = await passwordStep(email));
    const fifth = await ctx.request('POST', '/api/auth/mfa/verify', { cookie, body: { code: '000000' } });
    expect(fifth.status).toBe(423);
  });
});

describe('changing the authenticator', () => {
  it('asks for the password and keeps the current authenticator until the new one is confirmed', async () => {
    const email = 'new-admin-3@pref.example.jp';
    const userId = await newAdminWithoutTotp(email);
    const oldSecret = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
    await ctx.database.db
      .update(users)
      .set({ totpSecret: oldSecret, totpEnabled: true })
      .where(eq(users.id, userId));
    const cookie = await ctx.sessionCookieFor(email);
    const withoutPassword = await ctx.request('POST', '/api/auth/mfa/setup', { cookie, body: {} });
    expect(withoutPassword.status).toBe(422);
    const wrongPassword = await ctx.request('POST', '/api/auth/mfa/setup', {
      cookie,
      body: { currentPassword: 'not-the-password' },
    });
    expect(wrongPassword.status).toBe(401);
    const started = await ctx.request('POST', '/api/auth/mfa/setup', {
      cookie,
      body: { currentPassword: demoPassword },
    });
    expect(started.status).toBe(200);
    const { secret: newSecret } = await started.json();

    // Until confirmed, the old authenticator still signs in and the new one does not.
    const [pending] = await ctx.database.db.select().from(users).where(eq(users.id, userId));
    expect(pending).toMatchObject({ totpSecret: oldSecret, totpEnabled: true });
    const signIn = await passwordStep(email);
    const byNew = await ctx.request('POST', '/api/auth/mfa/verify', {
      cookie: signIn.cookie,
      body: { code: generateTotpCode(newSecret, totpStep(new Date())) },
    });
    expect(byNew.status).toBe(401);
    const byOld = await ctx.request('POST', '/api/auth/mfa/verify', {
      cookie: signIn.cookie,
      body: { code: generateTotpCode(oldSecret, totpStep(new Date())) },
    });
    expect(byOld.status).toBe(200);

    const confirmed = await ctx.request('POST', '/api/auth/mfa/confirm', {
      cookie,
      body: { code: generateTotpCode(newSecret, totpStep(new Date()) + 1) },
    });
    expect(confirmed.status).toBe(200);
    const [after] = await ctx.database.db.select().from(users).where(eq(users.id, userId));
    expect(after).toMatchObject({ totpSecret: newSecret, totpEnabled: true, totpPendingSecret: null });
  });

  it('does not let a half-signed-in session start enrolment over an active authenticator', async () => {
    const { cookie } = await passwordStep('admin@pref.example.jp');
    const res = await ctx.request('POST', '/api/auth/mfa/setup', {
      cookie,
      body: { currentPassword: demoPassword },
    });
    expect(res.status).toBe(403);
  });
});

describe('deactivated organization', () => {
  it('cuts its members off: open sessions end and nobody can sign in', async () => {
    const email = 'advisor@company-b.example.jp';
    const member = await ctx.sessionCookieFor(email);
    expect((await ctx.request('GET', '/api/auth/me', { cookie: member })).status).toBe(200);
    const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, email));
    const [org] = await ctx.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, user!.organizationId));
    const off = await ctx.request('PATCH', `/api/organizations/${org!.id}`, {
      cookie: admin,
      body: { version: org!.version, isActive: false },
    });
    expect(off.status).toBe(200);
    expect((await ctx.request('GET', '/api/auth/me', { cookie: member })).status).toBe(401);
    const signIn = await ctx.request('POST', '/api/auth/login', { body: { email, password: demoPassword } });
    expect(signIn.status).toBe(401);
    expect(signIn.headers.get('set-cookie')).toBeNull();
  });
});

describe('session cookie over https', () => {
  it('uses the __Host- prefix with Secure, Path=/ and no Domain, and the session works', async () => {
    // Served over https (the URL's scheme; behind a proxy, its X-Forwarded-Proto if trusted).
    const res = await ctx.app.request('https://kakehashi.example.jp/api/auth/login', {
      method: 'POST',
      headers: { 'x-kakehashi-request': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dx@koriyama.example.jp', password: demoPassword }),
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-kk_session=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
    const me = await ctx.app.request('https://kakehashi.example.jp/api/auth/me', {
      headers: { cookie: cookieFrom(res) },
    });
    expect(me.status).toBe(200);
  });
});
