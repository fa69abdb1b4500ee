import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { oneTimeTokens, sessions } from '../../db/schema';
import { createTestContext } from '../../testing/harness';
import { createSession } from '../../platform/auth/sessions';
import { deleteExpiredCredentials } from './auth.jobs';

const ctx = await createTestContext();

describe('credential clean-up job', () => {
  it('deletes sessions past their idle or absolute limit and keeps live ones', async () => {
    const userId = await ctx.userIdOf('dx@nishiaizu.example.jp');
    const policy = { idleMinutes: 30, absoluteHours: 12 };
    const longAgo = new Date(Date.now() - 13 * 3_600_000);
    const stale = await createSession(ctx.database.db, userId, {
      ...policy,
      isMfaComplete: true,
      ipAddress: null,
      userAgent: null,
      now: longAgo,
    });
    const live = await createSession(ctx.database.db, userId, {
      ...policy,
      isMfaComplete: true,
      ipAddress: null,
      userAgent: null,
      now: new Date(),
    });
    await deleteExpiredCredentials(ctx.database.db, policy, new Date());
    expect(
      await ctx.database.db.select().from(sessions).where(eq(sessions.tokenHash, stale.tokenHash)),
    ).toHaveLength(0);
    expect(
      await ctx.database.db.select().from(sessions).where(eq(sessions.tokenHash, live.tokenHash)),
    ).toHaveLength(1);
  });

  it('removes one-time links a week after they expired or were used, and keeps the rest', async () => {
    const db = ctx.database.db;
    const userId = await ctx.userIdOf('dx@nishiaizu.example.jp');
    const now = new Date('2030-06-15T00:00:00Z');
    const day = 24 * 3_600_000;
    const at = (days: number) => new Date(now.getTime() - days * day);
    await db.insert(oneTimeTokens).values([
      {
        tokenHash: 'expired-long-ago',
        userId,
        purpose: 'password_reset',
        expiresAt: at(8),
        createdAt: at(9),
      },
      {
        tokenHash: 'expired-recently',
        userId,
        purpose: 'password_reset',
        expiresAt: at(2),
        createdAt: at(3),
      },
      {
        tokenHash: 'used-long-ago',
        userId,
        purpose: 'invitation',
        expiresAt: now,
        usedAt: at(8),
        createdAt: at(8),
      },
      { tokenHash: 'still-valid', userId, purpose: 'invitation', expiresAt: new Date(now.getTime() + day) },
    ]);
    await deleteExpiredCredentials(db, { idleMinutes: 30, absoluteHours: 12 }, now);
    const left = await db.select({ tokenHash: oneTimeTokens.tokenHash }).from(oneTimeTokens);
    const mine = new Set(['expired-long-ago', 'expired-recently', 'used-long-ago', 'still-valid']);
    expect(
      left
        .map((t) => t.tokenHash)
        .filter((h) => mine.has(h))
        .sort(),
    ).toEqual(['expired-recently', 'still-valid']);
  });

  it('is one of the jobs the app runs, with the seminar reminders, the job clean-up, the daily digest, survey opening notices and allocation runs', () => {
    expect(ctx.background.jobs.map((j) => j.kind).sort()).toEqual([
      'applications.run_counterfactuals',
      'applications.solve_run',
      'auth.credential-cleanup',
      'jobs.cleanup',
      'notifications.daily_digest',
      'projects.follow_ups',
      'projects.report_reminders',
      'seminars.reminders',
      'surveys.opened_notices',
    ]);
  });
});
