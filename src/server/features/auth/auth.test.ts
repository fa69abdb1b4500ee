import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
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
