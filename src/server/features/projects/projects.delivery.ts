/**
 * Delivering a project: the list and page, the plan, the activity ledger with its caps, the
 * prefecture's exceedance approval, completing or cancelling, the year's settings and the
 * companies' load.
 */
import { firstBy, groupBy } from '../../../shared/collections';
import { jstDate } from '../../../shared/fiscal-year';
import {
  type ActivityCreate,
  type ActivityResult,
  type ActivityUpdate,
  type CompanyLoad,
  type ProjectDetail,
  type ProjectListQuery,
  type ProjectPlanSave,
  type ProjectSettings,
  type ProjectSettingsSave,
  type ProjectSummary,
  capKindLabels,
} from '../../../shared/schemas/projects';
import { type CapLimits, checkEdit, checkEntry, type EntryCheck } from '../../domain/project-caps';
import { recordAudit } from '../../platform/audit';
import { type RequestContext, requireActor } from '../../platform/context';
import { AppError, assertAllowed, fieldError, notFound } from '../../platform/errors';
import { withCurrentOnConflict } from '../../platform/locking';
import { projectsPolicy as policy } from './projects.policy';
import {
  changeStatus,
  limitsOf,
  loadDetail,
  loadReadable,
  menuOf,
  type ProjectsDeps,
  sessionOf,
  settingsOf,
  sessionsOf,
  toActivity,
  toSummary,
  toUsage,
} from './projects.records';
import * as repo from './projects.repository';
import type { ProjectRow } from './projects.repository';

