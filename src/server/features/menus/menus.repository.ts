import { and, arrayContains, eq, inArray, type SQL } from 'drizzle-orm';
import type { ProposalStatus } from '../../../shared/schemas/menus';
import type { Database, Executor } from '../../db/client';
import {
  advisorProfiles,
  areas,
  fiscalYears,
  menuProposals,
  menuReviews,
  menuSettings,
  municipalities,
  organizations,
  programPhases,
  programs,
  regions,
  users,
} from '../../db/schema';
import type { Actor, RequestContext } from '../../platform/context';
import { changeVersioned, type VersionedChange } from '../../platform/locking';
export { findFiscalYear } from '../../db/tenancy-reads';

export type ProposalRow = typeof menuProposals.$inferSelect;
export type ReviewRow = typeof menuReviews.$inferSelect;
export type SettingsRow = typeof menuSettings.$inferSelect;
export type ProfileRow = typeof advisorProfiles.$inferSelect;

/** The deadline of the 'proposals' phase of the year's advisor_dispatch program, if any. */
export async function findProposalPhaseDeadline(ex: Executor, prefectureId: string, fiscalYearId: string) {
  const rows = await ex
    .select({ deadlineAt: programPhases.deadlineAt })
    .from(programPhases)
    .innerJoin(programs, eq(programs.id, programPhases.programId))
    .where(
      and(
        eq(programs.prefectureId, prefectureId),
        eq(programs.fiscalYearId, fiscalYearId),
        eq(programs.kind, 'advisor_dispatch'),
        eq(programPhases.kind, 'proposals'),
      ),
    );
  const dates = rows.map((r) => r.deadlineAt).filter((d): d is Date => d !== null);
  // With several proposal phases the latest deadline applies.
  return dates.sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
}

export async function findSettings(ex: Executor, prefectureId: string, fiscalYearId: string) {
  const [row] = await ex
    .select()
    .from(menuSettings)
    .where(and(eq(menuSettings.prefectureId, prefectureId), eq(menuSettings.fiscalYearId, fiscalYearId)));
  return row ?? null;
}

export async function findProposals(
  ex: Executor,
  prefectureId: string,
  filter: { fiscalYearId?: string; organizationId?: string; ids?: string[]; status?: ProposalStatus[] },
) {
  if (filter.ids && filter.ids.length === 0) return [];
  const conds: SQL[] = [eq(menuProposals.prefectureId, prefectureId)];
  if (filter.fiscalYearId) conds.push(eq(menuProposals.fiscalYearId, filter.fiscalYearId));
  if (filter.organizationId) conds.push(eq(menuProposals.organizationId, filter.organizationId));
  if (filter.ids) conds.push(inArray(menuProposals.id, filter.ids));
  if (filter.status) conds.push(inArray(menuProposals.status, filter.status));
  return ex
    .select()
    .from(menuProposals)
    .where(and(...conds))
    .orderBy(menuProposals.createdAt, menuProposals.title);
}

/**
 * A menu offered again: the selected proposals of these companies with the same titles, in any
 * year, with the year. The caller pairs them by (company, title); their projects' evaluations are
 * the menu's track record.
 */
export async function findSelectedByCompanyAndTitle(
  ex: Executor,
  prefectureId: string,
  menus: readonly { organizationId: string; title: string }[],
) {
  if (menus.length === 0) return [];
  return ex
    .select({
      id: menuProposals.id,
      organizationId: menuProposals.organizationId,
      title: menuProposals.title,
      fiscalYear: fiscalYears.year,
    })
    .from(menuProposals)
    .innerJoin(fiscalYears, eq(fiscalYears.id, menuProposals.fiscalYearId))
    .where(
      and(
        eq(menuProposals.prefectureId, prefectureId),
        eq(menuProposals.status, 'selected'),
        inArray(menuProposals.organizationId, [...new Set(menus.map((m) => m.organizationId))]),
        inArray(menuProposals.title, [...new Set(menus.map((m) => m.title))]),
      ),
    );
}

export async function findProposal(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(menuProposals)
    .where(and(eq(menuProposals.prefectureId, prefectureId), eq(menuProposals.id, id)));
  return row ?? null;
}

export async function findReviews(
  ex: Executor,
  prefectureId: string,
  filter: { proposalIds?: string[]; reviewerUserId?: string; id?: string },
) {
  if (filter.proposalIds && filter.proposalIds.length === 0) return [];
  const conds: SQL[] = [eq(menuReviews.prefectureId, prefectureId)];
  if (filter.proposalIds) conds.push(inArray(menuReviews.proposalId, filter.proposalIds));
  if (filter.reviewerUserId) conds.push(eq(menuReviews.reviewerUserId, filter.reviewerUserId));
  if (filter.id) conds.push(eq(menuReviews.id, filter.id));
  return ex
    .select()
    .from(menuReviews)
    .where(and(...conds))
    .orderBy(menuReviews.createdAt);
}

export async function findOrganizations(ex: Executor, prefectureId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return ex
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(and(eq(organizations.prefectureId, prefectureId), inArray(organizations.id, ids)));
}

export async function findRegions(ex: Executor, prefectureId: string) {
  return ex
    .select({ id: regions.id, name: regions.name, nameEn: regions.nameEn })
    .from(regions)
    .where(eq(regions.prefectureId, prefectureId))
    .orderBy(regions.sortOrder);
}

