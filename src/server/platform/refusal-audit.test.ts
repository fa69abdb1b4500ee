import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema';
import { createTestContext } from '../testing/harness';
import { csrfHeaderName } from './middleware';

const ctx = await createTestContext();
const town = 'dx@nishiaizu.example.jp';

async function latest(action: string) {
  const [row] = await ctx.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(desc(auditLog.at))
    .limit(1);
  return row;
}

describe('refused requests are audited', () => {
  it('a permission denial names who, the method and the path (without the query)', async () => {
    const cookie = await ctx.sessionCookieFor(town);
    const res = await ctx.request('GET', '/api/audit?q=secret-term', { cookie });
    expect(res.status).toBe(403);
    const row = await latest('request.forbidden');
    expect(row?.actorUserId).toBe(await ctx.userIdOf(town));
    expect(row?.after).toEqual({ method: 'GET', path: '/api/audit', code: 'FORBIDDEN' });
  });

  it('a CSRF refusal is recorded with the client address and agent', async () => {
    const before = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'request.csrf_rejected')));
    const res = await ctx.request('POST', '/api/auth/logout', {
      headers: { [csrfHeaderName]: '0', 'user-agent': 'probe/1.0' },
    });
    expect(res.status).toBe(403);
    const after = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'request.csrf_rejected')));
    expect(after.length).toBe(before.length + 1);
    const row = await latest('request.csrf_rejected');
    expect(row?.after).toEqual({ method: 'POST', path: '/api/auth/logout', code: 'CSRF_REJECTED' });
    expect(row?.userAgent).toBe('probe/1.0');
  });

  it('an allowed request leaves no refusal row', async () => {
    const before = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'request.forbidden'));
    const cookie = await ctx.sessionCookieFor(town);
    expect((await ctx.request('GET', '/api/auth/me', { cookie })).status).toBe(200);
    const after = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'request.forbidden'));
    expect(after.length).toBe(before.length);
  });
});
