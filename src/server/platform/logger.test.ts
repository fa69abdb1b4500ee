import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../db/schema';
import { createTestContext } from '../testing/harness';
import { createLogger } from './logger';

const ctx = await createTestContext();

/** A logger writing into memory, as the server's logger writes to stdout. */
function capturingLogger() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines: () => text };
}

/** A statement the database refuses, carrying personal data in its values. */
async function failedInsert(): Promise<unknown> {
  const [existing] = await ctx.database.db
    .select()
    .from(users)
    .where(eq(users.email, 'admin@pref.example.jp'));
  try {
    // Same e-mail again: the unique index refuses it, and PostgreSQL's detail names the value.
    await ctx.database.db
      .insert(users)
      .values({ ...existing!, id: undefined as never, displayName: '福島 花子' });
  } catch (err) {
    return err;
  }
  throw new Error('the insert should have failed');
}

describe('error log lines', () => {
  it('keep the SQL and the SQLSTATE but none of the statement’s values', async () => {
    const err = await failedInsert();
    const { logger, lines } = capturingLogger();
    logger.error({ err, requestId: 'r-1' }, 'unhandled error');
    const line = lines();
    const entry = JSON.parse(line) as { err: { query: string; cause: { code: string } } };
    expect(entry.err.query).toContain('insert into "users"');
    expect(entry.err.cause.code).toBe('23505');
    expect(line).not.toContain('admin@pref.example.jp');
    expect(line).not.toContain('福島 花子');
    expect(line).toContain('[redacted]');
  });

  it('keep ordinary errors whole', () => {
    const { logger, lines } = capturingLogger();
    logger.error({ err: new Error('disk on fire', { cause: new Error('inner reason') }) }, 'failed');
    expect(lines()).toContain('disk on fire');
    expect(lines()).toContain('inner reason');
  });
});
