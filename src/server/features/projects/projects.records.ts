/**
 * What the projects job modules share: the deps, loading a project with its access check, the
 * year's settings, the caps of a project, the report due date, status changes and the API shapes.
 */
import { addBusinessDays } from '../../../shared/deadlines';
import {
  type Activity,
  type Attachment,
  type CapState,
  defaultProjectSettings,
  type ProjectDetail,
  type ProjectSummary,
  type SupportProjectStatus,
  type Usage,
} from '../../../shared/schemas/projects';
import type { Database, Executor } from '../../db/client';
import { type CapLimits, capStates, type UsageTotals, usageOf } from '../../domain/project-caps';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import type { AppConfig } from '../../platform/deps';
import { notFound } from '../../platform/errors';
import type { UploadStore } from '../../platform/uploads';
import type { MenuDeliveryReadPort, MenuDeliveryTerms } from '../menus/menus.ports';
import type { SurveyInstancesPort } from '../surveys/surveys.ports';
import { projectsPolicy as policy } from './projects.policy';
import * as repo from './projects.repository';
import type { ActivityRow, AttachmentRow, ProjectRow, ReportRow } from './projects.repository';

export interface ProjectsDeps {
  db: Database;
  config: AppConfig;
  /** Attachments under `<uploadsDir>/projects`. */
  uploads: UploadStore;
  menus: MenuDeliveryReadPort;
  surveys: SurveyInstancesPort;
}

/** The project if the actor may read it; another tenant's, or one not theirs, is 404. */
export async function loadReadable(ex: Executor, actor: Actor, id: string): Promise<ProjectRow> {
  const project = await repo.findProject(ex, actor.prefectureId, id);
  if (!project || !policy.canRead(actor, project)) throw notFound();
  return project;
}

export interface ResolvedSettings {
  maxOnsiteDays: number;
  maxOnlineMinutes: number;
  reportDueBusinessDays: number;
  version: number | null;
  id: string | null;
}

export async function settingsOf(
  ex: Executor,
  prefectureId: string,
  fiscalYearId: string,
): Promise<ResolvedSettings> {
  const row = await repo.findSettings(ex, prefectureId, fiscalYearId);
  return row
    ? {
        maxOnsiteDays: row.maxOnsiteDays,
        maxOnlineMinutes: row.maxOnlineMinutes,
        reportDueBusinessDays: row.reportDueBusinessDays,
        version: row.version,
        id: row.id,
      }
    : {
        maxOnsiteDays: defaultProjectSettings.maxOnsiteDays,
        maxOnlineMinutes: defaultProjectSettings.maxOnlineHours * 60,
        reportDueBusinessDays: defaultProjectSettings.reportDueBusinessDays,
        version: null,
        id: null,
      };
}

/** The four caps of a project: the year's program caps and its menu's planned effort (0 = none). */
export function limitsOf(settings: ResolvedSettings, menu: MenuDeliveryTerms | null): CapLimits {
  return {
    program_onsite_days: settings.maxOnsiteDays,
    program_online_hours: settings.maxOnlineMinutes,
    menu_hours: menu && menu.plannedHours > 0 ? menu.plannedHours * 60 : null,
    menu_onsite_days: menu && menu.onsiteDays > 0 ? menu.onsiteDays : null,
  };
}

export async function menuOf(deps: ProjectsDeps, project: ProjectRow): Promise<MenuDeliveryTerms | null> {
  if (!project.menuProposalId) return null;
  const [menu] = await deps.menus.termsOf(project.prefectureId, [project.menuProposalId]);
  return menu ?? null;
}

/** Due N business days after the last session (年末年始 and holidays closed); null without sessions. */
export function reportDueOn(activities: readonly { date: string }[], businessDays: number): string | null {
  if (activities.length === 0) return null;
  // YYYY-MM-DD strings sort chronologically.
  const last = activities
    .map((a) => a.date)
    .sort()
    .at(-1)!;
  return addBusinessDays(last, businessDays);
}

export function toUsage(totals: UsageTotals): Usage {
  return {
    onsiteDays: totals.onsiteDays,
    onlineHours: totals.onlineMinutes / 60,
    totalHours: totals.totalMinutes / 60,
    sessions: totals.sessions,
  };
}

export const sessionOf = (a: ActivityRow) => ({ date: a.date, mode: a.mode, minutes: a.minutes });
export const sessionsOf = (rows: readonly ActivityRow[]) => rows.map(sessionOf);

export function toAttachment(row: AttachmentRow, canDelete: boolean): Attachment {
  return {
    id: row.id,
    activityId: row.activityId,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    contentType: row.contentType,
    url: `/api/project-attachments/${row.id}`,
    createdAt: row.createdAt.toISOString(),
    can: { delete: canDelete },
  };
}

export function toActivity(row: ActivityRow, attachments: AttachmentRow[], canEdit: boolean): Activity {
  return {
    id: row.id,
    date: row.date,
    mode: row.mode,
    hours: row.minutes / 60,
    headCount: row.headCount,
    dxLeadCount: row.dxLeadCount,
    staffCount: row.staffCount,
    done: row.done,
    nextSteps: row.nextSteps,
    attachments: attachments.filter((a) => a.activityId === row.id).map((a) => toAttachment(a, canEdit)),
    version: row.version,
    can: { edit: canEdit, delete: canEdit },
  };
}

export function toSummary(
  project: ProjectRow,
  activities: ActivityRow[],
  report: ReportRow | null,
  settings: ResolvedSettings,
): ProjectSummary {
  return {
    id: project.id,
    fiscalYear: project.fiscalYear,
    fiscalYearId: project.fiscalYearId,
    municipalityId: project.municipalityId,
    municipalityName: project.municipalityName,
    organizationId: project.organizationId,
    companyName: project.companyName,
    menuProposalId: project.menuProposalId,
    title: project.title,
    status: project.status,
    usage: toUsage(usageOf(sessionsOf(activities))),
    reportStatus: report?.status ?? null,
    reportSubmittedAt: report?.submittedAt?.toISOString() ?? null,
    reportDueOn: reportDueOn(activities, settings.reportDueBusinessDays),
  };
}

