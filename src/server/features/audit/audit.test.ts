import { describe, expect, it } from 'vitest';
import type { AuditEntry, OutboxMail } from '../../../shared/schemas/accounts';
import { eq } from 'drizzle-orm';
import { auditLog, menuProposals, municipalities, users } from '../../db/schema';
import { enqueueMail } from '../../platform/mail/outbox';
import { createTestContext } from '../../testing/harness';
import {
  insertOtherPrefecture,
  insertUser,
  organizationIdNamed,
  uniqueAddress,
} from '../accounts/test-support';

const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const adminId = await ctx.userIdOf('admin@pref.example.jp');
const companyA = await organizationIdNamed(db, 'デモ情報システム株式会社');
const otherPrefecture = await insertOtherPrefecture(db);

async function call(path: string, cookie = admin) {
  const res = await ctx.request('GET', path, { cookie });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

/** Makes audited changes through the API: renames of a fresh user. */
async function renameTimes(times: number): Promise<string> {
  const user = await insertUser(db, { organizationId: companyA, roles: ['company_member'] });
  for (let version = 1; version <= times; version++) {
    const res = await ctx.request('PATCH', `/api/users/${user.id}`, {
      cookie: admin,
      body: { version, displayName: `名前 ${version}` },
    });
    expect(res.status).toBe(200);
  }
  return user.id;
}

describe('audit log', () => {
  it('lists the prefecture’s entries newest first, with the actor’s name and before/after', async () => {
    const userId = await renameTimes(2);
    const res = await call(`/api/audit?entityType=user&entityId=${userId}`);
    expect(res.status).toBe(200);
    const items = res.body.items as AuditEntry[];
    expect(items.map((e) => e.action)).toEqual(['user.update', 'user.update']);
    expect(items[0]!.id).toBeGreaterThan(items[1]!.id);
    expect(items[0]).toMatchObject({
      actorUserId: adminId,
      actorDisplayName: '県 管理者（デジタル変革課）',
      before: { displayName: '名前 1', passwordHash: '[redacted]' },
      after: { displayName: '名前 2' },
      sentence: {
        ja: '県 管理者（デジタル変革課）が アカウント『名前 2』を更新しました',
        en: "県 管理者（デジタル変革課） updated the account '名前 2'",
      },
    });
    expect(res.body.nextBefore).toBeNull();
  });

  it('names a record without a name of its own by its municipality or its menu proposal', async () => {
    const [adminRow] = await db
      .select({ prefectureId: users.prefectureId })
      .from(users)
      .where(eq(users.id, adminId));
    const prefectureId = adminRow!.prefectureId!;
    const [nishiaizu] = await db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.name, '西会津町'));
    const [proposal] = await db
      .select({ id: menuProposals.id, title: menuProposals.title })
      .from(menuProposals)
      .where(eq(menuProposals.prefectureId, prefectureId))
      .limit(1);
    await db.insert(auditLog).values([
      {
        prefectureId,
        actorUserId: adminId,
        action: 'application.submit',
        entityType: 'application',
        after: { municipalityId: nishiaizu!.id, status: 'submitted' },
      },
      {
        prefectureId,
        actorUserId: adminId,
        action: 'menu_review.submit',
        entityType: 'menu_review',
        after: { proposalId: proposal!.id, status: 'submitted' },
      },
    ]);
    const [review, application] = (await call('/api/audit?limit=2')).body.items as AuditEntry[];
    expect(application!.sentence.ja).toBe('県 管理者（デジタル変革課）が 申請『西会津町』を提出しました');
    expect(review!.sentence.ja).toBe(
      `県 管理者（デジタル変革課）が 審査『${proposal!.title}』を提出しました`,
    );
    expect(review!.sentence.en).toBe(`県 管理者（デジタル変革課） submitted the review '${proposal!.title}'`);
  });

  it('filters by action and actor, and never shows another prefecture’s entries', async () => {
    await db.insert(auditLog).values({
      prefectureId: otherPrefecture.prefecture.id,
      actorUserId: otherPrefecture.user.id,
      action: 'user.update',
      entityType: 'user',
      entityId: otherPrefecture.user.id,
    });
    const byAction = (await call('/api/audit?action=user.update&limit=200')).body.items as AuditEntry[];
    expect(byAction.length).toBeGreaterThan(0);
    expect(byAction.every((e) => e.action === 'user.update')).toBe(true);
    expect(byAction.some((e) => e.entityId === otherPrefecture.user.id)).toBe(false);
    const byActor = (await call(`/api/audit?actorUserId=${otherPrefecture.user.id}`)).body.items;
    expect(byActor).toEqual([]);
    const mine = (await call(`/api/audit?actorUserId=${adminId}&limit=200`)).body.items as AuditEntry[];
    expect(mine.every((e) => e.actorUserId === adminId)).toBe(true);
  });

  it('pages backwards with the `before` cursor without gaps or repeats', async () => {
    const userId = await renameTimes(5);
    const seen: number[] = [];
    let path = `/api/audit?entityId=${userId}&limit=2`;
    for (let page = 0; page < 5; page++) {
      const { body } = await call(path);
      seen.push(...body.items.map((e: AuditEntry) => e.id));
      if (body.nextBefore === null) break;
      path = `/api/audit?entityId=${userId}&limit=2&before=${body.nextBefore}`;
    }
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(5);
  });

  it('refuses a page size over 200 with a field error', async () => {
    const res = await call('/api/audit?limit=201');
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toEqual(['query', 'limit']);
  });

  it('is for the prefecture admin only', async () => {
    for (const email of [
      'reviewer@pref.example.jp',
      'secretariat@council.example.jp',
      'dx@nishiaizu.example.jp',
    ]) {
      expect((await call('/api/audit', await ctx.sessionCookieFor(email))).status).toBe(403);
    }
    expect((await ctx.request('GET', '/api/audit')).status).toBe(401);
  });
});

