import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { passwordResetRequestedMessage } from '../../../shared/schemas/accounts';
import { auditLog, oneTimeTokens, sessions, users } from '../../db/schema';
import { hashToken } from '../../platform/auth/tokens';
import { defaultConfig } from '../../platform/deps';
import { createTestContext } from '../../testing/harness';
import { passwordResetAnswerFloorMs } from './account-recovery.service';
import {
  auditRowsFor,
  contextAt,
  insertUser,
  mailsTo,
  organizationIdNamed,
  tokenMailedTo,
  uniqueAddress,
} from '../accounts/test-support';

const ctx = await createTestContext();
const db = ctx.database.db;
const companyA = await organizationIdNamed(db, 'デモ情報システム株式会社');

async function call(method: string, path: string, body?: unknown, cookie?: string) {
  const res = await ctx.request(method, path, { cookie, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function login(email: string, password: string) {
  return call('POST', '/api/auth/login', { email, password });
}

async function sessionCount(userId: string): Promise<number> {
  return (await db.select().from(sessions).where(eq(sessions.userId, userId))).length;
}

async function freshUser(password = 'Original-Password-1') {
  const user = await insertUser(db, { organizationId: companyA, roles: ['company_member'], password });
  return { ...user, password };
}

describe('password change', () => {
  it('refuses common passwords and ones made of the user’s own e-mail or name', async () => {
    // An address without digits or hex: a random one (user-<hex>) sometimes holds a run such as
    // 1234 or a word such as "face", and then the common-password rule answers first.
    const letters = Array.from(
      crypto.getRandomValues(new Uint8Array(8)),
      (b) => 'ghjkmnpqrstvwxz'[b % 15],
    ).join('');
    const password = 'Original-Password-1';
    const user = {
      ...(await insertUser(db, {
        organizationId: companyA,
        roles: ['company_member'],
        email: `shirakawa-${letters}@example.jp`,
        password,
      })),
      password,
    };
    const cookie = await ctx.sessionCookieFor(user.email);
    const change = (newPassword: string) =>
      call('POST', '/api/auth/password', { currentPassword: user.password, newPassword }, cookie);
    for (const weak of ['password1234', 'Password1234!', 'qwertyuiop12', '123456789012']) {
      const res = await change(weak);
      expect(res.status, weak).toBe(422);
      expect(res.body.error.fields[0].path).toEqual(['newPassword']);
    }
    const localPart = user.email.split('@')[0]!;
    const own = await change(`${localPart}-2024!`);
    expect(own.status).toBe(422);
    expect(own.body.error.fields[0]).toMatchObject({ path: ['newPassword'], code: 'personal_password' });
    expect((await change('Kasumi-Bridge-Lantern-7')).status).toBe(200);
  });

  it('refuses a wrong current password with a field error on currentPassword', async () => {
    const user = await freshUser();
    const cookie = await ctx.sessionCookieFor(user.email);
    const res = await call(
      'POST',
      '/api/auth/password',
      { currentPassword: 'not-the-password', newPassword: 'Brand-New-Password-1' },
      cookie,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({ path: ['currentPassword'], ja: '現在のパスワードが正しくありません。' }),
    ]);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('requires the new password to differ and to have 12 characters', async () => {
    const user = await freshUser();
    const cookie = await ctx.sessionCookieFor(user.email);
    const same = await call(
      'POST',
      '/api/auth/password',
      { currentPassword: user.password, newPassword: user.password },
      cookie,
    );
    expect(same.status).toBe(422);
    expect(same.body.error.fields[0].path).toEqual(['newPassword']);
    const short = await call(
      'POST',
      '/api/auth/password',
      { currentPassword: user.password, newPassword: 'short-1' },
      cookie,
    );
    expect(short.status).toBe(422);
    expect(short.body.error.fields[0]).toMatchObject({ path: ['newPassword'], code: 'too_small' });
  });

  it('changes the password, keeps this session and ends the others, and audits it', async () => {
    const user = await freshUser();
    const current = await ctx.sessionCookieFor(user.email);
    const other = await ctx.sessionCookieFor(user.email);
    const res = await call(
      'POST',
      '/api/auth/password',
      { currentPassword: user.password, newPassword: 'Changed-Password-22' },
      current,
    );
    expect(res.status).toBe(200);
    expect((await call('GET', '/api/auth/me', undefined, current)).status).toBe(200);
    expect((await call('GET', '/api/auth/me', undefined, other)).status).toBe(401);
    expect(await sessionCount(user.id)).toBe(1);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'Changed-Password-22')).status).toBe(200);

    const [audit] = await auditRowsFor(db, user.id, 'auth.password_changed');
    expect(audit).toMatchObject({ actorUserId: user.id, entityType: 'user' });
    expect(JSON.stringify(audit)).not.toContain('$argon2');
  });

  it('locks the account after repeated wrong current passwords, as for sign-in', async () => {
    const user = await freshUser();
    const cookie = await ctx.sessionCookieFor(user.email);
    const attempt = () =>
      call(
        'POST',
        '/api/auth/password',
        { currentPassword: 'guess-guess-guess', newPassword: 'Whatever-Pass-1' },
        cookie,
      );
    for (let i = 1; i < defaultConfig.lockout.maxFailures; i++) expect((await attempt()).status).toBe(422);
    expect((await attempt()).status).toBe(423);
    // Even the right password is refused while locked.
    const right = await call(
      'POST',
      '/api/auth/password',
      { currentPassword: user.password, newPassword: 'Whatever-Pass-1' },
      cookie,
    );
    expect(right.status).toBe(423);
  });

  it('is only for signed-in users', async () => {
    const res = await call('POST', '/api/auth/password', {
      currentPassword: 'x',
      newPassword: 'Long-Enough-Pass-1',
    });
    expect(res.status).toBe(401);
  });
});

describe('password reset request', () => {
  it('answers an unknown address exactly as a known one, and sends nothing for it', async () => {
    const user = await freshUser();
    const unknown = uniqueAddress('nobody');
    const tokensBefore = (await db.select().from(oneTimeTokens)).length;
    const auditBefore = (await db.select().from(auditLog)).length;
    const forUnknown = await call('POST', '/api/auth/password-reset/request', { email: unknown });
    const tokensAfterUnknown = (await db.select().from(oneTimeTokens)).length;
    const auditAfterUnknown = (await db.select().from(auditLog)).length;
    const forKnown = await call('POST', '/api/auth/password-reset/request', {
      email: user.email.toUpperCase(),
    });
    expect(forUnknown.status).toBe(202);
    expect(forKnown.status).toBe(202);
    expect(forUnknown.body).toEqual(forKnown.body);
    expect(forUnknown.body).toEqual({ status: 'accepted', message: passwordResetRequestedMessage });
    expect(await mailsTo(db, unknown)).toEqual([]);
    expect(tokensAfterUnknown).toBe(tokensBefore);
    expect(auditAfterUnknown).toBe(auditBefore);
    expect(await mailsTo(db, user.email)).toHaveLength(1);
  });

  it('mails a one-time link, Japanese first then English, and stores only the token’s hash', async () => {
    const user = await freshUser();
    const before = Date.now();
    await call('POST', '/api/auth/password-reset/request', { email: user.email });
    const [mail] = await mailsTo(db, user.email);
    expect(mail).toMatchObject({ status: 'queued', subject: expect.stringContaining('パスワード再設定') });
    const body = mail!.bodyText;
    expect(body.indexOf('パスワード再設定の依頼')).toBeGreaterThanOrEqual(0);
    expect(body.indexOf('パスワード再設定の依頼')).toBeLessThan(body.indexOf('We received a request'));
    expect(body).toContain(`${defaultConfig.publicUrl}/password-reset/confirm?token=`);
    const token = await tokenMailedTo(db, user.email, '/password-reset/confirm');
    const rows = await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.purpose).toBe('password_reset');
    const validMs = rows[0]!.expiresAt.getTime() - before;
    expect(validMs).toBeGreaterThan(59 * 60_000);
    expect(validMs).toBeLessThanOrEqual(61 * 60_000);
  });

  it('takes as long for an unknown address as for a known one: every answer waits for the same floor', async () => {
    const user = await freshUser();
    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await call('POST', '/api/auth/password-reset/request', { email });
      return { ms: performance.now() - started, answer };
    };
    // A known account does real work (a locked transaction, a token, a mail); a miss does almost none.
    const known = await timed(user.email);
    const unknown = await timed(uniqueAddress('nobody'));
    const inactive = await timed(
      (await insertUser(db, { organizationId: companyA, roles: ['company_member'], isActive: false })).email,
    );
    for (const { ms, answer } of [known, unknown, inactive]) {
      expect(answer.status).toBe(202);
      expect(ms).toBeGreaterThanOrEqual(passwordResetAnswerFloorMs - 1);
    }
    expect(await mailsTo(db, user.email)).toHaveLength(1);
  });

  it('sends at most three mails an hour per account, answering the same each time', async () => {
    const user = await freshUser();
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await call('POST', '/api/auth/password-reset/request', { email: user.email }));
    expect(answers.every((a) => a.status === 202 && a.body.status === 'accepted')).toBe(true);
    expect(await mailsTo(db, user.email)).toHaveLength(3);
    expect(await auditRowsFor(db, user.id, 'auth.password_reset_rate_limited')).toHaveLength(2);
    // An hour later the account may ask again.
    await ctx.services.accountRecovery.requestPasswordReset(contextAt(new Date(Date.now() + 61 * 60_000)), {
      email: user.email,
    });
    expect(await mailsTo(db, user.email)).toHaveLength(4);
  });

  it('sends nothing to a deactivated account or one that has not set a password', async () => {
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
    for (const email of [inactive.email, invited.email]) {
      expect((await call('POST', '/api/auth/password-reset/request', { email })).status).toBe(202);
      expect(await mailsTo(db, email)).toEqual([]);
    }
  });

  it('invalidates the earlier link when a new one is sent', async () => {
    const user = await freshUser();
    await call('POST', '/api/auth/password-reset/request', { email: user.email });
    const first = await tokenMailedTo(db, user.email, '/password-reset/confirm');
    await call('POST', '/api/auth/password-reset/request', { email: user.email });
    const second = await tokenMailedTo(db, user.email, '/password-reset/confirm');
    expect(second).not.toBe(first);
    const stale = await call('POST', '/api/auth/password-reset/confirm', {
      token: first,
      newPassword: 'From-First-Link-1',
    });
    expect(stale.status).toBe(410);
    expect(stale.body.error.code).toBe('TOKEN_INVALID');
    const fresh = await call('POST', '/api/auth/password-reset/confirm', {
      token: second,
      newPassword: 'From-Second-Link-1',
    });
    expect(fresh.status).toBe(200);
  });
});

