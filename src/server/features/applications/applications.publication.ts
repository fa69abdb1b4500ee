import type { Explanation as DomainExplanation } from '../../../shared/allocation-reasons';
import type { RunSummary } from '../../../shared/schemas/applications';
import type { Database, Executor } from '../../db/client';
import type { AllocationResult } from '../../domain/allocation';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { recordAudit } from '../../platform/audit';
import type { AppConfig } from '../../platform/deps';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { publishEvent } from '../../platform/jobs/events';
import { notify } from '../../platform/notifications/notify';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { allocationResultMail, companyProjectsMail } from './applications.mails';
import { applicationsPolicy as policy } from './applications.policy';
import { type ApplicationsRecords, renderExplanation, type RunSnapshot } from './applications.records';
import * as repo from './applications.repository';

declare module '../../platform/jobs/events' {
  interface DomainEventMap {
    /** A call's approved allocation was published: its support projects exist from now on. */
    'applications.published': {
      callId: string;
      runId: string;
      fiscalYearId: string;
      supportProjectIds: string[];
    };
  }
}

/**
 * Publishing an approved run, all in one transaction: the run and every considered application
 * get their final status, each selection becomes a support project (planned), each applying
 * municipality's users and each selected company's members are mailed, the change is audited and
 * `applications.published` is recorded for features that build on support projects.
 */
