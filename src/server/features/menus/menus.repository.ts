import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
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

export type ProposalRow = typeof menuProposals.$inferSelect;
export type ReviewRow = typeof menuReviews.$inferSelect;
export type SettingsRow = typeof menuSettings.$inferSelect;
export type ProfileRow = typeof advisorProfiles.$inferSelect;

export async function findFiscalYear(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(fiscalYears)
    .where(and(eq(fiscalYears.prefectureId, prefectureId), eq(fiscalYears.id, id)));
  return row ?? null;
}

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
  filter: { fiscalYearId?: string; organizationId?: string; ids?: string[]; status?: string[] },
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
