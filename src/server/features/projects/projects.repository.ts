import {
  and,
  arrayOverlaps,
  asc,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lte,
  max,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Role } from '../../../shared/roles';
import type { SupportProjectStatus } from '../../../shared/schemas/projects';
import type { Executor } from '../../db/client';
import {
  fiscalYears,
  municipalities,
  organizations,
  prefectures,
  projectActivities,
  projectAttachments,
  projectCapExceedances,
  projectEvaluations,
  projectPlans,
  projectReports,
  projectSettings,
  projectStatusChanges,
  supportProjects,
  surveys,
  users,
} from '../../db/schema';
import { updateVersioned } from '../../platform/locking';
export { findFiscalYear } from '../../db/tenancy-reads';

/*
 * Every query of the projects feature. `support_projects` rows are created by the applications
 * feature; this feature owns their delivery (status from `planned` on, ADR 012) and reads the
 * tenancy tables for names. The survey version chain (evaluation eligibility) reads `surveys.previous_id`
 * only, as the seminars feedback does.
 */

export type ProjectRow = Awaited<ReturnType<typeof findProject>> & {};
export type ActivityRow = typeof projectActivities.$inferSelect;
export type AttachmentRow = typeof projectAttachments.$inferSelect;
export type ReportRow = typeof projectReports.$inferSelect;
export type PlanRow = typeof projectPlans.$inferSelect;
export type SettingsRow = typeof projectSettings.$inferSelect;
export type EvaluationRow = typeof projectEvaluations.$inferSelect;

const projectColumns = {
  id: supportProjects.id,
  prefectureId: supportProjects.prefectureId,
  fiscalYearId: supportProjects.fiscalYearId,
  fiscalYear: fiscalYears.year,
  municipalityId: supportProjects.municipalityId,
  municipalityName: municipalities.name,
  menuProposalId: supportProjects.menuProposalId,
  organizationId: supportProjects.organizationId,
  title: supportProjects.title,
  companyName: supportProjects.companyName,
  costThousandYen: supportProjects.costThousandYen,
  status: supportProjects.status,
  source: supportProjects.source,
  version: supportProjects.version,
};

function projectsQuery(ex: Executor) {
  return ex
    .select(projectColumns)
    .from(supportProjects)
    .innerJoin(fiscalYears, eq(fiscalYears.id, supportProjects.fiscalYearId))
    .innerJoin(municipalities, eq(municipalities.id, supportProjects.municipalityId));
}

export async function findProject(ex: Executor, prefectureId: string, id: string) {
  const [row] = await projectsQuery(ex).where(
    and(eq(supportProjects.id, id), eq(supportProjects.prefectureId, prefectureId)),
  );
  return row ?? null;
}

export async function findProjects(
  ex: Executor,
  prefectureId: string,
  filter: {
    fiscalYearId?: string | undefined;
    status?: SupportProjectStatus | undefined;
    organizationId?: string | undefined;
    municipalityId?: string | undefined;
    statuses?: SupportProjectStatus[];
    ids?: string[];
  },
) {
  const conds: SQL[] = [eq(supportProjects.prefectureId, prefectureId)];
  if (filter.fiscalYearId) conds.push(eq(supportProjects.fiscalYearId, filter.fiscalYearId));
  if (filter.status) conds.push(eq(supportProjects.status, filter.status));
  if (filter.statuses) conds.push(inArray(supportProjects.status, filter.statuses));
  if (filter.organizationId) conds.push(eq(supportProjects.organizationId, filter.organizationId));
  if (filter.municipalityId) conds.push(eq(supportProjects.municipalityId, filter.municipalityId));
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    conds.push(inArray(supportProjects.id, filter.ids));
  }
  return projectsQuery(ex)
    .where(and(...conds))
    .orderBy(desc(fiscalYears.year), asc(municipalities.code), asc(supportProjects.title));
}

/** The project row locked for a status change or a cap check (serializes sessions of one project). */
export async function lockProject(ex: Executor, id: string) {
  await ex.execute(sql`select id from ${supportProjects} where ${supportProjects.id} = ${id} for update`);
}

