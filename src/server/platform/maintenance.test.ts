import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../db/schema';
import { createTestContext } from '../testing/harness';
import { createSession } from './auth/sessions';
import { runMaintenance } from './maintenance';

const ctx = await createTestContext();

describe('maintenance', () => {
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
    await runMaintenance(ctx.database.db, policy, new Date());
    expect(
      await ctx.database.db.select().from(sessions).where(eq(sessions.tokenHash, stale.tokenHash)),
    ).toHaveLength(0);
    expect(
      await ctx.database.db.select().from(sessions).where(eq(sessions.tokenHash, live.tokenHash)),
    ).toHaveLength(1);
  });
});
