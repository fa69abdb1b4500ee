import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Role } from '../../../shared/roles';
import type { Database } from '../../db/client';
import { auditLog, mailOutbox, organizations, prefectures, users } from '../../db/schema';
import { hashPassword } from '../../platform/auth/password';
import type { RequestContext } from '../../platform/context';

/** Helpers shared by the accounts, organizations, audit and account-recovery tests. */

export function uniqueAddress(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.jp`;
}

export async function organizationIdNamed(db: Database, name: string): Promise<string> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, name));
  if (!row) throw new Error(`No organization ${name}`);
  return row.id;
}

/** A user written straight into the database, for tests that must not disturb the demo accounts. */
export async function insertUser(
  db: Database,
  options: {
    organizationId: string;
    roles: Role[];
    email?: string;
    displayName?: string;
    password?: string | null;
    isActive?: boolean;
    totpSecret?: string | null;
  },
) {
  const [organization] = await db
    .select()
    .from(organizations)
    .where(eq(organizations.id, options.organizationId));
  if (!organization) throw new Error('No such organization');
  const [row] = await db
    .insert(users)
    .values({
      prefectureId: organization.prefectureId,
      organizationId: organization.id,
      email: options.email ?? uniqueAddress('user'),
      displayName: options.displayName ?? 'テスト 利用者',
      roles: options.roles,
      passwordHash:
        options.password === null ? null : await hashPassword(options.password ?? 'Test-Password-2024'),
      isActive: options.isActive ?? true,
      totpSecret: options.totpSecret ?? null,
      totpEnabled: Boolean(options.totpSecret),
    })
    .returning();
  return row!;
}

/** A second tenant with one company and one user, to prove that nothing crosses prefectures. */
export async function insertOtherPrefecture(db: Database) {
  const code = String(10 + Math.floor(Math.random() * 37)).padStart(2, '0');
  const [prefecture] = await db
    .insert(prefectures)
    .values({ code: `${code}${randomBytes(2).toString('hex')}`, name: '他県', nameEn: 'Other Prefecture' })
    .returning();
  const [organization] = await db
    .insert(organizations)
    .values({ prefectureId: prefecture!.id, kind: 'company', name: '他県の会社', nameEn: 'Other Co.' })
    .returning();
  const [user] = await db
    .insert(users)
    .values({
      prefectureId: prefecture!.id,
      organizationId: organization!.id,
      email: uniqueAddress('other-prefecture'),
      displayName: '他県 利用者',
      roles: ['company_member'],
      passwordHash: await hashPassword('Test-Password-2024'),
    })
    .returning();
  return { prefecture: prefecture!, organization: organization!, user: user! };
}

export async function mailsTo(db: Database, address: string) {
  return db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, address))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id));
}

/** The token of the newest link to `pagePath` mailed to the address. */
export async function tokenMailedTo(db: Database, address: string, pagePath: string): Promise<string> {
  const [mail] = await mailsTo(db, address);
  const match = mail?.bodyText.match(new RegExp(`${pagePath}\\?token=([\\w-]+)`));
  if (!match?.[1]) throw new Error(`No ${pagePath} link mailed to ${address}`);
  return match[1];
}

export async function auditRowsFor(db: Database, entityId: string, action?: string) {
  return db
    .select()
    .from(auditLog)
    .where(
      action
        ? and(eq(auditLog.entityId, entityId), eq(auditLog.action, action))
        : eq(auditLog.entityId, entityId),
    )
    .orderBy(desc(auditLog.id));
}

/** A request context at a chosen moment, for calling services directly with the clock moved. */
export function contextAt(now: Date, actor: RequestContext['actor'] = null): RequestContext {
  return { actor, requestId: 'test', locale: 'ja', ipAddress: null, userAgent: 'vitest', now };
}
