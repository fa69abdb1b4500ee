import { and, arrayContains, asc, eq, gt, ilike, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { UserListQuery, UserStatus } from '../../../shared/schemas/accounts';
import type { Executor } from '../../db/client';
import { organizations, users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;

/** The SQL form of userStatusOf (src/shared/schemas/accounts.ts); the two must agree. */
function statusCondition(status: UserStatus, now: Date): SQL {
  switch (status) {
    case 'inactive':
      return eq(users.isActive, false);
    case 'invited':
      return and(eq(users.isActive, true), isNull(users.passwordHash))!;
    case 'locked':
      return and(eq(users.isActive, true), isNotNull(users.passwordHash), gt(users.lockedUntil, now))!;
    case 'active':
      return and(
        eq(users.isActive, true),
        isNotNull(users.passwordHash),
        or(isNull(users.lockedUntil), lte(users.lockedUntil, now)),
      )!;
  }
}

/** LIKE treats % and _ as wildcards; a person searching for them means the characters. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function findUsers(executor: Executor, prefectureId: string, filters: UserListQuery, now: Date) {
  const conditions: SQL[] = [eq(users.prefectureId, prefectureId)];
  if (filters.organizationId) conditions.push(eq(users.organizationId, filters.organizationId));
  if (filters.role) conditions.push(arrayContains(users.roles, [filters.role]));
  if (filters.status) conditions.push(statusCondition(filters.status, now));
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    conditions.push(or(ilike(users.displayName, pattern), ilike(users.email, pattern))!);
  }
  return executor
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...conditions))
    .orderBy(asc(organizations.kind), asc(organizations.name), asc(users.displayName), asc(users.email));
}

/** A user of the prefecture with their organization; another prefecture's id finds nothing. */
export async function findUser(executor: Executor, prefectureId: string, id: string) {
  const rows = await executor
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.prefectureId, prefectureId), eq(users.id, id)));
  return rows[0] ?? null;
}

export async function findOrganization(executor: Executor, prefectureId: string, id: string) {
  const rows = await executor
    .select()
    .from(organizations)
    .where(and(eq(organizations.prefectureId, prefectureId), eq(organizations.id, id)));
  return rows[0] ?? null;
}

/** E-mail addresses are unique across all prefectures: one address signs in to one account. */
export async function findUserByEmail(executor: Executor, email: string) {
  const rows = await executor.select().from(users).where(eq(users.email, email.toLowerCase()));
  return rows[0] ?? null;
}

export async function insertUser(executor: Executor, values: typeof users.$inferInsert) {
  const rows = await executor.insert(users).values(values).returning();
  return rows[0]!;
}

/** Sign-in state (lockout, second factor): administrative, not an edit of the profile, so no version change. */
export async function updateSignInState(
  executor: Executor,
  id: string,
  values: Partial<
    Pick<
      UserRow,
      'failedLoginCount' | 'lockedUntil' | 'totpSecret' | 'totpPendingSecret' | 'totpEnabled' | 'totpLastStep'
    >
  > & { updatedBy: string },
  now: Date,
) {
  const rows = await executor
    .update(users)
    .set({ ...values, updatedAt: now })
    .where(eq(users.id, id))
    .returning();
  return rows[0]!;
}
