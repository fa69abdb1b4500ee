import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, organizations, users } from '../server/db/schema';
import { loadEnv } from '../server/env';
import { verifyPassword } from '../server/platform/auth/password';
import { createTestContext } from '../server/testing/harness';
import { type CliIo, runCli } from './commands';
import { createUserCommand } from './create-user';

const ctx = await createTestContext();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-cli-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { print: (l: string) => out.push(l), printError: (l: string) => err.push(l) } };
}

async function companyAId(): Promise<string> {
  const [org] = await ctx.database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, 'デモ情報システム株式会社'));
  return org!.id;
}

describe('kakehashi create-user', () => {
  it('creates the user with a printed temporary password that signs in, and audits it', async () => {
    const { out, io } = capture();
    const code = await createUserCommand(
      ctx.database.db,
      {
        email: 'New.Advisor@Company-A.example.jp',
        name: '新任 アドバイザー',
        organizationId: await companyAId(),
        roles: 'company_member, reviewer',
      },
      io,
    );
    expect(code).toBe(0);
    const password = out.find((l) => l.startsWith('一時パスワード'))?.split(': ')[1];
    expect(password).toMatch(/^[\w-]{24}$/);
    const [user] = await ctx.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'new.advisor@company-a.example.jp'));
    expect(user?.roles).toEqual(['company_member', 'reviewer']);
    expect(await verifyPassword(user!.passwordHash!, password!)).toBe(true);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, user!.id)));
    expect(audit.map((a) => a.action)).toEqual(['user.create']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(user!.passwordHash!);

    const res = await ctx.request('POST', '/api/auth/login', {
      body: { email: 'new.advisor@company-a.example.jp', password },
    });
    expect(res.status).toBe(200);
  });

  it('refuses a role the organization kind does not allow, and creates nothing', async () => {
    const { err, io } = capture();
    const code = await createUserCommand(
      ctx.database.db,
      {
        email: 'not-admin@company-a.example.jp',
        name: 'X',
        organizationId: await companyAId(),
        roles: 'prefecture_admin',
      },
      io,
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('prefecture_admin');
    const rows = await ctx.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'not-admin@company-a.example.jp'));
    expect(rows).toEqual([]);
  });

  it('refuses an address that is already registered and a too short password', async () => {
    const organizationId = await companyAId();
    const taken = capture();
    expect(
      await createUserCommand(
        ctx.database.db,
        { email: 'advisor@company-a.example.jp', name: 'X', organizationId, roles: 'company_member' },
        taken.io,
      ),
    ).toBe(1);
    const short = capture();
    expect(
      await createUserCommand(
        ctx.database.db,
        {
          email: 'short@company-a.example.jp',
          name: 'X',
          organizationId,
          roles: 'company_member',
          password: 'short',
        },
        short.io,
      ),
    ).toBe(2);
    expect(short.err.join('\n')).toContain('--password');
  });
});

describe('kakehashi migrate, seed-demo, backup, restore (PGlite)', () => {
  const envFor = (dir: string, extra: Record<string, string> = {}) => loadEnv({ DATA_DIR: dir, ...extra });
  const ioFor = (dir: string, sink: ReturnType<typeof capture>): CliIo => ({ env: envFor(dir), ...sink.io });

  it('seeds an empty database once, backs it up and restores it into an empty DATA_DIR', async () => {
    const source = path.join(scratch, 'source');
    const seeded = capture();
    expect(await runCli(['seed-demo'], ioFor(source, seeded))).toBe(0);
    const again = capture();
    expect(await runCli(['seed-demo'], ioFor(source, again))).toBe(1);

    const uploaded = path.join(source, 'uploads', 'seminars', 'event-1', '資料.pdf');
    fs.mkdirSync(path.dirname(uploaded), { recursive: true });
    fs.writeFileSync(uploaded, '%PDF-1.4 slides');

    const archive = path.join(scratch, 'backup.tar.gz');
    const backup = capture();
    expect(await runCli(['backup', '--out', archive], ioFor(source, backup))).toBe(0);
    expect(fs.statSync(archive).size).toBeGreaterThan(0);
    const overwrite = capture();
    expect(await runCli(['backup', '--out', archive], ioFor(source, overwrite))).toBe(1);

    const target = path.join(scratch, 'target');
    const restored = capture();
    expect(await runCli(['restore', '--in', archive], ioFor(target, restored))).toBe(0);
    // 8 demo accounts + the menus demo's 10 company advisors and second reviewer.
    expect(restored.out.join('\n')).toContain('19 users, 1 uploaded files');
    expect(fs.readFileSync(path.join(target, 'uploads', 'seminars', 'event-1', '資料.pdf'), 'utf8')).toBe(
      '%PDF-1.4 slides',
    );
    const intoFull = capture();
    expect(await runCli(['restore', '--in', archive], ioFor(target, intoFull))).toBe(1);
  }, 240_000);

  it('sends PostgreSQL users to pg_dump / pg_restore (exit 2) and rejects unknown commands', async () => {
    const env = envFor(scratch, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    const backup = capture();
    expect(await runCli(['backup', '--out', path.join(scratch, 'x.tar.gz')], { env, ...backup.io })).toBe(2);
    expect(backup.err.join('\n')).toContain('pg_dump');
    const restore = capture();
    expect(await runCli(['restore', '--in', 'x'], { env, ...restore.io })).toBe(2);
    const unknown = capture();
    expect(await runCli(['frobnicate'], { env, ...unknown.io })).toBe(2);
    expect(unknown.err.join('\n')).toContain('create-user');
  });
});