export async function setProjectStatus(
  ex: Executor,
  id: string,
  status: SupportProjectStatus,
  userId: string | null,
  now: Date,
) {
  await ex
    .update(supportProjects)
    .set({ status, version: sql`${supportProjects.version} + 1`, updatedAt: now, updatedBy: userId })
    .where(eq(supportProjects.id, id));
}

export async function insertStatusChange(ex: Executor, values: typeof projectStatusChanges.$inferInsert) {
  await ex.insert(projectStatusChanges).values(values);
}

export async function findStatusChanges(ex: Executor, projectId: string) {
  return ex
    .select({
      from: projectStatusChanges.fromStatus,
      to: projectStatusChanges.toStatus,
      at: projectStatusChanges.changedAt,
      byName: users.displayName,
      comment: projectStatusChanges.comment,
    })
    .from(projectStatusChanges)
    .leftJoin(users, eq(users.id, projectStatusChanges.changedBy))
    .where(eq(projectStatusChanges.projectId, projectId))
    .orderBy(asc(projectStatusChanges.changedAt), asc(projectStatusChanges.id));
}

// ── Settings ────────────────────────────────────────────────────────────────

export async function findSettings(ex: Executor, prefectureId: string, fiscalYearId: string) {
  const [row] = await ex
    .select()
    .from(projectSettings)
    .where(
      and(eq(projectSettings.prefectureId, prefectureId), eq(projectSettings.fiscalYearId, fiscalYearId)),
    );
  return row ?? null;
}

