import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox, notifications, users } from '../../db/schema';
import { notify } from '../../platform/notifications/notify';
import { createTestContext } from '../../testing/harness';
import { latestDigestTime } from './notifications.service';

const ctx = await createTestContext();
const db = ctx.database.db;
const publicUrl = 'http://localhost:3000';
const town = 'dx@nishiaizu.example.jp';
const otherTown = 'dx@koriyama.example.jp';

async function userOf(email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user!;
}

async function notifyTown(email: string, title: string, options: { dedupeKey?: string; now?: Date } = {}) {
  const user = await userOf(email);
  return db.transaction((tx) =>
    notify(tx, {
      prefectureId: user.prefectureId,
      kind: 'surveys.reminder',
      recipient: { userId: user.id, email: user.email },
      mail: {
        subject: title,
        bodyText: `${user.displayName} 様\n\n回答ページ：${publicUrl}/surveys/abc/answer?x=1`,
      },
      publicUrl,
      now: options.now ?? new Date(),
      ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
    }),
  );
}

async function mailsTo(email: string, subjectLike: string) {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), like(mailOutbox.subject, subjectLike)));
}

describe('notify', () => {
  it('puts an entry in the inbox, linked to the page the mail is about, and mails it at once by default', async () => {
    expect(await notifyTown(town, '【回答のお願い】受信箱テスト')).toBe('mailed');
    const cookie = await ctx.sessionCookieFor(town);
    const list = await (await ctx.request('GET', '/api/notifications', { cookie })).json();
    expect(list.items[0]).toMatchObject({
      title: '【回答のお願い】受信箱テスト',
      linkPath: '/surveys/abc/answer?x=1',
      readAt: null,
    });
    expect(list.unreadCount).toBeGreaterThanOrEqual(1);
    expect(await mailsTo(town, '%受信箱テスト%')).toHaveLength(1);
  });

  it('is idempotent with a dedupe key: a retried sender tells no one twice', async () => {
    expect(await notifyTown(town, '重複テスト', { dedupeKey: 'test:dedupe:1' })).toBe('mailed');
    expect(await notifyTown(town, '重複テスト', { dedupeKey: 'test:dedupe:1' })).toBe('duplicate');
    const user = await userOf(town);
    const rows = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), eq(notifications.title, '重複テスト')));
    expect(rows).toHaveLength(1);
    expect(await mailsTo(town, '重複テスト')).toHaveLength(1);
  });

  it('mails one-time sign-in links at once whatever the preferences, and keeps them out of the inbox', async () => {
    const user = await userOf(otherTown);
    const cookie = await ctx.sessionCookieFor(otherTown);
    await ctx.request('PUT', '/api/notifications/preferences', {
      cookie,
      body: { version: 0, emailByKind: { 'surveys.reminder': 'off' } },
    });
    const result = await db.transaction((tx) =>
      notify(tx, {
        prefectureId: user.prefectureId,
        kind: 'auth.password_reset',
        recipient: { userId: user.id, email: user.email },
        mail: { subject: 'パスワード再設定テスト', bodyText: `${publicUrl}/password-reset/confirm?token=x` },
        publicUrl,
        now: new Date(),
      }),
    );
    expect(result).toBe('mailed');
    expect(await mailsTo(otherTown, 'パスワード再設定テスト')).toHaveLength(1);
    const inbox = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), eq(notifications.title, 'パスワード再設定テスト')));
    expect(inbox).toEqual([]);
  });
});

