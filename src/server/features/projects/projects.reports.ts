/**
 * The completion report (完了報告): the company writes and submits it; the prefecture returns it
 * with a comment or approves it (project → reported, event `projects.report_approved` in the same
 * transaction). Due N business days after the last session; reminders before, on and after the
 * due date (once each: the mails' dedupe keys), and the overdue list for the prefecture.
 */
import { firstBy } from '../../../shared/collections';
import { addBusinessDays, businessDaysBetween } from '../../../shared/deadlines';
import { jstDate, toJstDateString } from '../../../shared/fiscal-year';
import type { ProjectDetail, ReportSave } from '../../../shared/schemas/projects';
import { recordAudit } from '../../platform/audit';
import { type RequestContext, requireActor } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { publishEvent } from '../../platform/jobs/events';
import { withCurrentOnConflict } from '../../platform/locking';
import { notify } from '../../platform/notifications/notify';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { reportReminderMail, reportReturnedMail } from './projects.mails';
import { projectsPolicy as policy } from './projects.policy';
import {
  changeStatus,
  loadDetail,
  loadReadable,
  type ProjectsDeps,
  reportDueOn,
  settingsOf,
} from './projects.records';
import * as repo from './projects.repository';

declare module '../../platform/jobs/events' {
  interface DomainEventMap {
    /** The prefecture approved a project's completion report (the project is now `reported`). */
    'projects.report_approved': { projectId: string };
  }
}

/** Reminders go this many business days before the due date, on it, and the day after. */
export const reminderBusinessDaysBefore = 3;

const requiredOnSubmit = ['summary', 'challenge', 'approach', 'effect'] as const;

