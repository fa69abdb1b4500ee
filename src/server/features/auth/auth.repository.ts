import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organizations, prefectures, users } from '../../db/schema';

export async function findUserByEmail(executor: Executor, email: string) {
  const rows = await executor.select().from(users).where(eq(users.email, email.toLowerCase()));
  return rows[0] ?? null;
}

export async function findUserById(executor: Executor, id: string) {
  const rows = await executor.select().from(users).where(eq(users.id, id));
  return rows[0] ?? null;
}

export async function findSessionUser(executor: Executor, userId: string) {
  const rows = await executor
    .select({ user: users, organization: organizations, prefecture: prefectures })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .innerJoin(prefectures, eq(prefectures.id, users.prefectureId))
    .where(eq(users.id, userId));
  return rows[0] ?? null;
}

export type UserRow = typeof users.$inferSelect;

export async function updateUserSecurity(
  executor: Executor,
  userId: string,
  values: Partial<
    Pick<
      UserRow,
      | 'failedLoginCount'
      | 'lockedUntil'
      | 'lastLoginAt'
      | 'passwordHash'
      | 'passwordChangedAt'
      | 'totpSecret'
      | 'totpPendingSecret'
      | 'totpEnabled'
      | 'totpLastStep'
    >
  >,
): Promise<void> {
  await executor.update(users).set(values).where(eq(users.id, userId));
}

export async function isOrganizationActive(executor: Executor, organizationId: string): Promise<boolean> {
  const rows = await executor
    .select({ isActive: organizations.isActive })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return rows[0]?.isActive ?? false;
}
