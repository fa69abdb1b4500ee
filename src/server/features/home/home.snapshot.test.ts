import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fiscalYears, programs } from '../../db/schema';
import { resolveSession } from '../../platform/auth/sessions';
import { defaultConfig } from '../../platform/deps';
import { enqueueJob } from '../../platform/jobs/queue';
import { createTestContext } from '../../testing/harness';

/**
 * A user's home page is answered from the snapshot taken at the same change count of the process
 * (platform/changes.ts) for at most `snapshotMaxAgeMs`. The test writes to the database
 * behind the app's back to see which answer it gets.
 */
let now = new Date('2025-03-01T10:00:00+09:00'); // within FY2024, the seeded year
const ctx = await createTestContext({ clock: () => now, snapshotMaxAgeMs: 10_000 });
const town = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');

type HomeBody = { programs: { kind: string; budgetThousandYen: number | null }[] };
const dispatchBudget = async (cookie = town) => {
  const res = await ctx.request('GET', '/api/home', { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as HomeBody).programs.find((p) => p.kind === 'advisor_dispatch')!
    .budgetThousandYen;
};
const [fy2024] = await ctx.database.db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
const setBudgetBehindTheAppsBack = (budgetThousandYen: number) =>
  ctx.database.db
    .update(programs)
    .set({ budgetThousandYen })
    .where(and(eq(programs.fiscalYearId, fy2024!.id), eq(programs.kind, 'advisor_dispatch')));

describe('the home snapshot', () => {
  it('is answered again while nothing was written, and recomputed after any write through the app', async () => {
    const first = await dispatchBudget();
    expect(first).toBe(69_545);
    await setBudgetBehindTheAppsBack(70_000);
    // No write went through this process: the snapshot stands (this is what it saves).
    expect(await dispatchBudget()).toBe(69_545);
    // Any request that may write moves the count: a profile edit by someone else will do.
    const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
    const me = await (await ctx.request('GET', '/api/auth/me', { cookie: admin })).json();
    const edited = await ctx.request('PATCH', '/api/auth/me', {
      cookie: admin,
      body: { version: me.version, displayName: '福島県 デジタル変革課' },
    });
    expect(edited.status).toBe(200);
    expect(await dispatchBudget()).toBe(70_000);
  });

  it('moves on after a background job ran', async () => {
    await setBudgetBehindTheAppsBack(71_000);
    expect(await dispatchBudget()).toBe(70_000);
    expect(
      await enqueueJob(ctx.database.db, {
        kind: 'jobs.cleanup',
        dedupeKey: 'home-snapshot-test',
        runAt: new Date(),
      }),
    ).toBe(true);
    await ctx.runJobs();
    expect(await dispatchBudget()).toBe(71_000);
  });

  it('is never older than its limit (deadlines count down with the clock)', async () => {
    await setBudgetBehindTheAppsBack(72_000);
    expect(await dispatchBudget()).toBe(71_000);
    now = new Date(now.getTime() + 9_000);
    expect(await dispatchBudget()).toBe(71_000);
    now = new Date(now.getTime() + 1_000);
    expect(await dispatchBudget()).toBe(72_000);
  });

  it('is computed once for requests that arrive together', async () => {
    now = new Date(now.getTime() + 60_000); // past the kept one's age: a new computation
    const token = town.slice(town.indexOf('=') + 1);
    const session = await resolveSession(ctx.database.db, token, defaultConfig.sessionPolicy, now);
    const request = {
      actor: session!.actor,
      requestId: 'burst',
      locale: 'ja' as const,
      ipAddress: null,
      userAgent: null,
      now,
    };
    const homes = await Promise.all(Array.from({ length: 8 }, () => ctx.services.home.get(request)));
    // One object for all eight: they waited for the same computation.
    expect(new Set(homes).size).toBe(1);
  });

  it('is kept per person: another user computes their own', async () => {
    await setBudgetBehindTheAppsBack(73_000);
    const koriyama = await ctx.sessionCookieFor('dx@koriyama.example.jp');
    expect(await dispatchBudget(koriyama)).toBe(73_000);
    expect(await dispatchBudget()).toBe(72_000);
  });
});