/** The project page: everything the actor may see of it, with what they may do. */
export async function loadDetail(
  deps: ProjectsDeps,
  ex: Executor,
  actor: Actor,
  id: string,
): Promise<ProjectDetail> {
  const project = await loadReadable(ex, actor, id);
  const [activities, attachments, report, plan, history, exceedance, evaluation, settings, menu] =
    await Promise.all([
      repo.findActivities(ex, [project.id]),
      repo.findAttachments(ex, project.id),
      repo.findReport(ex, project.id),
      repo.findPlan(ex, project.id),
      repo.findStatusChanges(ex, project.id),
      repo.findExceedance(ex, project.id),
      repo.findEvaluation(ex, project.id),
      settingsOf(ex, project.prefectureId, project.fiscalYearId),
      menuOf(deps, project),
    ]);
  const canDeliver = policy.canDeliver(actor, project);
  const advisorOptions = project.organizationId
    ? await deps.menus.advisorsOf(project.prefectureId, project.organizationId)
    : [];
  const toOption = (a: (typeof advisorOptions)[number]) => ({
    id: a.profileId,
    name: a.name,
    skills: a.skills,
  });
  const chosen = new Set(plan?.advisorProfileIds ?? []);
  const caps: CapState[] = capStates(usageOf(sessionsOf(activities)), limitsOf(settings, menu));
  const editableActivities = canDeliver && (project.status === 'planned' || project.status === 'in_progress');
  const reportAttachments = attachments.filter((a) => a.activityId === null);
  const mayEditReport = policy.canWriteReport(actor, project) && report?.status !== 'submitted';
  // The report is the company's and the prefecture's until approved; the town and council read it then.
  const showReport = report !== null && (canDeliver || report.status === 'approved');
  return {
    ...toSummary(project, activities, report, settings),
    costThousandYen: project.costThousandYen,
    source: project.source,
    plan: {
      goals: plan?.goals ?? '',
      sessionsPlanned: plan?.sessionsPlanned ?? 0,
      scheduleFrom: plan?.scheduleFrom ?? null,
      scheduleTo: plan?.scheduleTo ?? null,
      advisors: advisorOptions.filter((a) => chosen.has(a.profileId)).map(toOption),
      version: plan?.version ?? null,
    },
    advisorOptions: canDeliver ? advisorOptions.map(toOption) : [],
    history: history.map((h) => ({
      from: h.from,
      to: h.to,
      at: h.at.toISOString(),
      byName: h.byName,
      comment: h.comment,
    })),
    activities: activities.map((a) => toActivity(a, attachments, editableActivities)),
    caps,
    exceedance: exceedance
      ? {
          reason: exceedance.reason,
          approvedAt: exceedance.approvedAt.toISOString(),
          approvedByName: exceedance.approvedByName,
        }
      : null,
    report:
      report && showReport
        ? {
            status: report.status,
            summary: report.summary,
            challenge: report.challenge,
            approach: report.approach,
            tools: report.tools,
            effect: report.effect,
            remainingIssues: report.remainingIssues,
            returnComment: report.returnComment,
            submittedAt: report.submittedAt?.toISOString() ?? null,
            approvedAt: report.approvedAt?.toISOString() ?? null,
            attachments: reportAttachments.map((a) => toAttachment(a, mayEditReport)),
            version: report.version,
          }
        : null,
    evaluation: evaluation
      ? {
          surveyId: evaluation.surveyId,
          evaluatedAt: evaluation.evaluatedAt?.toISOString() ?? null,
          satisfaction: evaluation.satisfaction,
          helped: evaluation.helped,
          recommend: evaluation.recommend === null ? null : evaluation.recommend === 1,
          followUpSurveyId: evaluation.followUpSurveyId,
        }
      : null,
    version: project.version,
    can: {
      editPlan: canDeliver && project.status !== 'cancelled',
      logActivity: policy.canLogActivity(actor, project),
      complete: policy.canComplete(actor, project) && activities.length > 0,
      cancel: policy.canCancel(actor, project),
      approveExceedance: policy.canApproveExceedance(actor, project),
      editReport: mayEditReport,
      reviewReport: policy.canReviewReport(actor, project) && report?.status === 'submitted',
    },
  };
}

/** Moves a project to `to`, with its history row and audit entry, in the caller's transaction. */
export async function changeStatus(
  tx: Executor,
  ctx: RequestContext,
  project: { id: string; prefectureId: string; status: SupportProjectStatus },
  to: SupportProjectStatus,
  comment = '',
): Promise<void> {
  await repo.setProjectStatus(tx, project.id, to, ctx.actor?.userId ?? null, ctx.now);
  await repo.insertStatusChange(tx, {
    prefectureId: project.prefectureId,
    projectId: project.id,
    fromStatus: project.status,
    toStatus: to,
    comment,
    changedBy: ctx.actor?.userId ?? null,
    changedAt: ctx.now,
  });
  await recordAudit(tx, ctx, {
    action: 'support_project.status',
    entityType: 'support_project',
    entityId: project.id,
    prefectureId: project.prefectureId,
    before: { status: project.status },
    after: { status: to, comment },
  });
}

/** The context of background work (event handlers, scheduled jobs): no actor, the runner's clock. */
export function systemContext(now: Date, requestId: string): RequestContext {
  return { actor: null, requestId, locale: 'ja', ipAddress: null, userAgent: null, now };
}