export function createProjectsReports(deps: ProjectsDeps) {
  const { db, config } = deps;

  async function saveReport(ctx: RequestContext, id: string, input: ReportSave): Promise<ProjectDetail> {
    const actor = requireActor(ctx);
    const project = await loadReadable(db, actor, id);
    assertAllowed(policy.canWriteReport(actor, project));
    const { version, ...fields } = input;
    await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const before = await repo.findReport(tx, project.id);
          if (before?.status === 'submitted' || before?.status === 'approved')
            throw new AppError('FORBIDDEN');
          if ((before === null) !== (version === null)) throw new AppError('VERSION_CONFLICT');
          const after = before
            ? await repo.updateReportVersioned(tx, before.id, version!, fields, actor.userId, ctx.now)
            : await repo.insertReport(tx, {
                ...fields,
                prefectureId: project.prefectureId,
                projectId: project.id,
                createdBy: actor.userId,
                updatedBy: actor.userId,
              });
          if (!after) throw new AppError('VERSION_CONFLICT');
          await recordAudit(tx, ctx, {
            action: 'project_report.save',
            entityType: 'project_report',
            entityId: after.id,
            before,
            after,
          });
        }),
      () => loadDetail(deps, db, actor, id),
    );
    return loadDetail(deps, db, actor, id);
  }

  /** A report step on the current row: checks the version and the report's state in the transaction. */
  async function reportStep(
    ctx: RequestContext,
    id: string,
    version: number,
    allowed: (p: Parameters<typeof policy.canWriteReport>[1]) => boolean,
    step: (
      tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
      report: repo.ReportRow,
      project: repo.ProjectRow,
    ) => Promise<void>,
  ): Promise<ProjectDetail> {
    const actor = requireActor(ctx);
    const project = await loadReadable(db, actor, id);
    assertAllowed(allowed(project));
    await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          await repo.lockProject(tx, project.id);
          const current = await repo.findProject(tx, project.prefectureId, project.id);
          const report = await repo.findReport(tx, project.id);
          if (!current || !report || report.version !== version || current.status !== 'completed')
            throw new AppError('VERSION_CONFLICT');
          await step(tx, report, current);
        }),
      () => loadDetail(deps, db, actor, id),
    );
    return loadDetail(deps, db, actor, id);
  }

  async function submitReport(ctx: RequestContext, id: string, version: number) {
    const actor = requireActor(ctx);
    return reportStep(
      ctx,
      id,
      version,
      (p) => policy.canWriteReport(actor, p),
      async (tx, report) => {
        if (report.status !== 'draft' && report.status !== 'returned') throw new AppError('VERSION_CONFLICT');
        const missing = requiredOnSubmit.filter((k) => report[k].trim() === '');
        if (missing.length > 0)
          throw new AppError('VALIDATION_FAILED', {
            fields: missing.map((k) => ({
              path: [k],
              code: 'required',
              ja: '提出の前に入力してください。',
              en: 'Fill this in before submitting.',
            })),
          });
        const after = await repo.updateReportVersioned(
          tx,
          report.id,
          version,
          { status: 'submitted', submittedAt: ctx.now },
          actor.userId,
          ctx.now,
        );
        await recordAudit(tx, ctx, {
          action: 'project_report.submit',
          entityType: 'project_report',
          entityId: report.id,
          before: { status: report.status },
          after: { status: after.status },
        });
      },
    );
  }

  async function returnReport(ctx: RequestContext, id: string, version: number, comment: string) {
    const actor = requireActor(ctx);
    return reportStep(
      ctx,
      id,
      version,
      (p) => policy.canReviewReport(actor, p),
      async (tx, report, project) => {
        if (report.status !== 'submitted') throw new AppError('VERSION_CONFLICT');
        await repo.updateReportVersioned(
          tx,
          report.id,
          version,
          { status: 'returned', returnComment: comment },
          actor.userId,
          ctx.now,
        );
        await recordAudit(tx, ctx, {
          action: 'project_report.return',
          entityType: 'project_report',
          entityId: report.id,
          before: { status: report.status },
          after: { status: 'returned', comment },
        });
        if (!project.organizationId) return;
        const recipients = await repo.findRecipients(tx, project.prefectureId, {
          organizationId: project.organizationId,
          roles: ['company_member'],
        });
        for (const r of recipients)
          await notify(tx, {
            prefectureId: project.prefectureId,
            kind: 'projects.report_returned',
            recipient: { userId: r.id, email: r.email },
            publicUrl: config.publicUrl,
            now: ctx.now,
            dedupeKey: `projects.report_returned:${report.id}:${version}:${r.id}`,
            mail: composeMail(
              reportReturnedMail,
              {
                recipientName: r.name,
                projectTitle: project.title,
                municipalityName: project.municipalityName,
                comment,
                returnedAt: ctx.now,
                link: `${config.publicUrl}/projects/${project.id}`,
              },
              mailLocaleOf(r.locale),
            ),
          });
      },
    );
  }

  async function approveReport(ctx: RequestContext, id: string, version: number) {
    const actor = requireActor(ctx);
    return reportStep(
      ctx,
      id,
      version,
      (p) => policy.canReviewReport(actor, p),
      async (tx, report, project) => {
        if (report.status !== 'submitted') throw new AppError('VERSION_CONFLICT');
        await repo.updateReportVersioned(
          tx,
          report.id,
          version,
          { status: 'approved', approvedAt: ctx.now, approvedBy: actor.userId, returnComment: '' },
          actor.userId,
          ctx.now,
        );
        await recordAudit(tx, ctx, {
          action: 'project_report.approve',
          entityType: 'project_report',
          entityId: report.id,
          before: { status: report.status },
          after: { status: 'approved' },
        });
        await changeStatus(tx, ctx, project, 'reported');
        await publishEvent(tx, ctx, 'projects.report_approved', { projectId: project.id });
      },
    );
  }

  /** Projects whose report is past due and not yet submitted (or returned and not resubmitted). */
  async function overdueOf(prefectureId: string, now: Date) {
    const today = toJstDateString(now);
    const projects = await repo.findProjects(db, prefectureId, { statuses: ['in_progress', 'completed'] });
    const ids = projects.map((p) => p.id);
    // One pass each, not a search per project: the reminder job reads every open project of the
    // prefecture (thousands at national scale), and the due date needs only the last session.
    const [lastDates, reports] = await Promise.all([
      repo.lastActivityDates(db, ids),
      repo.findReports(db, ids),
    ]);
    const reportOf = firstBy(reports, (r) => r.projectId);
    const settingsByYear = new Map<string, ReturnType<typeof settingsOf>>();
    const out = [];
    for (const p of projects) {
      const report = reportOf.get(p.id) ?? null;
      if (report?.status === 'submitted' || report?.status === 'approved') continue;
      const last = lastDates.get(p.id);
      if (!last) continue;
      let settings = settingsByYear.get(p.fiscalYearId);
      if (!settings) {
        settings = settingsOf(db, prefectureId, p.fiscalYearId);
        settingsByYear.set(p.fiscalYearId, settings);
      }
      const due = reportDueOn([{ date: last }], (await settings).reportDueBusinessDays);
      if (!due) continue;
      out.push({ project: p, report, dueOn: due, today });
    }
    return out;
  }

  async function overdue(ctx: RequestContext) {
    const actor = requireActor(ctx);
    assertAllowed(policy.canReadOverdue(actor));
    const rows = await overdueOf(actor.prefectureId, ctx.now);
    return rows
      .filter((r) => r.dueOn < r.today)
      .map((r) => ({
        projectId: r.project.id,
        title: r.project.title,
        municipalityName: r.project.municipalityName,
        companyName: r.project.companyName,
        reportDueOn: r.dueOn,
        businessDaysOverdue: Math.max(1, businessDaysBetween(r.dueOn, r.today)),
        reportStatus: r.report?.status ?? null,
      }))
      .sort((a, b) => a.reportDueOn.localeCompare(b.reportDueOn));
  }

  /**
   * Reminds the companies of reports coming due: from three business days before the due date,
   * on the day, and once it has passed. Each stage mails each member once per due date (the dedupe
   * key), so the job may run as often as it likes; a later session moves the due date and the
   * reminders with it.
   */
  async function sendReportReminders(prefectureIds: string[], now: Date): Promise<number> {
    let queued = 0;
    // A company with many projects due is looked up once per run.
    const recipientsByCompany = new Map<string, ReturnType<typeof repo.findRecipients>>();
    const recipientsOf = (prefectureId: string, organizationId: string) => {
      let found = recipientsByCompany.get(organizationId);
      if (!found) {
        found = repo.findRecipients(db, prefectureId, { organizationId, roles: ['company_member'] });
        recipientsByCompany.set(organizationId, found);
      }
      return found;
    };
    for (const prefectureId of prefectureIds) {
      for (const r of await overdueOf(prefectureId, now)) {
        if (!r.project.organizationId) continue;
        const stage =
          r.today > r.dueOn
            ? 'overdue'
            : r.today === r.dueOn
              ? 'due'
              : r.today >= addBusinessDays(r.dueOn, -reminderBusinessDaysBefore)
                ? 'before'
                : null;
        if (!stage) continue;
        const [y, m, d] = r.dueOn.split('-').map(Number) as [number, number, number];
        const recipients = await recipientsOf(prefectureId, r.project.organizationId);
        for (const person of recipients) {
          const told = await notify(db, {
            prefectureId,
            kind: 'projects.report_reminder',
            recipient: { userId: person.id, email: person.email },
            publicUrl: config.publicUrl,
            now,
            dedupeKey: `projects.report_reminder:${r.project.id}:${r.dueOn}:${stage}:${person.id}`,
            mail: composeMail(
              reportReminderMail,
              {
                recipientName: person.name,
                projectTitle: r.project.title,
                municipalityName: r.project.municipalityName,
                dueOn: jstDate(y, m, d),
                stage,
                link: `${config.publicUrl}/projects/${r.project.id}`,
              },
              mailLocaleOf(person.locale),
            ),
          });
          if (told !== 'duplicate') queued++;
        }
      }
    }
    return queued;
  }

  return { saveReport, submitReport, returnReport, approveReport, overdue, sendReportReminders };
}
