import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organizations, users } from '../../db/schema';

/** The demo accounts that still exist, with their organization's name. */
export async function findDemoUsers(db: Executor, emails: readonly string[]) {
  return db
    .select({
      email: users.email,
      displayName: users.displayName,
      roles: users.roles,
      totpSecret: users.totpSecret,
      organizationName: organizations.name,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(inArray(users.email, [...emails]));
}