export async function findUsers(
  ex: Executor,
  prefectureId: string,
  filter: { ids?: string[]; organizationId?: string },
) {
  if (filter.ids && filter.ids.length === 0) return [];
  const conds: SQL[] = [eq(users.prefectureId, prefectureId)];
  if (filter.ids) conds.push(inArray(users.id, filter.ids));
  if (filter.organizationId) conds.push(eq(users.organizationId, filter.organizationId));
  return ex
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      roles: users.roles,
      organizationId: users.organizationId,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      isActive: users.isActive,
      locale: users.locale,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...conds))
    .orderBy(users.displayName);
}

export async function findProfiles(ex: Executor, prefectureId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return ex
    .select()
    .from(advisorProfiles)
    .where(and(eq(advisorProfiles.prefectureId, prefectureId), inArray(advisorProfiles.userId, userIds)));
}

export async function findMunicipalityWithRegion(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select({
      id: municipalities.id,
      name: municipalities.name,
      regionId: regions.id,
      regionName: regions.name,
      regionNameEn: regions.nameEn,
    })
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(and(eq(municipalities.prefectureId, prefectureId), eq(municipalities.id, id)));
  return row ?? null;
}

/** Whether a user is named as an advisor of a selected menu (which the catalog shows to everyone). */
export async function isAdvisorOfSelectedMenu(ex: Executor, prefectureId: string, userId: string) {
  const [row] = await ex
    .select({ id: menuProposals.id })
    .from(menuProposals)
    .where(
      and(
        eq(menuProposals.prefectureId, prefectureId),
        eq(menuProposals.status, 'selected'),
        arrayContains(menuProposals.advisorUserIds, [userId]),
      ),
    )
    .limit(1);
  return row !== undefined;
}

// ------------------------------------------------------------------------------------ writes

export async function insertSettings(ex: Executor, values: typeof menuSettings.$inferInsert) {
  const [row] = await ex.insert(menuSettings).values(values).returning();
  return row!;
}

export async function insertProposal(ex: Executor, values: typeof menuProposals.$inferInsert) {
  const [row] = await ex.insert(menuProposals).values(values).returning();
  return row!;
}

export async function insertReview(ex: Executor, values: typeof menuReviews.$inferInsert) {
  const [row] = await ex.insert(menuReviews).values(values).returning();
  return row!;
}

/** Inserts the assignment unless the pair exists (two admins at once: the unique index decides); null then. */
export async function insertReviewIfAbsent(ex: Executor, values: typeof menuReviews.$inferInsert) {
  const [row] = await ex.insert(menuReviews).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Deletes the review only if it still has the version the caller read; false otherwise. */
export async function deleteReview(ex: Executor, id: string, version: number): Promise<boolean> {
  const deleted = await ex
    .delete(menuReviews)
    .where(and(eq(menuReviews.id, id), eq(menuReviews.version, version)))
    .returning({ id: menuReviews.id });
  return deleted.length === 1;
}

export async function insertProfile(ex: Executor, values: typeof advisorProfiles.$inferInsert) {
  const [row] = await ex.insert(advisorProfiles).values(values).returning();
  return row!;
}

/** A versioned edit (update + audit + reload in one transaction) of one of the feature's tables. */
type Change<T extends Parameters<typeof changeVersioned>[2]['table'], Result> = Omit<
  VersionedChange<T, Result>,
  'table'
>;
type SignedIn = RequestContext & { actor: Actor };

export const changeSettings = <R>(db: Database, ctx: SignedIn, change: Change<typeof menuSettings, R>) =>
  changeVersioned(db, ctx, { ...change, table: menuSettings });

export const changeProposal = <R>(db: Database, ctx: SignedIn, change: Change<typeof menuProposals, R>) =>
  changeVersioned(db, ctx, { ...change, table: menuProposals });

export const changeReview = <R>(db: Database, ctx: SignedIn, change: Change<typeof menuReviews, R>) =>
  changeVersioned(db, ctx, { ...change, table: menuReviews });

export const changeProfile = <R>(db: Database, ctx: SignedIn, change: Change<typeof advisorProfiles, R>) =>
  changeVersioned(db, ctx, { ...change, table: advisorProfiles });

/** Advisor profiles of a company's users (MenuDeliveryReadPort). */
export async function findCompanyAdvisors(ex: Executor, prefectureId: string, organizationId: string) {
  return ex
    .select({
      profileId: advisorProfiles.id,
      userId: users.id,
      name: users.displayName,
      skills: advisorProfiles.skills,
    })
    .from(advisorProfiles)
    .innerJoin(users, eq(users.id, advisorProfiles.userId))
    .where(
      and(
        eq(advisorProfiles.prefectureId, prefectureId),
        eq(users.organizationId, organizationId),
        eq(users.isActive, true),
      ),
    )
    .orderBy(users.displayName);
}

const termsColumns = {
  id: menuProposals.id,
  organizationId: menuProposals.organizationId,
  title: menuProposals.title,
  plannedHours: menuProposals.plannedHours,
  onsiteDays: menuProposals.onsiteDays,
  capacity: menuProposals.capacity,
  companyName: organizations.name,
};

export async function findMenuTerms(ex: Executor, prefectureId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return ex
    .select(termsColumns)
    .from(menuProposals)
    .innerJoin(organizations, eq(organizations.id, menuProposals.organizationId))
    .where(and(eq(menuProposals.prefectureId, prefectureId), inArray(menuProposals.id, ids)));
}

export async function findSelectedMenuTerms(ex: Executor, prefectureId: string, fiscalYearId: string) {
  return ex
    .select(termsColumns)
    .from(menuProposals)
    .innerJoin(organizations, eq(organizations.id, menuProposals.organizationId))
    .where(
      and(
        eq(menuProposals.prefectureId, prefectureId),
        eq(menuProposals.fiscalYearId, fiscalYearId),
        eq(menuProposals.status, 'selected'),
      ),
    );
}
