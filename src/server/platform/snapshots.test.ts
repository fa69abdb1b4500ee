import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { municipalities } from '../db/schema';
import { createTestContext } from '../testing/harness';
import { createChangeCounter } from './changes';
import { createSnapshotCache } from './snapshots';

const t0 = new Date('2026-11-30T10:00:00+09:00');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('kept answers (snapshots)', () => {
  it('gives a kept answer again until the change count moves or it is too old', async () => {
    const changes = createChangeCounter({ isOnlyWriter: true });
    const cache = createSnapshotCache<number>(changes, 10_000);
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get('a', t0, compute)).toBe(1);
    expect(await cache.get('a', later(9_999), compute)).toBe(1);
    expect(await cache.get('b', later(1), compute)).toBe(2);
    changes.bump();
    expect(await cache.get('a', later(2), compute)).toBe(3);
    expect(await cache.get('a', later(10_002), compute)).toBe(4);
    // A clock that went back does not make an answer from the future fresh.
    expect(await cache.get('a', later(0), compute)).toBe(5);
  });

  it('shares a computation still running and keeps no failure', async () => {
    const cache = createSnapshotCache<object>(createChangeCounter({ isOnlyWriter: true }), 10_000);
    let computed = 0;
    let release: () => void = () => {};
    const slow = () =>
      new Promise<object>((resolve) => {
        computed++;
        release = () => resolve({});
      });
    const together = [cache.get('k', t0, slow), cache.get('k', t0, slow), cache.get('k', t0, slow)];
    release();
    expect(new Set(await Promise.all(together)).size).toBe(1);
    expect(computed).toBe(1);

    let attempts = 0;
    const failing = async () => {
      attempts++;
      throw new Error('database gone');
    };
    await expect(cache.get('f', t0, failing)).rejects.toThrow('database gone');
    await expect(cache.get('f', t0, failing)).rejects.toThrow('database gone');
    expect(attempts).toBe(2);
  });

  it('keeps nothing when its age is 0, and at most its limit of keys', async () => {
    const changes = createChangeCounter({ isOnlyWriter: true });
    let computed = 0;
    const compute = async () => ++computed;
    const off = createSnapshotCache<number>(changes, 0);
    await off.get('a', t0, compute);
    expect(await off.get('a', t0, compute)).toBe(2);
    const small = createSnapshotCache<number>(changes, 10_000, 2);
    expect(await small.get('x', t0, compute)).toBe(3);
    await small.get('y', t0, compute);
    await small.get('z', t0, compute); // x, the oldest, makes room
    expect(await small.get('y', t0, compute)).toBe(4);
    expect(await small.get('x', t0, compute)).toBe(6);
  });
});

describe('the municipality list with kept pages', () => {
  it('shows an edit at once, though a change behind the app is not seen until then', async () => {
    const ctx = await createTestContext({ snapshotMaxAgeMs: 10_000 });
    const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
    const town = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
    type Page = { items: { id: string; name: string; nameEn: string; version: number }[] };
    const list = async (cookie: string) =>
      (await (await ctx.request('GET', '/api/municipalities?limit=100', { cookie })).json()) as Page;
    const first = await list(town);
    const nishiaizu = first.items.find((m) => m.name === '西会津町')!;
    await ctx.database.db
      .update(municipalities)
      .set({ nameEn: 'Behind the app' })
      .where(eq(municipalities.id, nishiaizu.id));
    // The same page for everyone in the prefecture, kept: the change behind the app is not in it.
    expect((await list(admin)).items.find((m) => m.id === nishiaizu.id)?.nameEn).toBe(nishiaizu.nameEn);
    const patched = await ctx.request('PATCH', `/api/municipalities/${nishiaizu.id}`, {
      cookie: admin,
      body: { version: nishiaizu.version, nameEn: 'Nishiaizu Town' },
    });
    expect(patched.status).toBe(200);
    expect((await list(town)).items.find((m) => m.id === nishiaizu.id)?.nameEn).toBe('Nishiaizu Town');
  });
});