export function createApplicationsPublication({
  db,
  config,
  records,
}: {
  db: Database;
  config: AppConfig;
  records: ApplicationsRecords;
}) {
  async function writeOutcome(tx: Executor, ctx: RequestContext & { actor: Actor }, run: repo.RunRow) {
    const { actor } = ctx;
    const snapshot = run.input as RunSnapshot;
    const result = run.result as AllocationResult;
    const explanations = (run.explanations as DomainExplanation[] | null) ?? [];
    const cc = await records.callContext(
      tx,
      actor.prefectureId,
      (await repo.findCall(tx, actor.prefectureId, run.callId))!,
    );
    const menus = new Map(snapshot.menus.map((m) => [m.id, m]));
    const towns = new Map(snapshot.applications.map((a) => [a.applicationId, a]));
    const selectedIds = new Set(result.selections.map((s) => s.applicationId));
    // Only applications still submitted get an outcome (one withdrawn after the run stays withdrawn).
    const current = await repo.findApplications(tx, actor.prefectureId, { ids: [...towns.keys()] });
    const live = current.filter((a) => a.status === 'submitted');
    const liveIds = new Set(live.map((a) => a.id));
    await repo.setApplicationOutcome(
      tx,
      live.filter((a) => selectedIds.has(a.id)).map((a) => a.id),
      'selected',
      ctx.now,
      actor.userId,
    );
    await repo.setApplicationOutcome(
      tx,
      live.filter((a) => !selectedIds.has(a.id)).map((a) => a.id),
      'not_selected',
      ctx.now,
      actor.userId,
    );

    const selections = result.selections.filter((s) => liveIds.has(s.applicationId));
    const projects = await repo.insertSupportProjects(
      tx,
      selections.map((s) => ({
        prefectureId: actor.prefectureId,
        fiscalYearId: cc.call.fiscalYearId,
        municipalityId: towns.get(s.applicationId)!.municipalityId,
        menuProposalId: s.menuId,
        organizationId: menus.get(s.menuId)?.organizationId ?? null,
        title: menus.get(s.menuId)?.title ?? '',
        companyName: menus.get(s.menuId)?.companyName ?? '',
        costThousandYen: s.costThousandYen,
        status: 'planned' as const,
        source: 'allocation' as const,
        applicationId: s.applicationId,
        allocationRunId: run.id,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })),
    );

    // Each applying town's users: their own result, in plain words, without other towns' names.
    const townUsers = (
      await repo.findUsers(tx, actor.prefectureId, {
        municipalityIds: [...new Set(live.map((a) => a.municipalityId))],
      })
    ).filter(
      (u) => u.isActive && u.roles.some((r) => r === 'municipality_staff' || r === 'municipality_head'),
    );
    for (const app of live) {
      const e = explanations.find((x) => x.applicationId === app.id);
      const shown = e ? renderExplanation(e, snapshot, false) : null;
      const given = selections
        .filter((s) => s.applicationId === app.id)
        .map((s) => menus.get(s.menuId)?.title ?? '');
      for (const user of townUsers.filter((u) => u.municipalityId === app.municipalityId)) {
        const mail = composeMail(
          allocationResultMail,
          {
            recipientName: user.displayName,
            municipalityName: towns.get(app.id)?.municipalityName ?? '',
            programName: cc.program.name,
            programNameEn: cc.program.nameEn,
            fiscalYear: cc.fiscalYear.year,
            selectedMenus: given,
            reasons: {
              ja: shown?.reasons.map((r) => r.ja) ?? [],
              en: shown?.reasons.map((r) => r.en) ?? [],
            },
            decidedAt: ctx.now,
            link: `${config.publicUrl}/applications/${app.id}`,
          },
          mailLocaleOf(user.locale),
        );
        await notify(tx, {
          prefectureId: actor.prefectureId,
          kind: 'applications.allocation_result',
          recipient: { userId: user.id, email: user.email },
          mail,
          publicUrl: config.publicUrl,
          now: ctx.now,
        });
      }
    }

    // Each company whose menus were selected: its projects.
    const byCompany = new Map<string, { menuTitle: string; municipalityName: string }[]>();
    for (const s of selections) {
      const organizationId = menus.get(s.menuId)?.organizationId;
      if (!organizationId) continue;
      const list = byCompany.get(organizationId) ?? [];
      list.push({
        menuTitle: menus.get(s.menuId)?.title ?? '',
        municipalityName: towns.get(s.applicationId)?.municipalityName ?? '',
      });
      byCompany.set(organizationId, list);
    }
    const members = (
      await repo.findUsers(tx, actor.prefectureId, { organizationIds: [...byCompany.keys()] })
    ).filter((u) => u.isActive && u.roles.includes('company_member'));
    for (const member of members) {
      const mail = composeMail(
        companyProjectsMail,
        {
          recipientName: member.displayName,
          programName: cc.program.name,
          programNameEn: cc.program.nameEn,
          fiscalYear: cc.fiscalYear.year,
          projects: byCompany.get(member.organizationId) ?? [],
          decidedAt: ctx.now,
          link: `${config.publicUrl}/support-projects`,
        },
        mailLocaleOf(member.locale),
      );
      await notify(tx, {
        prefectureId: actor.prefectureId,
        kind: 'applications.company_projects',
        recipient: { userId: member.id, email: member.email },
        mail,
        publicUrl: config.publicUrl,
        now: ctx.now,
      });
    }

    await recordAudit(tx, ctx, {
      action: 'support_project.create',
      entityType: 'support_project',
      entityId: null,
      after: { allocationRunId: run.id, supportProjectIds: projects.map((p) => p.id) },
    });
    await publishEvent(tx, ctx, 'applications.published', {
      callId: run.callId,
      runId: run.id,
      fiscalYearId: cc.call.fiscalYearId,
      supportProjectIds: projects.map((p) => p.id),
    });
  }

  return {
    async publishRun(ctx: RequestContext, id: string, version: number): Promise<RunSummary> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      assertAllowed(policy.isAdmin(actor));
      const row = await repo.findRun(db, actor.prefectureId, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.status !== 'approved')
        throw fieldError(
          ['status'],
          '承認済みの計算結果だけを公表できます。',
          'Only an approved run can be published.',
          'not_approved',
        );
      return repo.changeRun(db, signed, {
        id,
        version,
        values: { status: 'published', publishedAt: ctx.now },
        audit: {
          action: 'allocation_run.publish',
          entityType: 'allocation_run',
          before: { ...row, input: undefined, result: undefined, explanations: undefined },
        },
        alsoInTransaction: (tx, updated) => writeOutcome(tx, signed, updated),
        reload: async (ex) => {
          const current = await repo.findRun(ex, actor.prefectureId, id);
          return current ? (await records.presentRuns(ex, actor, [current]))[0]! : null;
        },
      });
    },
  };
}