describe('the inbox', () => {
  it('marks one read, then all; another person’s notification answers 404 and stays unread', async () => {
    await notifyTown(otherTown, '他の町への通知');
    const otherCookie = await ctx.sessionCookieFor(otherTown);
    const others = await (await ctx.request('GET', '/api/notifications', { cookie: otherCookie })).json();
    const othersId = others.items.find((n: { title: string }) => n.title === '他の町への通知').id;

    const cookie = await ctx.sessionCookieFor(town);
    await notifyTown(town, '既読テスト1');
    await notifyTown(town, '既読テスト2');
    const before = await (await ctx.request('GET', '/api/notifications/unread-count', { cookie })).json();
    const list = await (await ctx.request('GET', '/api/notifications?unreadOnly=true', { cookie })).json();
    const first = list.items.find((n: { title: string }) => n.title === '既読テスト1');

    expect((await ctx.request('POST', `/api/notifications/${first.id}/read`, { cookie })).status).toBe(204);
    const after = await (await ctx.request('GET', '/api/notifications/unread-count', { cookie })).json();
    expect(after.count).toBe(before.count - 1);

    expect((await ctx.request('POST', `/api/notifications/${othersId}/read`, { cookie })).status).toBe(404);
    const othersAfter = await (
      await ctx.request('GET', '/api/notifications', { cookie: otherCookie })
    ).json();
    expect(othersAfter.items.find((n: { id: string }) => n.id === othersId).readAt).toBeNull();

    const all = await (await ctx.request('POST', '/api/notifications/read-all', { cookie })).json();
    expect(all.updated).toBe(after.count);
    expect(
      (await (await ctx.request('GET', '/api/notifications/unread-count', { cookie })).json()).count,
    ).toBe(0);
  });

  it('pages newest first with `before`, never past the limit', async () => {
    const cookie = await ctx.sessionCookieFor(town);
    const base = Date.parse('2030-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++) await notifyTown(town, `ページ${i}`, { now: new Date(base + i * 60_000) });
    const first = await (await ctx.request('GET', '/api/notifications?limit=2', { cookie })).json();
    expect(first.items.map((n: { title: string }) => n.title)).toEqual(['ページ4', 'ページ3']);
    const second = await (
      await ctx.request('GET', `/api/notifications?limit=2&before=${encodeURIComponent(first.nextBefore)}`, {
        cookie,
      })
    ).json();
    expect(second.items.map((n: { title: string }) => n.title)).toEqual(['ページ2', 'ページ1']);
    const tooMany = await ctx.request('GET', '/api/notifications?limit=1000', { cookie });
    expect(tooMany.status).toBe(422);
  });
});

describe('preferences and the daily digest', () => {
  it('saves preferences with the version read (409 on a stale one) and applies them to new notifications', async () => {
    const email = 'mayor@nishiaizu.example.jp';
    const cookie = await ctx.sessionCookieFor(email);
    const initial = await (await ctx.request('GET', '/api/notifications/preferences', { cookie })).json();
    expect(initial.version).toBe(0);
    expect(initial.emailByKind['surveys.reminder']).toBe('immediate');

    const saved = await ctx.request('PUT', '/api/notifications/preferences', {
      cookie,
      body: { version: 0, emailByKind: { 'surveys.reminder': 'digest', 'seminars.reminder': 'off' } },
    });
    expect(saved.status).toBe(200);
    const body = await saved.json();
    expect(body).toMatchObject({ version: 1 });
    expect(body.emailByKind).toMatchObject({ 'surveys.reminder': 'digest', 'seminars.reminder': 'off' });

    const stale = await ctx.request('PUT', '/api/notifications/preferences', {
      cookie,
      body: { version: 0, emailByKind: { 'surveys.reminder': 'immediate' } },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.current.emailByKind['surveys.reminder']).toBe('digest');

    const unknownKind = await ctx.request('PUT', '/api/notifications/preferences', {
      cookie,
      body: { version: 1, emailByKind: { 'auth.password_reset': 'off' } },
    });
    expect(unknownKind.status).toBe(422);

    expect(await notifyTown(email, 'ダイジェスト行き', { now: new Date('2030-03-01T01:00:00Z') })).toBe(
      'in-digest',
    );
    expect(await mailsTo(email, '%ダイジェスト行き%')).toEqual([]);
  });

  it('sends each digest once a day after 08:00 JST, listing what arrived before it, in the person’s language', async () => {
    const email = 'mayor@nishiaizu.example.jp';
    const user = await userOf(email);
    // 09:00 JST on 2 March: the notification of 1 March (10:00 JST) is due, one of 09:30 is not.
    await notifyTown(email, '翌日に届くもの', { now: new Date('2030-03-02T00:30:00Z') });
    const nineAm = new Date('2030-03-02T00:00:00Z');
    expect(latestDigestTime(nineAm).toISOString()).toBe('2030-03-01T23:00:00.000Z');

    const first = await ctx.services.notifications.sendDigests(nineAm);
    expect(first.queued).toBeGreaterThanOrEqual(1);
    const digests = await mailsTo(email, '%お知らせのまとめ%');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.bodyText).toContain('ダイジェスト行き');
    expect(digests[0]!.bodyText).toContain(`${publicUrl}/surveys/abc/answer?x=1`);
    expect(digests[0]!.bodyText).not.toContain('翌日に届くもの');
    expect(digests[0]!.bodyText).toContain(`${user.displayName} 様`);

    // Again the same day: nothing more; the next morning: the later one.
    expect((await ctx.services.notifications.sendDigests(new Date('2030-03-02T05:00:00Z'))).queued).toBe(0);
    await ctx.services.notifications.sendDigests(new Date('2030-03-02T23:15:00Z'));
    const next = await mailsTo(email, '%お知らせのまとめ%');
    expect(next).toHaveLength(2);
    expect(next.some((m) => m.bodyText.includes('翌日に届くもの'))).toBe(true);
  });

  it('runs as a scheduled job of the job runner', async () => {
    expect(ctx.background.jobs.map((j) => j.kind)).toContain('notifications.daily_digest');
  });
});