describe('password reset confirm', () => {
  it('sets the password, clears the lockout, ends every session and works only once', async () => {
    const user = await freshUser();
    const cookie = await ctx.sessionCookieFor(user.email);
    await db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 10 * 60_000), failedLoginCount: 3 })
      .where(eq(users.id, user.id));
    expect((await login(user.email, user.password)).status).toBe(423);

    await call('POST', '/api/auth/password-reset/request', { email: user.email });
    const token = await tokenMailedTo(db, user.email, '/password-reset/confirm');
    const res = await call('POST', '/api/auth/password-reset/confirm', {
      token,
      newPassword: 'After-Reset-Pass-1',
    });
    expect(res.status).toBe(200);
    expect((await call('GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
    expect(await sessionCount(user.id)).toBe(0);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ lockedUntil: null, failedLoginCount: 0 });
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'After-Reset-Pass-1')).status).toBe(200);

    const again = await call('POST', '/api/auth/password-reset/confirm', {
      token,
      newPassword: 'Second-Use-Pass-1',
    });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('TOKEN_INVALID');
    expect((await login(user.email, 'After-Reset-Pass-1')).status).toBe(200);

    const [audit] = await auditRowsFor(db, user.id, 'auth.password_reset');
    expect(audit).toMatchObject({ actorUserId: user.id, prefectureId: user.prefectureId });
    expect(audit!.before).toMatchObject({ failedLoginCount: 3 });
    expect(audit!.after).toMatchObject({ failedLoginCount: 0, lockedUntil: null, allSessionsEnded: true });
    expect(JSON.stringify(audit)).not.toContain('$argon2');
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('refuses an expired link with 410, judged at the request’s time', async () => {
    const user = await freshUser();
    await call('POST', '/api/auth/password-reset/request', { email: user.email });
    const token = await tokenMailedTo(db, user.email, '/password-reset/confirm');
    // 61 minutes later, through the service with the clock moved.
    await expect(
      ctx.services.accountRecovery.confirmPasswordReset(contextAt(new Date(Date.now() + 61 * 60_000)), {
        token,
        newPassword: 'Too-Late-Password-1',
      }),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    // And with the row's expiry moved into the past, through the API.
    await db
      .update(oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(oneTimeTokens.tokenHash, hashToken(token)));
    const res = await call('POST', '/api/auth/password-reset/confirm', {
      token,
      newPassword: 'Too-Late-Password-1',
    });
    expect(res.status).toBe(410);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('refuses links that never existed, and invitation links, with 410', async () => {
    const unknown = await call('POST', '/api/auth/password-reset/confirm', {
      token: 'x'.repeat(43),
      newPassword: 'Does-Not-Matter-1',
    });
    expect(unknown.status).toBe(410);
    const invited = await insertUser(db, {
      organizationId: companyA,
      roles: ['company_member'],
      password: null,
    });
    const token = 'invitation-token-used-for-reset-aaaaaaaaaaa';
    await db.insert(oneTimeTokens).values({
      tokenHash: hashToken(token),
      userId: invited.id,
      purpose: 'invitation',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const wrongPurpose = await call('POST', '/api/auth/password-reset/confirm', {
      token,
      newPassword: 'Does-Not-Matter-1',
    });
    expect(wrongPurpose.status).toBe(410);
  });

  it('refuses the link of an account deactivated after it was sent', async () => {
    const user = await freshUser();
    await call('POST', '/api/auth/password-reset/request', { email: user.email });
    const token = await tokenMailedTo(db, user.email, '/password-reset/confirm');
    await db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    const res = await call('POST', '/api/auth/password-reset/confirm', {
      token,
      newPassword: 'Deactivated-Pass-1',
    });
    expect(res.status).toBe(410);
  });

  it('lets exactly one of two simultaneous uses of a link succeed', async () => {
    const user = await freshUser();
    await call('POST', '/api/auth/password-reset/request', { email: user.email });
    const token = await tokenMailedTo(db, user.email, '/password-reset/confirm');
    const results = await Promise.all([
      call('POST', '/api/auth/password-reset/confirm', { token, newPassword: 'Racing-Password-A1' }),
      call('POST', '/api/auth/password-reset/confirm', { token, newPassword: 'Racing-Password-B1' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
    const used = await db
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.tokenHash, hashToken(token))));
    expect(used[0]!.usedAt).not.toBeNull();
  });

  it('still asks a prefecture admin for the second factor after a reset', async () => {
    const dxDivision = await organizationIdNamed(db, '福島県 企画調整部 デジタル変革課');
    const admin = await insertUser(db, {
      organizationId: dxDivision,
      roles: ['prefecture_admin'],
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    await call('POST', '/api/auth/password-reset/request', { email: admin.email });
    const token = await tokenMailedTo(db, admin.email, '/password-reset/confirm');
    expect(
      (await call('POST', '/api/auth/password-reset/confirm', { token, newPassword: 'Admin-Reset-Pass-1' }))
        .status,
    ).toBe(200);
    const res = await login(admin.email, 'Admin-Reset-Pass-1');
    expect(res.body).toEqual({ status: 'mfa_required' });
  });
});