/** The first and last day of a fiscal year (April–March), as YYYY-MM-DD. */
function fiscalYearDays(year: number): { from: string; to: string } {
  return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

/**
 * A session's date lies within the project's fiscal year and its plan's schedule, and not in the
 * future; otherwise a field error on `date`. The same rule for a new session and an edited one.
 */
async function assertSessionDate(
  ex: ProjectsDeps['db'],
  project: ProjectRow,
  date: string,
  now: Date,
): Promise<void> {
  const plan = await repo.findPlan(ex, project.id);
  const fy = fiscalYearDays(project.fiscalYear);
  const from = plan?.scheduleFrom && plan.scheduleFrom > fy.from ? plan.scheduleFrom : fy.from;
  const to = plan?.scheduleTo && plan.scheduleTo < fy.to ? plan.scheduleTo : fy.to;
  if (date < from || date > to)
    throw fieldError(
      ['date'],
      `実施日は事業の期間（${from}〜${to}）内にしてください。`,
      `The date must fall within the project's period (${from} to ${to}).`,
      'out_of_range',
    );
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (jstDate(y, m, d) > now)
    throw fieldError(
      ['date'],
      '未来の日付は記録できません。',
      'A session cannot be logged ahead of its date.',
      'too_big',
    );
}

/**
 * A session that would cross a cap is refused, on the field that crossed it, unless the
 * prefecture approved an exceedance for the project (checked in the caller's transaction).
 */
async function assertWithinCaps(
  tx: Parameters<typeof repo.findExceedance>[0],
  projectId: string,
  mode: 'onsite' | 'online',
  check: EntryCheck,
): Promise<void> {
  if (check.crossed.length === 0 || (await repo.findExceedance(tx, projectId))) return;
  const kind = check.crossed[0]!;
  const cap = check.caps.find((c) => c.kind === kind)!;
  throw new AppError('VALIDATION_FAILED', {
    fields: [
      {
        path: [mode === 'onsite' && kind.endsWith('days') ? 'date' : 'hours'],
        code: 'cap_exceeded',
        ja: `${capKindLabels[kind].ja}（${cap.limit}）を超えます。県の超過承認が必要です。`,
        en: `This would exceed the ${capKindLabels[kind].en.toLowerCase()} (${cap.limit}). The prefecture must approve an exceedance first.`,
      },
    ],
  });
}

export function createProjectsDelivery(deps: ProjectsDeps) {
  const { db } = deps;

  async function list(ctx: RequestContext, q: ProjectListQuery): Promise<ProjectSummary[]> {
    const actor = requireActor(ctx);
    const scope = policy.scope(actor);
    assertAllowed(scope !== null);
    const filter = { ...q };
    // A company or town filter outside the actor's own scope narrows to nothing rather than widening.
    if ('organizationId' in scope) {
      if (q.organizationId && q.organizationId !== scope.organizationId) return [];
      filter.organizationId = scope.organizationId;
    }
    if ('municipalityId' in scope) {
      if (q.municipalityId && q.municipalityId !== scope.municipalityId) return [];
      filter.municipalityId = scope.municipalityId;
    }
    const projects = await repo.findProjects(db, actor.prefectureId, filter);
    const ids = projects.map((p) => p.id);
    const [activities, reports] = await Promise.all([
      repo.findActivities(db, ids),
      repo.findReports(db, ids),
    ]);
    const settingsByYear = new Map<string, Awaited<ReturnType<typeof settingsOf>>>();
    for (const fy of new Set(projects.map((p) => p.fiscalYearId)))
      settingsByYear.set(fy, await settingsOf(db, actor.prefectureId, fy));
    const activitiesOf = groupBy(activities, (a) => a.projectId);
    const reportOf = firstBy(reports, (r) => r.projectId);
    return projects.map((p) =>
      toSummary(
        p,
        activitiesOf.get(p.id) ?? [],
        reportOf.get(p.id) ?? null,
        settingsByYear.get(p.fiscalYearId)!,
      ),
    );
  }

  async function get(ctx: RequestContext, id: string): Promise<ProjectDetail> {
    return loadDetail(deps, db, requireActor(ctx), id);
  }

  async function savePlan(ctx: RequestContext, id: string, input: ProjectPlanSave): Promise<ProjectDetail> {
    const actor = requireActor(ctx);
    const project = await loadReadable(db, actor, id);
    assertAllowed(policy.canDeliver(actor, project) && project.status !== 'cancelled');
    const options = project.organizationId
      ? await deps.menus.advisorsOf(project.prefectureId, project.organizationId)
      : [];
    const known = new Set(options.map((o) => o.profileId));
    input.advisorProfileIds.forEach((pid, i) => {
      if (!known.has(pid))
        throw fieldError(
          ['advisorProfileIds', i],
          'この事業者のアドバイザーから選んでください。',
          'Choose advisors of the project’s company.',
        );
    });
    const days = fiscalYearDays(project.fiscalYear);
    for (const key of ['scheduleFrom', 'scheduleTo'] as const) {
      const v = input[key];
      if (v && (v < days.from || v > days.to))
        throw fieldError(
          [key],
          `日付は事業の年度内（${days.from}〜${days.to}）にしてください。`,
          `The date must fall within the project's fiscal year (${days.from} to ${days.to}).`,
        );
    }
    const values = {
      goals: input.goals,
      sessionsPlanned: input.sessionsPlanned,
      scheduleFrom: input.scheduleFrom,
      scheduleTo: input.scheduleTo,
      advisorProfileIds: [...new Set(input.advisorProfileIds)],
    };
    await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const before = await repo.findPlan(tx, project.id);
          if ((before === null) !== (input.version === null)) throw new AppError('VERSION_CONFLICT');
          const after = before
            ? await repo.updatePlanVersioned(tx, before.id, input.version!, values, actor.userId, ctx.now)
            : await repo.insertPlan(tx, {
                ...values,
                prefectureId: project.prefectureId,
                projectId: project.id,
                createdBy: actor.userId,
                updatedBy: actor.userId,
              });
          if (!after) throw new AppError('VERSION_CONFLICT');
          await recordAudit(tx, ctx, {
            action: 'project_plan.save',
            entityType: 'project_plan',
            entityId: after.id,
            before,
            after,
          });
        }),
      () => loadDetail(deps, db, actor, id),
    );
    return loadDetail(deps, db, actor, id);
  }

  async function logActivity(
    ctx: RequestContext,
    id: string,
    input: ActivityCreate,
  ): Promise<ActivityResult> {
    const actor = requireActor(ctx);
    const project = await loadReadable(db, actor, id);
    assertAllowed(policy.canLogActivity(actor, project));
    await assertSessionDate(db, project, input.date, ctx.now);
    const minutes = Math.round(input.hours * 60);
    const settings = await settingsOf(db, project.prefectureId, project.fiscalYearId);
    const limits = limitsOf(settings, await menuOf(deps, project));
    return db.transaction(async (tx) => {
      // One session at a time per project: the caps are checked against what is committed.
      await repo.lockProject(tx, project.id);
      const current = await repo.findProject(tx, project.prefectureId, project.id);
      if (!current || !policy.canLogActivity(actor, current)) throw new AppError('VERSION_CONFLICT');
      const before = await repo.findActivities(tx, [project.id]);
      const check = checkEntry(sessionsOf(before), { date: input.date, mode: input.mode, minutes }, limits);
      await assertWithinCaps(tx, project.id, input.mode, check);
      const row = await repo.insertActivity(tx, {
        prefectureId: project.prefectureId,
        projectId: project.id,
        date: input.date,
        mode: input.mode,
        minutes,
        headCount: input.headCount,
        dxLeadCount: input.dxLeadCount,
        staffCount: input.staffCount,
        done: input.done,
        nextSteps: input.nextSteps,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      await recordAudit(tx, ctx, {
        action: 'project_activity.create',
        entityType: 'project_activity',
        entityId: row.id,
        after: row,
      });
      if (current.status === 'planned') await changeStatus(tx, ctx, current, 'in_progress');
      return {
        activity: toActivity(row, [], true),
        usage: toUsage(check.usage),
        caps: check.caps,
        warnings: check.warnings,
      };
    });
  }

  /** A session as the API shows it, with its files and whether the actor may still change it. */
  async function activityAsShown(actor: ReturnType<typeof requireActor>, activityId: string) {
    const row = await repo.findActivity(db, actor.prefectureId, activityId);
    if (!row) return null;
    const project = await loadReadable(db, actor, row.projectId);
    return toActivity(row, await repo.findAttachments(db, project.id), policy.canLogActivity(actor, project));
  }

  /**
   * Edits a session: the same checks as logging one (period, not in the future, the caps measured
   * against the ledger without the session's old figures, the prefecture's exceedance to cross),
   * by those who may log sessions on the project and only while it is open; versioned (409 with
   * the session as it is now) and audited with before and after.
   */
  async function updateActivity(
    ctx: RequestContext,
    activityId: string,
    input: ActivityUpdate,
  ): Promise<ActivityResult> {
    const actor = requireActor(ctx);
    const activity = await repo.findActivity(db, actor.prefectureId, activityId);
    if (!activity) throw notFound();
    const project = await loadReadable(db, actor, activity.projectId);
    assertAllowed(policy.canLogActivity(actor, project));
    await assertSessionDate(db, project, input.date, ctx.now);
    const minutes = Math.round(input.hours * 60);
    const settings = await settingsOf(db, project.prefectureId, project.fiscalYearId);
    const limits: CapLimits = limitsOf(settings, await menuOf(deps, project));
    return withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          await repo.lockProject(tx, project.id);
          const current = await repo.findProject(tx, project.prefectureId, project.id);
          if (!current || !policy.canLogActivity(actor, current)) throw new AppError('VERSION_CONFLICT');
          const ledger = await repo.findActivities(tx, [project.id]);
          const before = ledger.find((a) => a.id === activity.id);
          if (!before) throw notFound();
          // A stale edit is a conflict before anything else is judged on figures it did not see.
          if (before.version !== input.version) throw new AppError('VERSION_CONFLICT');
          const check = checkEdit(
            sessionsOf(ledger.filter((a) => a.id !== before.id)),
            sessionOf(before),
            { date: input.date, mode: input.mode, minutes },
            limits,
          );
          await assertWithinCaps(tx, project.id, input.mode, check);
          const after = await repo.updateActivityVersioned(
            tx,
            before.id,
            input.version,
            {
              date: input.date,
              mode: input.mode,
              minutes,
              headCount: input.headCount,
              dxLeadCount: input.dxLeadCount,
              staffCount: input.staffCount,
              done: input.done,
              nextSteps: input.nextSteps,
            },
            actor.userId,
            ctx.now,
          );
          await recordAudit(tx, ctx, {
            action: 'project_activity.update',
            entityType: 'project_activity',
            entityId: after.id,
            before,
            after,
          });
          return {
            activity: toActivity(after, await repo.findAttachments(tx, project.id), true),
            usage: toUsage(check.usage),
            caps: check.caps,
            warnings: check.warnings,
          };
        }),
      () => activityAsShown(actor, activityId),
    );
  }

  async function deleteActivity(ctx: RequestContext, activityId: string): Promise<void> {
    const actor = requireActor(ctx);
    const activity = await repo.findActivity(db, actor.prefectureId, activityId);
    if (!activity) throw notFound();
    const project = await loadReadable(db, actor, activity.projectId);
    assertAllowed(policy.canLogActivity(actor, project));
    const files = await db.transaction(async (tx) => {
      const attachments = (await repo.findAttachments(tx, project.id)).filter(
        (a) => a.activityId === activity.id,
      );
      await repo.deleteAttachments(
        tx,
        attachments.map((a) => a.id),
      );
      await repo.deleteActivity(tx, activity.id);
      await recordAudit(tx, ctx, {
        action: 'project_activity.delete',
        entityType: 'project_activity',
        entityId: activity.id,
        before: { ...activity, attachments: attachments.map((a) => a.fileName) },
      });
      return attachments;
    });
    // The bytes go once the rows are gone for good (after commit), so a rollback never loses a file.
    for (const f of files) await deps.uploads.remove(f.storedName);
  }

  async function approveExceedance(ctx: RequestContext, id: string, reason: string): Promise<ProjectDetail> {
    const actor = requireActor(ctx);
    const project = await loadReadable(db, actor, id);
    assertAllowed(policy.canApproveExceedance(actor, project));
    await db.transaction(async (tx) => {
      const before = await repo.findExceedance(tx, project.id);
      const after = await repo.upsertExceedance(tx, {
        prefectureId: project.prefectureId,
        projectId: project.id,
        reason,
        approvedBy: actor.userId,
        approvedAt: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: 'project_exceedance.approve',
        entityType: 'support_project',
        entityId: project.id,
        before,
        after,
      });
    });
    return loadDetail(deps, db, actor, id);
  }

  async function complete(ctx: RequestContext, id: string): Promise<ProjectDetail> {
    const actor = requireActor(ctx);
    const project = await loadReadable(db, actor, id);
    assertAllowed(policy.canComplete(actor, project));
    await db.transaction(async (tx) => {
      await repo.lockProject(tx, project.id);
      const current = await repo.findProject(tx, project.prefectureId, project.id);
      if (current?.status !== 'in_progress') throw new AppError('VERSION_CONFLICT');
      await changeStatus(tx, ctx, current, 'completed');
    });
    return loadDetail(deps, db, actor, id);
  }

  async function cancel(ctx: RequestContext, id: string, reason: string): Promise<ProjectDetail> {
    const actor = requireActor(ctx);
    const project = await loadReadable(db, actor, id);
    assertAllowed(policy.canCancel(actor, project));
    await db.transaction(async (tx) => {
      await repo.lockProject(tx, project.id);
      const current = await repo.findProject(tx, project.prefectureId, project.id);
      if (!current || !policy.canCancel(actor, current)) throw new AppError('VERSION_CONFLICT');
      await changeStatus(tx, ctx, current, 'cancelled', reason);
    });
    return loadDetail(deps, db, actor, id);
  }

  async function getSettings(ctx: RequestContext, fiscalYearId: string): Promise<ProjectSettings> {
    const actor = requireActor(ctx);
    if (!(await repo.findFiscalYear(db, actor.prefectureId, fiscalYearId))) throw notFound();
    const s = await settingsOf(db, actor.prefectureId, fiscalYearId);
    return {
      fiscalYearId,
      maxOnsiteDays: s.maxOnsiteDays,
      maxOnlineHours: s.maxOnlineMinutes / 60,
      reportDueBusinessDays: s.reportDueBusinessDays,
      version: s.version,
    };
  }

  async function saveSettings(ctx: RequestContext, input: ProjectSettingsSave): Promise<ProjectSettings> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canEditSettings(actor));
    if (!(await repo.findFiscalYear(db, actor.prefectureId, input.fiscalYearId))) throw notFound();
    const values = {
      maxOnsiteDays: input.maxOnsiteDays,
      maxOnlineMinutes: Math.round(input.maxOnlineHours * 60),
      reportDueBusinessDays: input.reportDueBusinessDays,
    };
    await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const before = await repo.findSettings(tx, actor.prefectureId, input.fiscalYearId);
          if ((before === null) !== (input.version === null)) throw new AppError('VERSION_CONFLICT');
          const after = before
            ? await repo.updateSettingsVersioned(tx, before.id, input.version!, values, actor.userId, ctx.now)
            : await repo.insertSettings(tx, {
                ...values,
                prefectureId: actor.prefectureId,
                fiscalYearId: input.fiscalYearId,
                createdBy: actor.userId,
                updatedBy: actor.userId,
              });
          if (!after) throw new AppError('VERSION_CONFLICT');
          await recordAudit(tx, ctx, {
            action: 'project_settings.save',
            entityType: 'project_settings',
            entityId: after.id,
            before,
            after,
          });
        }),
      () => getSettings(ctx, input.fiscalYearId),
    );
    return getSettings(ctx, input.fiscalYearId);
  }

  /** Each company's projects and logged hours against its selected menus' capacity and planned hours. */
  async function load(ctx: RequestContext, fiscalYearId: string): Promise<CompanyLoad[]> {
    const actor = requireActor(ctx);
    const scope = policy.loadScope(actor);
    assertAllowed(scope !== null);
    if (!(await repo.findFiscalYear(db, actor.prefectureId, fiscalYearId))) throw notFound();
    const organizationId = 'organizationId' in scope ? scope.organizationId : undefined;
    const menus = (await deps.menus.selectedTermsOfYear(actor.prefectureId, fiscalYearId)).filter(
      (m) => !organizationId || m.organizationId === organizationId,
    );
    const projects = (
      await repo.findProjects(db, actor.prefectureId, { fiscalYearId, organizationId })
    ).filter((p) => p.status !== 'cancelled');
    const activities = await repo.findActivities(
      db,
      projects.map((p) => p.id),
    );
    const menuById = new Map(menus.map((m) => [m.id, m]));
    const orgIds = [
      ...new Set([...menus.map((m) => m.organizationId), ...projects.flatMap((p) => p.organizationId ?? [])]),
    ];
    return orgIds
      .map((org) => {
        const own = projects.filter((p) => p.organizationId === org);
        const ownIds = new Set(own.map((p) => p.id));
        return {
          organizationId: org,
          companyName: own[0]?.companyName ?? menus.find((m) => m.organizationId === org)?.companyName ?? '',
          capacity: menus.filter((m) => m.organizationId === org).reduce((n, m) => n + m.capacity, 0),
          projects: own.length,
          plannedHours: own.reduce(
            (n, p) => n + (menuById.get(p.menuProposalId ?? '')?.plannedHours ?? 0),
            0,
          ),
          loggedHours:
            activities.filter((a) => ownIds.has(a.projectId)).reduce((n, a) => n + a.minutes, 0) / 60,
          activeProjects: own.filter((p) => p.status === 'planned' || p.status === 'in_progress').length,
        };
      })
      .filter((l) => l.projects > 0 || l.capacity > 0)
      .sort((a, b) => b.projects - a.projects || a.companyName.localeCompare(b.companyName, 'ja'));
  }

  return {
    list,
    get,
    savePlan,
    logActivity,
    updateActivity,
    deleteActivity,
    approveExceedance,
    complete,
    cancel,
    getSettings,
    saveSettings,
    load,
  };
}
