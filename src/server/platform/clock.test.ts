import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env';
import { users } from '../db/schema';
import { createTestContext } from '../testing/harness';
import { clockWithOffset, systemClock } from './clock';

/** The server clock the app is given decides every "now" of a request (sessions, writes). */
let offsetMs = 0;
const ctx = await createTestContext({ clock: () => clockWithOffset(offsetMs)() });

describe('the server clock', () => {
  it('is the wall clock without an offset, and runs at real speed with one', () => {
    expect(clockWithOffset(0)).toBe(systemClock);
    const dayAhead = clockWithOffset(86_400_000)().getTime() - Date.now();
    expect(dayAhead).toBeGreaterThanOrEqual(86_400_000 - 1_000);
    expect(dayAhead).toBeLessThanOrEqual(86_400_000 + 1_000);
  });

  it("decides a session's idle limit and stamps a write", async () => {
    offsetMs = 0;
    const cookie = await ctx.sessionCookieFor('dx@koriyama.example.jp');
    const me = await (await ctx.request('GET', '/api/auth/me', { cookie })).json();

    offsetMs = 10 * 60_000;
    const patched = await ctx.request('PATCH', '/api/auth/me', {
      cookie,
      body: { version: me.version, displayName: '郡山市 DX担当（時計）' },
    });
    expect(patched.status).toBe(200);
    const [user] = await ctx.database.db
      .select({ updatedAt: users.updatedAt })
      .from(users)
      .where(eq(users.email, 'dx@koriyama.example.jp'));
    // Stamped at the moved clock's time, ten minutes ahead of the wall clock. (The audit trail
    // keeps the database's own time: it records when a change really happened.)
    expect(user!.updatedAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);

    // 31 minutes after the last use (ten ahead, plus 31) the session is idle too long.
    offsetMs = (10 + 31) * 60_000;
    expect((await ctx.request('GET', '/api/auth/me', { cookie })).status).toBe(401);
    offsetMs = 0;
  });

  it('is moved by CLOCK_OFFSET_MS, bounded to ten years and refused when not a whole number', () => {
    expect(loadEnv({ CLOCK_OFFSET_MS: '-86400000' }).CLOCK_OFFSET_MS).toBe(-86_400_000);
    expect(loadEnv({}).CLOCK_OFFSET_MS).toBe(0);
    expect(() => loadEnv({ CLOCK_OFFSET_MS: 'tomorrow' })).toThrow(/CLOCK_OFFSET_MS/);
    expect(() => loadEnv({ CLOCK_OFFSET_MS: String(11 * 366 * 86_400_000) })).toThrow(/CLOCK_OFFSET_MS/);
  });
});
