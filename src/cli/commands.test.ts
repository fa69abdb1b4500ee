import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseFingerprint, filesFingerprint } from '../server/testing/fingerprint';
import { withDatabase } from '../server/testing/global-setup';
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

    // The restored database is the one backed up: every table's rows, and every file, identical.
    const fingerprintOf = async (dir: string) => {
      const pglite = new PGlite({ dataDir: envFor(dir).dbDir });
      try {
        return await databaseFingerprint(
          async (statement) => (await pglite.query<Record<string, unknown>>(statement)).rows,
        );
      } finally {
        await pglite.close();
      }
    };
    const before = await fingerprintOf(source);
    expect(Object.keys(before).length).toBeGreaterThan(30);
    expect(before['"public"."users"']).toMatch(/^19 rows/);
    expect(await fingerprintOf(target)).toEqual(before);
    expect(filesFingerprint(envFor(target).uploadsDir)).toEqual(filesFingerprint(envFor(source).uploadsDir));
  }, 240_000);

  it('rejects unknown commands, listing the known ones', async () => {
    const unknown = capture();
    expect(await runCli(['frobnicate'], { env: envFor(scratch), ...unknown.io })).toBe(2);
    expect(unknown.err.join('\n')).toContain('create-user');
  });
});

// On PostgreSQL (CI's second run) the same commands go through pg_dump and pg_restore.
const postgresUrl = process.env.DATABASE_URL;
const postgresTemplate = inject('postgresTemplate');
describe.runIf(postgresUrl && postgresTemplate)('kakehashi backup, restore (PostgreSQL)', () => {
  const admin = postgres(postgresUrl ?? '', { max: 1, onnotice: () => {} });
  const suffix = randomBytes(4).toString('hex');
  const sourceName = `kk_backup_source_${suffix}`;
  const targetName = `kk_backup_target_${suffix}`;
  afterAll(async () => {
    for (const name of [sourceName, targetName])
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const envFor = (dir: string, database: string) =>
    loadEnv({ DATA_DIR: dir, DATABASE_URL: withDatabase(postgresUrl ?? '', database) });
  const fingerprintOf = async (database: string) => {
    const sql = postgres(withDatabase(postgresUrl ?? '', database), { max: 1, onnotice: () => {} });
    try {
      return await databaseFingerprint(
        (statement) => sql.unsafe(statement) as Promise<Record<string, unknown>[]>,
      );
    } finally {
      await sql.end();
    }
  };

  it('backs up the database and uploads, and restores them identically into an empty database', async () => {
    await admin.unsafe(`CREATE DATABASE ${sourceName} TEMPLATE ${postgresTemplate}`);
    await admin.unsafe(`CREATE DATABASE ${targetName}`);
    const source = path.join(scratch, 'pg-source');
    const uploaded = path.join(source, 'uploads', 'projects', '報告書.pdf');
    fs.mkdirSync(path.dirname(uploaded), { recursive: true });
    fs.writeFileSync(uploaded, '%PDF-1.4 report');

    const archive = path.join(scratch, 'pg-backup.tar.gz');
    const backup = capture();
    expect(
      await runCli(['backup', '--out', archive], { env: envFor(source, sourceName), ...backup.io }),
    ).toBe(0);
    expect(backup.out.join('\n')).toContain('PostgreSQL database and uploaded files');

    // An archive of one engine is refused by the other, with the reason.
    const wrongEngine = capture();
    expect(
      await runCli(['restore', '--in', archive], {
        env: loadEnv({ DATA_DIR: path.join(scratch, 'x') }),
        ...wrongEngine.io,
      }),
    ).toBe(1);
    expect(wrongEngine.err.join('\n')).toContain('cannot be restored into pglite');

    const target = path.join(scratch, 'pg-target');
    const restored = capture();
    expect(
      await runCli(['restore', '--in', archive], { env: envFor(target, targetName), ...restored.io }),
    ).toBe(0);
    expect(restored.out.join('\n')).toContain('19 users, 1 uploaded files');

    const before = await fingerprintOf(sourceName);
    expect(Object.keys(before)).toContain('"drizzle"."__drizzle_migrations"');
    expect(before['"public"."users"']).toMatch(/^19 rows/);
    expect(await fingerprintOf(targetName)).toEqual(before);
    expect(filesFingerprint(path.join(target, 'uploads'))).toEqual(
      filesFingerprint(path.join(source, 'uploads')),
    );

    // Never over data: a second restore into the now-full database is refused and changes nothing.
    const again = capture();
    expect(
      await runCli(['restore', '--in', archive], {
        env: envFor(path.join(scratch, 'pg-empty'), targetName),
        ...again.io,
      }),
    ).toBe(1);
    expect(again.err.join('\n')).toContain('restore into an empty database');
    expect(await fingerprintOf(targetName)).toEqual(before);
  }, 240_000);
});
