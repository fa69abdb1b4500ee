import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../env';
import { auditLog, sessions, users } from '../../db/schema';
import { csrfHeaderName } from '../../platform/middleware';
import { createTestContext, demoPassword } from '../../testing/harness';

const proxy = '10.0.0.1';
const ctx = await createTestContext({ trustedProxies: [proxy] });

/** Signs in as if over the network from `socket`, optionally with an X-Forwarded-For header. */
function loginFrom(socket: string, body: { email: string; password: string }, forwardedFor?: string) {
  const headers: Record<string, string> = { [csrfHeaderName]: '1', 'content-type': 'application/json' };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return ctx.app.request(
    '/api/auth/login',
    { method: 'POST', headers, body: JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: socket } } },
  );
}

describe('sign-in limits', () => {
  it('slows password spraying from one address across many accounts, and only that address', async () => {
    const spray = '203.0.113.9';
    for (let i = 0; i < 20; i++) {
      const res = await loginFrom(spray, { email: `nobody-${i}@example.jp`, password: 'Guess-1234567' });
      expect(res.status).toBe(401);
    }
    const next = await loginFrom(spray, { email: 'dx@koriyama.example.jp', password: demoPassword });
    expect(next.status).toBe(429);
    expect((await next.json()).error.code).toBe('RATE_LIMITED');
    const elsewhere = await loginFrom('198.51.100.20', {
      email: 'dx@koriyama.example.jp',
      password: demoPassword,
    });
    expect(elsewhere.status).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only when a configured proxy sent it', async () => {
    const body = { email: 'dx@nishiaizu.example.jp', password: demoPassword };
    await loginFrom('192.0.2.5', body, '198.51.100.66');
    await loginFrom(proxy, body, '198.51.100.77');
    const userId = await ctx.userIdOf(body.email);
    const addresses = (await ctx.database.db.select().from(sessions).where(eq(sessions.userId, userId))).map(
      (s) => s.ipAddress,
    );
    expect(addresses).toContain('192.0.2.5');
    expect(addresses).toContain('198.51.100.77');
    expect(addresses).not.toContain('198.51.100.66');
  });

  it('delays rather than locks: the first lock is short, and it grows only with further failures', async () => {
    const email = 'mayor@nishiaizu.example.jp';
    for (let i = 0; i < 5; i++) await loginFrom(`192.0.2.${100 + i}`, { email, password: 'wrong-wrong-1' });
    const [locked] = await ctx.database.db.select().from(users).where(eq(users.email, email));
    const firstDelay = locked!.lockedUntil!.getTime() - Date.now();
    expect(firstDelay).toBeGreaterThan(0);
    expect(firstDelay).toBeLessThanOrEqual(60_000);
    // Once the delay has passed, one more failure locks again for longer, up to the cap.
    await ctx.database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.email, email));
    await loginFrom('192.0.2.110', { email, password: 'wrong-wrong-1' });
    const [again] = await ctx.database.db.select().from(users).where(eq(users.email, email));
    const secondDelay = again!.lockedUntil!.getTime() - Date.now();
    expect(secondDelay).toBeGreaterThan(60_000);
    expect(secondDelay).toBeLessThanOrEqual(15 * 60_000);
  });
});

describe('TRUST_PROXY', () => {
  it('is read by env.ts as a list of proxy addresses, empty unless set', () => {
    expect(loadEnv({}).trustedProxies).toEqual([]);
    expect(loadEnv({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustedProxies).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});

describe('audit of sign-in attempts', () => {
  it('records attempts on unknown accounts, with the client address and user agent', async () => {
    const res = await loginFrom('198.51.100.99', { email: 'ghost@example.jp', password: 'Guess-1234567' });
    expect(res.status).toBe(401);
    const rows = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.login_unknown_account'));
    expect(rows.some((r) => r.ipAddress === '198.51.100.99')).toBe(true);
  });
});