export async function insertSettings(ex: Executor, values: typeof projectSettings.$inferInsert) {
  const rows = await ex.insert(projectSettings).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export function updateSettingsVersioned(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<typeof projectSettings.$inferInsert>,
  userId: string,
  now: Date,
) {
  return updateVersioned(ex, projectSettings, id, version, values, userId, now);
}

// ── Plans ───────────────────────────────────────────────────────────────────

export async function findPlan(ex: Executor, projectId: string) {
  const [row] = await ex.select().from(projectPlans).where(eq(projectPlans.projectId, projectId));
  return row ?? null;
}

export async function insertPlan(ex: Executor, values: typeof projectPlans.$inferInsert) {
  const rows = await ex.insert(projectPlans).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export function updatePlanVersioned(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<typeof projectPlans.$inferInsert>,
  userId: string,
  now: Date,
) {
  return updateVersioned(ex, projectPlans, id, version, values, userId, now);
}

// ── Activities and attachments ──────────────────────────────────────────────

export async function findActivities(ex: Executor, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return ex
    .select()
    .from(projectActivities)
    .where(inArray(projectActivities.projectId, projectIds))
    .orderBy(asc(projectActivities.date), asc(projectActivities.createdAt));
}

/** Each project's latest activity date (a project without activities has none): what a report's due date counts from. */
export async function lastActivityDates(ex: Executor, projectIds: string[]): Promise<Map<string, string>> {
  if (projectIds.length === 0) return new Map();
  const rows = await ex
    .select({ projectId: projectActivities.projectId, last: max(projectActivities.date) })
    .from(projectActivities)
    .where(inArray(projectActivities.projectId, projectIds))
    .groupBy(projectActivities.projectId);
  return new Map(rows.flatMap((r) => (r.last ? [[r.projectId, r.last] as const] : [])));
}

export async function findActivity(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(projectActivities)
    .where(and(eq(projectActivities.id, id), eq(projectActivities.prefectureId, prefectureId)));
  return row ?? null;
}

export async function insertActivity(ex: Executor, values: typeof projectActivities.$inferInsert) {
  const [row] = await ex.insert(projectActivities).values(values).returning();
  return row!;
}

export function updateActivityVersioned(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<typeof projectActivities.$inferInsert>,
  userId: string,
  now: Date,
) {
  return updateVersioned(ex, projectActivities, id, version, values, userId, now);
}

export async function deleteActivity(ex: Executor, id: string) {
  await ex.delete(projectActivities).where(eq(projectActivities.id, id));
}

export async function findAttachments(ex: Executor, projectId: string) {
  return ex
    .select()
    .from(projectAttachments)
    .where(eq(projectAttachments.projectId, projectId))
    .orderBy(asc(projectAttachments.createdAt));
}

export async function findAttachment(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(projectAttachments)
    .where(and(eq(projectAttachments.id, id), eq(projectAttachments.prefectureId, prefectureId)));
  return row ?? null;
}

export async function insertAttachment(ex: Executor, values: typeof projectAttachments.$inferInsert) {
  const [row] = await ex.insert(projectAttachments).values(values).returning();
  return row!;
}

export async function deleteAttachments(ex: Executor, ids: string[]) {
  if (ids.length > 0) await ex.delete(projectAttachments).where(inArray(projectAttachments.id, ids));
}

// ── Exceedance approvals ────────────────────────────────────────────────────

export async function findExceedance(ex: Executor, projectId: string) {
  const [row] = await ex
    .select({
      reason: projectCapExceedances.reason,
      approvedAt: projectCapExceedances.approvedAt,
      approvedByName: users.displayName,
    })
    .from(projectCapExceedances)
    .innerJoin(users, eq(users.id, projectCapExceedances.approvedBy))
    .where(eq(projectCapExceedances.projectId, projectId));
  return row ?? null;
}

export async function upsertExceedance(ex: Executor, values: typeof projectCapExceedances.$inferInsert) {
  const [row] = await ex
    .insert(projectCapExceedances)
    .values(values)
    .onConflictDoUpdate({
      target: projectCapExceedances.projectId,
      set: { reason: values.reason, approvedBy: values.approvedBy, approvedAt: values.approvedAt },
    })
    .returning();
  return row!;
}

// ── Reports ─────────────────────────────────────────────────────────────────

export async function findReport(ex: Executor, projectId: string) {
  const [row] = await ex.select().from(projectReports).where(eq(projectReports.projectId, projectId));
  return row ?? null;
}

export async function findReports(ex: Executor, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return ex.select().from(projectReports).where(inArray(projectReports.projectId, projectIds));
}

export async function insertReport(ex: Executor, values: typeof projectReports.$inferInsert) {
  const rows = await ex.insert(projectReports).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export function updateReportVersioned(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<typeof projectReports.$inferInsert>,
  userId: string,
  now: Date,
) {
  return updateVersioned(ex, projectReports, id, version, values, userId, now);
}

/** An approved report with its project (the cases feature's read port). */
export async function findApprovedReport(ex: Executor, prefectureId: string, projectId: string) {
  const [row] = await ex
    .select({ project: supportProjects, report: projectReports })
    .from(projectReports)
    .innerJoin(supportProjects, eq(supportProjects.id, projectReports.projectId))
    .where(
      and(
        eq(projectReports.projectId, projectId),
        eq(projectReports.prefectureId, prefectureId),
        eq(projectReports.status, 'approved'),
        isNotNull(projectReports.approvedAt),
      ),
    );
  return row ?? null;
}

// ── Evaluations ─────────────────────────────────────────────────────────────

export async function findEvaluation(ex: Executor, projectId: string) {
  const [row] = await ex.select().from(projectEvaluations).where(eq(projectEvaluations.projectId, projectId));
  return row ?? null;
}

export async function findEvaluations(ex: Executor, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return ex.select().from(projectEvaluations).where(inArray(projectEvaluations.projectId, projectIds));
}

export async function insertEvaluation(ex: Executor, values: typeof projectEvaluations.$inferInsert) {
  const rows = await ex.insert(projectEvaluations).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function updateEvaluation(
  ex: Executor,
  id: string,
  values: Partial<typeof projectEvaluations.$inferInsert>,
) {
  await ex
    .update(projectEvaluations)
    .set({ ...values, version: sql`${projectEvaluations.version} + 1` })
    .where(eq(projectEvaluations.id, id));
}

/** The evaluation a survey (or its follow-up) belongs to, by any of the survey's ids. */
export async function findEvaluationBySurvey(ex: Executor, prefectureId: string, surveyIds: string[]) {
  if (surveyIds.length === 0) return null;
  const [row] = await ex
    .select()
    .from(projectEvaluations)
    .where(
      and(
        eq(projectEvaluations.prefectureId, prefectureId),
        sql`(${inArray(projectEvaluations.surveyId, surveyIds)} or ${inArray(projectEvaluations.followUpSurveyId, surveyIds)})`,
      ),
    );
  return row ?? null;
}

/** The municipality a project survey (evaluation or follow-up) is answered by: one query. */
export async function findSurveyMunicipality(ex: Executor, prefectureId: string, surveyIds: string[]) {
  if (surveyIds.length === 0) return null;
  const [row] = await ex
    .select({ municipalityId: supportProjects.municipalityId, name: municipalities.name })
    .from(projectEvaluations)
    .innerJoin(supportProjects, eq(supportProjects.id, projectEvaluations.projectId))
    .innerJoin(municipalities, eq(municipalities.id, supportProjects.municipalityId))
    .where(
      and(
        eq(projectEvaluations.prefectureId, prefectureId),
        sql`(${inArray(projectEvaluations.surveyId, surveyIds)} or ${inArray(projectEvaluations.followUpSurveyId, surveyIds)})`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Evaluated a year ago (or more) without a follow-up yet. */
export async function findDueFollowUps(ex: Executor, evaluatedBefore: Date) {
  return ex
    .select()
    .from(projectEvaluations)
    .where(
      and(isNull(projectEvaluations.followUpSurveyId), lte(projectEvaluations.evaluatedAt, evaluatedBefore)),
    );
}

/**
 * The survey ids that stand for this one: itself and its earlier versions (editing an answered
 * question set makes a new row whose previous_id points back; the evaluation keeps the first id).
 */
export async function surveyVersionChain(ex: Executor, prefectureId: string, surveyId: string) {
  const ids: string[] = [];
  let current: string | null = surveyId;
  while (current && !ids.includes(current) && ids.length < 50) {
    ids.push(current);
    const [row] = await ex
      .select({ previousId: surveys.previousId })
      .from(surveys)
      .where(and(eq(surveys.id, current), eq(surveys.prefectureId, prefectureId)));
    current = row?.previousId ?? null;
  }
  return ids;
}

/**
 * The projects (not cancelled) of these menus or companies with their evaluation, if any: what the
 * outcome tallies count. Bounded by the tenant's projects (a few hundred a year).
 */
export async function findOutcomeRows(
  ex: Executor,
  prefectureId: string,
  filter: { menuProposalIds?: string[]; organizationIds?: string[]; fiscalYearIds?: string[] },
) {
  const scopes: SQL[] = [];
  const { menuProposalIds = [], organizationIds = [], fiscalYearIds = [] } = filter;
  if (menuProposalIds.length > 0) scopes.push(inArray(supportProjects.menuProposalId, menuProposalIds));
  if (organizationIds.length > 0) scopes.push(inArray(supportProjects.organizationId, organizationIds));
  if (fiscalYearIds.length > 0) scopes.push(inArray(supportProjects.fiscalYearId, fiscalYearIds));
  if (scopes.length === 0) return [];
  return ex
    .select({
      menuProposalId: supportProjects.menuProposalId,
      organizationId: supportProjects.organizationId,
      evaluatedAt: projectEvaluations.evaluatedAt,
      satisfaction: projectEvaluations.satisfaction,
      helped: projectEvaluations.helped,
      recommend: projectEvaluations.recommend,
    })
    .from(supportProjects)
    .leftJoin(projectEvaluations, eq(projectEvaluations.projectId, supportProjects.id))
    .where(
      and(
        eq(supportProjects.prefectureId, prefectureId),
        ne(supportProjects.status, 'cancelled'),
        or(...scopes),
      ),
    );
}

// ── People (mails, names) ───────────────────────────────────────────────────

export async function findUserNames(ex: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await ex
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active users of an organization (a company's members, a municipality's staff) with a role. */
export async function findRecipients(
  ex: Executor,
  prefectureId: string,
  filter: { organizationId?: string; municipalityId?: string; roles: Role[] },
) {
  const conds: SQL[] = [eq(users.prefectureId, prefectureId), eq(users.isActive, true)];
  if (filter.organizationId) conds.push(eq(users.organizationId, filter.organizationId));
  if (filter.municipalityId) conds.push(eq(organizations.municipalityId, filter.municipalityId));
  conds.push(arrayOverlaps(users.roles, filter.roles));
  return ex
    .select({ id: users.id, email: users.email, name: users.displayName, locale: users.locale })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...conds))
    .orderBy(asc(users.email));
}

/** Every tenant (the scheduled reminders run for each). */
export async function findPrefectureIds(ex: Executor) {
  return (await ex.select({ id: prefectures.id }).from(prefectures)).map((r) => r.id);
}
