import { and, asc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organizations, users } from '../../db/schema';

export type OrganizationRow = typeof organizations.$inferSelect;

/** Organizations of a prefecture with their number of active accounts, by kind then name. */
export async function findOrganizations(
  executor: Executor,
  prefectureId: string,
  filters: { kind?: string | undefined; id?: string | undefined },
) {
  const conditions: SQL[] = [eq(organizations.prefectureId, prefectureId)];
  if (filters.kind) conditions.push(eq(organizations.kind, filters.kind));
  if (filters.id) conditions.push(eq(organizations.id, filters.id));
  return executor
    .select({
      organization: organizations,
      memberCount: sql<number>`count(${users.id})::int`,
    })
    .from(organizations)
    .leftJoin(users, and(eq(users.organizationId, organizations.id), eq(users.isActive, true)))
    .where(and(...conditions))
    .groupBy(organizations.id)
    .orderBy(asc(organizations.kind), asc(organizations.name));
}

export async function findOrganization(executor: Executor, prefectureId: string, id: string) {
  const rows = await executor
    .select()
    .from(organizations)
    .where(and(eq(organizations.prefectureId, prefectureId), eq(organizations.id, id)));
  return rows[0] ?? null;
}

/** Another organization of the prefecture with this name (either language), if any. */
export async function findOrganizationNamed(
  executor: Executor,
  prefectureId: string,
  names: { name?: string | undefined; nameEn?: string | undefined },
  exceptId: string | null,
) {
  const nameConditions: SQL[] = [];
  if (names.name) nameConditions.push(eq(organizations.name, names.name));
  if (names.nameEn) nameConditions.push(sql`lower(${organizations.nameEn}) = lower(${names.nameEn})`);
  if (nameConditions.length === 0) return null;
  const conditions: SQL[] = [eq(organizations.prefectureId, prefectureId)];
  if (exceptId) conditions.push(ne(organizations.id, exceptId));
  const rows = await executor
    .select()
    .from(organizations)
    .where(and(...conditions, sql`(${sql.join(nameConditions, sql` or `)})`))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertOrganization(executor: Executor, values: typeof organizations.$inferInsert) {
  const rows = await executor.insert(organizations).values(values).returning();
  return rows[0]!;
}

export async function findMembers(
  executor: Executor,
  organizationId: string,
  options: { activeOnly: boolean },
) {
  const conditions: SQL[] = [eq(users.organizationId, organizationId)];
  if (options.activeOnly) conditions.push(eq(users.isActive, true));
  return executor
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.displayName), asc(users.email));
}