describe('mail outbox', () => {
  it('shows the prefecture’s mails newest first with their text, and says SMTP is not configured', async () => {
    const address = uniqueAddress('reset');
    await insertUser(db, { organizationId: companyA, roles: ['company_member'], email: address });
    await ctx.request('POST', '/api/auth/password-reset/request', { body: { email: address } });
    await enqueueMail(db, {
      prefectureId: otherPrefecture.prefecture.id,
      to: 'elsewhere@example.jp',
      subject: '他県のメール',
      bodyText: '他県',
    });
    const res = await call('/api/admin/outbox');
    expect(res.status).toBe(200);
    expect(res.body.isSmtpConfigured).toBe(false);
    const items = res.body.items as OutboxMail[];
    expect(items[0]).toMatchObject({ to: address, status: 'queued', attempts: 0, sentAt: null });
    expect(items[0]!.bodyText).toContain('/password-reset/confirm?token=');
    expect(items.some((m) => m.to === 'elsewhere@example.jp')).toBe(false);
    const times = items.map((m) => Date.parse(m.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by status and limits the count', async () => {
    const { prefectureId } = await insertUser(db, { organizationId: companyA, roles: ['company_member'] });
    for (const subject of ['一通目', '二通目', '三通目']) {
      await enqueueMail(db, { prefectureId, to: 'x@example.jp', subject, bodyText: 'b' });
      // PGlite's clock ticks in milliseconds: mails queued within one tick have no defined order.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const limited = await call('/api/admin/outbox?limit=2');
    expect(limited.body.items.map((m: OutboxMail) => m.subject)).toEqual(['三通目', '二通目']);
    const queued = (await call('/api/admin/outbox?status=queued&limit=200')).body.items as OutboxMail[];
    expect(queued.length).toBeGreaterThanOrEqual(3);
    expect(queued.every((m) => m.status === 'queued')).toBe(true);
    expect((await call('/api/admin/outbox?status=sent')).body.items).toEqual([]);
    expect((await call('/api/admin/outbox?status=unknown')).status).toBe(422);
  });

  it('is for the prefecture admin only', async () => {
    expect(
      (await call('/api/admin/outbox', await ctx.sessionCookieFor('dx@koriyama.example.jp'))).status,
    ).toBe(403);
  });
});
