import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { loadEnv } from '../../env';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();

describe('demo mode', () => {
  it('stops the login page showing the admin code once the admin has enrolled their own authenticator', async () => {
    const before = await (await ctx.request('GET', '/api/auth/demo-accounts')).json();
    expect(before.adminTotpCode).toMatch(/^\d{6}$/);
    await ctx.database.db
      .update(users)
      .set({ totpSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' })
      .where(eq(users.email, 'admin@pref.example.jp'));
    const after = await (await ctx.request('GET', '/api/auth/demo-accounts')).json();
    expect(after.adminTotpCode).toBeNull();
  });

  it('cannot be left on by accident: an https deployment must say DEMO_MODE explicitly', () => {
    expect(() => loadEnv({ PUBLIC_URL: 'https://kakehashi.pref.example.jp' })).toThrow(/DEMO_MODE/);
    expect(loadEnv({ PUBLIC_URL: 'https://kakehashi.pref.example.jp', DEMO_MODE: 'false' }).DEMO_MODE).toBe(
      false,
    );
    expect(loadEnv({ PUBLIC_URL: 'https://demo.example.jp', DEMO_MODE: 'true' }).DEMO_MODE).toBe(true);
    expect(loadEnv({}).DEMO_MODE).toBe(true);
  });
});
