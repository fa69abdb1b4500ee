import { and, eq } from 'drizzle-orm';
import { isPastDeadline } from '../../../shared/deadlines';
import { formatFiscalYear, formatJstDate } from '../../../shared/fiscal-year';
import type { ChallengeArea } from '../../../shared/challenge-areas';
import { deadlineInputOf, deadlineInstantOf } from '../../../shared/schemas/fiscal-years';
import {
  type AdvisorProfile,
  type AdvisorProfilePut,
  type AssignmentCreate,
  type CatalogItem,
  type CatalogQuery,
  type ConflictBody,
  type MenuDetail,
  type MenuFormat,
  type MenuSettings,
  type MenuSettingsPut,
  type MyReviewList,
  type Proposal,
  type ProposalCreate,
  type ProposalDecision,
  type ProposalDecisionBody,
  type ProposalPatch,
  type ProposalReviews,
  type ProposalStatus,
  proposalDecisionLabels,
  type Ranking,
  type RecommendationList,
  type Review,
  type ReviewerList,
  type ReviewPut,
  type ReviewStatus,
  type RubricCriterion,
} from '../../../shared/schemas/menus';
import type { Executor } from '../../db/client';
import { advisorProfiles, menuProposals, menuReviews, menuSettings } from '../../db/schema';
import { aggregateReviews, missingCriteria, rankByMean, weightedTotal } from '../../domain/menu-review';
import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import { recommendMenus } from '../../domain/recommendations';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { enqueueMail } from '../../platform/mail/outbox';
import { menusPolicy as policy } from './menus.policy';
import * as repo from './menus.repository';

/** Where municipality needs profiles come from (the surveys feature); injected so menus does not depend on it. */
export interface NeedsProfileSource {
  profileOf(
    prefectureId: string,
    municipalityId: string,
    fiscalYearId: string,
  ): Promise<MunicipalityNeedsProfile | null>;
}

/** For tests and set-ups without surveys: no municipality has a profile. */
export const noNeedsProfiles: NeedsProfileSource = { profileOf: async () => null };

/** Adapts the surveys service (profiles of every municipality that answered the year's needs survey). */
export function needsProfilesFrom(surveys: {
  needsProfileOf(
    prefectureId: string,
    municipalityId: string,
    fiscalYearId: string,
  ): Promise<MunicipalityNeedsProfile | null>;
}): NeedsProfileSource {
  return {
    profileOf: (prefectureId, municipalityId, fiscalYearId) =>
      surveys.needsProfileOf(prefectureId, municipalityId, fiscalYearId),
  };
}

type RegionRef = { id: string; name: string; nameEn: string };

interface Lookups {
  orgNames: Map<string, string>;
  regions: Map<string, RegionRef>;
  userNames: Map<string, string>;
}

export function createMenusService(deps: ServiceDeps, needsProfiles: NeedsProfileSource = noNeedsProfiles) {
  const { db } = deps;

  function requireActor(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
    return ctx.actor;
  }

  async function requireFiscalYear(ex: Executor, actor: Actor, id: string) {
    const fy = await repo.findFiscalYear(ex, actor.prefectureId, id);
    if (!fy) throw new AppError('NOT_FOUND');
    return fy;
  }

  async function lookups(ex: Executor, prefectureId: string, rows: repo.ProposalRow[]): Promise<Lookups> {
    const orgs = await repo.findOrganizations(ex, prefectureId, [
      ...new Set(rows.map((r) => r.organizationId)),
    ]);
    const regionRows = await repo.findRegions(ex, prefectureId);
    const userRows = await repo.findUsers(ex, prefectureId, {
      ids: [...new Set(rows.flatMap((r) => r.advisorUserIds))],
    });
    return {
      orgNames: new Map(orgs.map((o) => [o.id, o.name])),
      regions: new Map(regionRows.map((r) => [r.id, r])),
      userNames: new Map(userRows.map((u) => [u.id, u.displayName])),
    };
  }

  async function effectiveDeadline(ex: Executor, prefectureId: string, fiscalYearId: string) {
    const phase = await repo.findProposalPhaseDeadline(ex, prefectureId, fiscalYearId);
    if (phase) return { at: phase, source: 'phase' as const };
    const settings = await repo.findSettings(ex, prefectureId, fiscalYearId);
    if (settings?.proposalDeadlineAt) return { at: settings.proposalDeadlineAt, source: 'settings' as const };
    return { at: null, source: 'none' as const };
  }

  function toProposal(
    row: repo.ProposalRow,
    l: Lookups,
    actor: Actor,
    deadline: Date | null,
    now: Date,
  ): Proposal {
    const canEdit = policy.canEditProposal(actor, row);
    const onTime = row.status === 'returned' || !deadline || !isPastDeadline(deadline, now);
    return {
      id: row.id,
      fiscalYearId: row.fiscalYearId,
      organizationId: row.organizationId,
      organizationName: l.orgNames.get(row.organizationId) ?? '',
      title: row.title,
      challengeAreas: row.challengeAreas as ChallengeArea[],
      description: row.description,
      deliverables: row.deliverables,
      format: row.format as MenuFormat,
      capacity: row.capacity,
      unitCostThousandYen: row.unitCostThousandYen,
      plannedHours: row.plannedHours,
      onsiteDays: row.onsiteDays,
      regions: row.regionIds.map((id) => l.regions.get(id)).filter((r): r is RegionRef => !!r),
      advisors: row.advisorUserIds.map((id) => ({ userId: id, displayName: l.userNames.get(id) ?? '' })),
      status: row.status as ProposalStatus,
      decision: (row.decision as ProposalDecision | null) ?? null,
      decisionReason: row.decisionReason,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      canEdit,
      canSubmit: canEdit && onTime,
      version: row.version,
    };
  }

  async function presentProposals(ex: Executor, actor: Actor, rows: repo.ProposalRow[], now: Date) {
    const l = await lookups(ex, actor.prefectureId, rows);
    const deadlines = new Map<string, Date | null>();
    for (const fyId of new Set(rows.map((r) => r.fiscalYearId))) {
      deadlines.set(fyId, (await effectiveDeadline(ex, actor.prefectureId, fyId)).at);
    }
    return rows.map((r) => toProposal(r, l, actor, deadlines.get(r.fiscalYearId) ?? null, now));
  }

  function toCatalogItem(row: repo.ProposalRow, l: Lookups): CatalogItem {
    return {
      id: row.id,
      fiscalYearId: row.fiscalYearId,
      title: row.title,
      organizationId: row.organizationId,
      organizationName: l.orgNames.get(row.organizationId) ?? '',
      challengeAreas: row.challengeAreas as ChallengeArea[],
      format: row.format as MenuFormat,
      capacity: row.capacity,
      unitCostThousandYen: row.unitCostThousandYen,
      plannedHours: row.plannedHours,
      onsiteDays: row.onsiteDays,
      regions: row.regionIds.map((id) => l.regions.get(id)).filter((r): r is RegionRef => !!r),
      description: row.description,
    };
  }

  function criteriaOf(settings: repo.SettingsRow | null): RubricCriterion[] {
    return (settings?.criteria as RubricCriterion[] | undefined) ?? [];
  }

  function toReview(row: repo.ReviewRow, names: Map<string, string>, criteria: RubricCriterion[]): Review {
    const scores = row.scores as Record<string, number>;
    return {
      id: row.id,
      proposalId: row.proposalId,
      reviewerUserId: row.reviewerUserId,
      reviewerName: names.get(row.reviewerUserId) ?? '',
      status: row.status as ReviewStatus,
      scores,
      comment: row.comment,
      conflictReason: row.conflictReason,
      weightedTotal: weightedTotal(criteria, scores),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      version: row.version,
    };
  }

  /** A proposal the actor may read, else 404 (ids of others' proposals reveal nothing). */
  async function readableProposal(ex: Executor, actor: Actor, id: string) {
    const row = await repo.findProposal(ex, actor.prefectureId, id);
    if (!row) throw new AppError('NOT_FOUND');
    const reviews = await repo.findReviews(ex, actor.prefectureId, { proposalIds: [id] });
    if (
      !policy.canReadProposal(
        actor,
        row,
        reviews.map((r) => r.reviewerUserId),
      )
    )
      throw new AppError('NOT_FOUND');
    return { row, reviews };
  }

  async function loadProposal(actor: Actor, id: string, now: Date): Promise<Proposal | null> {
    const row = await repo.findProposal(db, actor.prefectureId, id);
    if (!row) return null;
    return (await presentProposals(db, actor, [row], now))[0] ?? null;
  }

  /** Advisors must be users of the proposing company; regions must be the prefecture's. */
  async function checkReferences(
    ex: Executor,
    actor: Actor,
    organizationId: string,
    input: { regionIds?: string[] | undefined; advisorUserIds?: string[] | undefined },
  ) {
    if (input.regionIds) {
      const known = new Set((await repo.findRegions(ex, actor.prefectureId)).map((r) => r.id));
      const index = input.regionIds.findIndex((id) => !known.has(id));
      if (index >= 0)
        throw fieldError(['regionIds', index], '地域が見つかりません。', 'Unknown region.', 'not_found');
    }
    if (input.advisorUserIds) {
      const members = await repo.findUsers(ex, actor.prefectureId, { organizationId });
      const ids = new Set(members.filter((m) => m.isActive).map((m) => m.id));
      const index = input.advisorUserIds.findIndex((id) => !ids.has(id));
      if (index >= 0)
        throw fieldError(
          ['advisorUserIds', index],
          'アドバイザーは提案する企業の利用者から選んでください。',
          'Advisors must be users of the proposing company.',
          'not_company_member',
        );
    }
  }

  async function loadSettings(actor: Actor, fiscalYearId: string): Promise<MenuSettings> {
    const row = await repo.findSettings(db, actor.prefectureId, fiscalYearId);
    const eff = await effectiveDeadline(db, actor.prefectureId, fiscalYearId);
    return {
      fiscalYearId,
      criteria: criteriaOf(row),
      proposalDeadline: row?.proposalDeadlineAt ? deadlineInputOf(row.proposalDeadlineAt) : null,
      effectiveDeadlineAt: eff.at?.toISOString() ?? null,
      effectiveDeadlineSource: eff.source,
      version: row?.version ?? null,
    };
  }

  async function readableReview(actor: Actor, id: string) {
    const [row] = await repo.findReviews(db, actor.prefectureId, { id });
    // A review of someone else is absent, not forbidden.
    if (!row || !policy.canReview(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async function presentReview(actor: Actor, id: string): Promise<Review | null> {
    const [row] = await repo.findReviews(db, actor.prefectureId, { id });
    if (!row) return null;
    const proposal = await repo.findProposal(db, actor.prefectureId, row.proposalId);
    const settings = proposal ? await repo.findSettings(db, actor.prefectureId, proposal.fiscalYearId) : null;
    return toReview(row, new Map([[actor.userId, actor.displayName]]), criteriaOf(settings));
  }

  async function changeReview(
    ctx: RequestContext,
    id: string,
    version: number,
    action: string,
    make: (row: repo.ReviewRow, criteria: RubricCriterion[]) => Partial<typeof menuReviews.$inferInsert>,
  ): Promise<Review> {
    const actor = requireActor(ctx);
    const row = await readableReview(actor, id);
    if (row.status !== 'assigned')
      throw fieldError(
        ['status'],
        '提出済み・辞退済みの審査は変更できません。',
        'A submitted or declined review cannot be changed.',
        'review_closed',
      );
    const proposal = await repo.findProposal(db, actor.prefectureId, row.proposalId);
    const criteria = criteriaOf(
      proposal ? await repo.findSettings(db, actor.prefectureId, proposal.fiscalYearId) : null,
    );
    if (criteria.length === 0)
      throw fieldError(
        ['scores'],
        '評価基準がまだ設定されていません。',
        'The rubric is not set yet.',
        'no_rubric',
      );
    const values = make(row, criteria);
    await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const updated = await updateVersioned(tx, menuReviews, id, version, values, actor.userId);
          await recordAudit(tx, ctx, {
            action,
            entityType: 'menu_review',
            entityId: id,
            before: row,
            after: updated,
          });
        }),
      () => presentReview(actor, id),
    );
    return (await presentReview(actor, id))!;
  }

  function checkScoreKeys(scores: Record<string, number>, criteria: RubricCriterion[]) {
    const keys = new Set(criteria.map((c) => c.key));
    const unknown = Object.keys(scores).find((k) => !keys.has(k));
    if (unknown)
      throw fieldError(
        ['scores', unknown],
        '評価基準にない項目です。',
        'Not a criterion of the rubric.',
        'unknown_criterion',
      );
  }

  async function catalogRows(actor: Actor, fiscalYearId: string) {
    return repo.findProposals(db, actor.prefectureId, { fiscalYearId, status: ['selected'] });
  }

  async function advisorProfilesOf(actor: Actor, userIds: string[]): Promise<AdvisorProfile[]> {
    const us = await repo.findUsers(db, actor.prefectureId, { ids: userIds });
    const profiles = new Map(
      (await repo.findProfiles(db, actor.prefectureId, userIds)).map((p) => [p.userId, p]),
    );
    const byId = new Map(us.map((u) => [u.id, u]));
    return userIds
      .map((id) => byId.get(id))
      .filter((u): u is NonNullable<typeof u> => !!u)
      .map((u) => {
        const p = profiles.get(u.id);
        return {
          userId: u.id,
          displayName: u.displayName,
          organizationId: u.organizationId,
          organizationName: u.organizationName,
          skills: p?.skills ?? [],
          qualifications: p?.qualifications ?? [],
          pastProjects: p?.pastProjects ?? [],
          bio: p?.bio ?? '',
          version: p?.version ?? null,
        };
      });
  }

  async function companyUser(actor: Actor, userId: string) {
    const [u] = await repo.findUsers(db, actor.prefectureId, { ids: [userId] });
    if (u?.organizationKind !== 'company') throw new AppError('NOT_FOUND');
    return u;
  }

  return {
    // ------------------------------------------------------------------ settings
    async getSettings(ctx: RequestContext, fiscalYearId: string): Promise<MenuSettings> {
      const actor = requireActor(ctx);
      await requireFiscalYear(db, actor, fiscalYearId);
      return loadSettings(actor, fiscalYearId);
    },

    async putSettings(
      ctx: RequestContext,
      fiscalYearId: string,
      input: MenuSettingsPut,
    ): Promise<MenuSettings> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor));
      await requireFiscalYear(db, actor, fiscalYearId);
      const existing = await repo.findSettings(db, actor.prefectureId, fiscalYearId);
      const values = {
        criteria: input.criteria,
        proposalDeadlineAt: input.proposalDeadline ? deadlineInstantOf(input.proposalDeadline) : null,
      };
      if (!existing) {
        await db.transaction(async (tx) => {
          const [created] = await tx
            .insert(menuSettings)
            .values({
              prefectureId: actor.prefectureId,
              fiscalYearId,
              ...values,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            })
            .returning();
          await recordAudit(tx, ctx, {
            action: 'menu_settings.create',
            entityType: 'menu_settings',
            entityId: created!.id,
            after: created,
          });
        });
        return loadSettings(actor, fiscalYearId);
      }
      if (input.version === undefined) {
        throw new AppError('VERSION_CONFLICT', { current: await loadSettings(actor, fiscalYearId) });
      }
      const version = input.version;
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              menuSettings,
              existing.id,
              version,
              values,
              actor.userId,
            );
            await recordAudit(tx, ctx, {
              action: 'menu_settings.update',
              entityType: 'menu_settings',
              entityId: existing.id,
              before: existing,
              after: updated,
            });
          }),
        () => loadSettings(actor, fiscalYearId),
      );
      return loadSettings(actor, fiscalYearId);
    },

    async reviewers(ctx: RequestContext): Promise<ReviewerList['items']> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor));
      const all = await repo.findUsers(db, actor.prefectureId, {});
      return all
        .filter((u) => u.isActive && u.roles.includes('reviewer'))
        .map((u) => ({
          userId: u.id,
          displayName: u.displayName,
          organizationId: u.organizationId,
          organizationName: u.organizationName,
        }));
    },

    // ------------------------------------------------------------------ proposals
    async listProposals(
      ctx: RequestContext,
      q: { fiscalYearId: string; status?: ProposalStatus | undefined },
    ): Promise<Proposal[]> {
      const actor = requireActor(ctx);
      await requireFiscalYear(db, actor, q.fiscalYearId);
      const filter: Parameters<typeof repo.findProposals>[2] = { fiscalYearId: q.fiscalYearId };
      if (q.status) filter.status = [q.status];
      if (!policy.canManage(actor)) {
        if (policy.canPropose(actor)) {
          filter.organizationId = actor.organizationId;
        } else if (actor.roles.includes('reviewer')) {
          const mine = await repo.findReviews(db, actor.prefectureId, { reviewerUserId: actor.userId });
          filter.ids = mine.map((r) => r.proposalId);
        } else {
          assertAllowed(false);
        }
      }
      const rows = await repo.findProposals(db, actor.prefectureId, filter);
      return presentProposals(db, actor, rows, ctx.now);
    },

    async getProposal(ctx: RequestContext, id: string): Promise<Proposal> {
      const actor = requireActor(ctx);
      const { row } = await readableProposal(db, actor, id);
      return (await presentProposals(db, actor, [row], ctx.now))[0]!;
    },

    async createProposal(ctx: RequestContext, input: ProposalCreate): Promise<Proposal> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canPropose(actor));
      await requireFiscalYear(db, actor, input.fiscalYearId).catch(() => {
        throw fieldError(['fiscalYearId'], '年度が見つかりません。', 'Fiscal year not found.', 'not_found');
      });
      await checkReferences(db, actor, actor.organizationId, input);
      const id = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(menuProposals)
          .values({
            prefectureId: actor.prefectureId,
            fiscalYearId: input.fiscalYearId,
            organizationId: actor.organizationId,
            title: input.title,
            challengeAreas: input.challengeAreas,
            description: input.description ?? '',
            deliverables: input.deliverables ?? '',
            format: input.format,
            capacity: input.capacity,
            unitCostThousandYen: input.unitCostThousandYen,
            plannedHours: input.plannedHours ?? 0,
            onsiteDays: input.onsiteDays ?? 0,
            regionIds: input.regionIds ?? [],
            advisorUserIds: input.advisorUserIds ?? [],
            status: 'draft',
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })
          .returning();
        await recordAudit(tx, ctx, {
          action: 'menu_proposal.create',
          entityType: 'menu_proposal',
          entityId: created!.id,
          after: created,
        });
        return created!.id;
      });
      return (await loadProposal(actor, id, ctx.now))!;
    },

    async updateProposal(ctx: RequestContext, id: string, input: ProposalPatch): Promise<Proposal> {
      const actor = requireActor(ctx);
      const { row } = await readableProposal(db, actor, id);
      assertAllowed(policy.isOwnCompany(actor, row));
      if (!policy.canEditProposal(actor, row))
        throw fieldError(
          ['status'],
          '提出後の提案は、県から修正依頼があった場合のみ編集できます。',
          'A submitted proposal can be edited only when the prefecture returns it for changes.',
          'not_editable',
        );
      await checkReferences(db, actor, row.organizationId, input);
      const { version, ...changes } = input;
      const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(tx, menuProposals, id, version, values, actor.userId);
            await recordAudit(tx, ctx, {
              action: 'menu_proposal.update',
              entityType: 'menu_proposal',
              entityId: id,
              before: row,
              after: updated,
            });
          }),
        () => loadProposal(actor, id, ctx.now),
      );
      return (await loadProposal(actor, id, ctx.now))!;
    },

    async submitProposal(ctx: RequestContext, id: string, version: number): Promise<Proposal> {
      const actor = requireActor(ctx);
      const { row } = await readableProposal(db, actor, id);
      assertAllowed(policy.isOwnCompany(actor, row));
      if (!policy.canEditProposal(actor, row))
        throw fieldError(
          ['status'],
          'この提案は既に提出されています。',
          'This proposal is already submitted.',
          'not_editable',
        );
      // The deadline closes first submissions; a proposal returned for changes may come back after it.
      if (row.status === 'draft') {
        const { at } = await effectiveDeadline(db, actor.prefectureId, row.fiscalYearId);
        if (at && isPastDeadline(at, ctx.now)) throw new AppError('DEADLINE_PASSED');
      }
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              menuProposals,
              id,
              version,
              { status: 'submitted', submittedAt: ctx.now },
              actor.userId,
            );
            await recordAudit(tx, ctx, {
              action: 'menu_proposal.submit',
              entityType: 'menu_proposal',
              entityId: id,
              before: row,
              after: updated,
            });
          }),
        () => loadProposal(actor, id, ctx.now),
      );
      return (await loadProposal(actor, id, ctx.now))!;
    },

    async decide(ctx: RequestContext, id: string, input: ProposalDecisionBody): Promise<Proposal> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor));
      const row = await repo.findProposal(db, actor.prefectureId, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.status === 'draft' || row.status === 'returned')
        throw fieldError(
          ['decision'],
          '提出されていない提案には決定できません。',
          'Only a submitted proposal can be decided.',
          'not_submitted',
        );
      const status: ProposalStatus =
        input.decision === 'needs_modification' ? 'returned' : (input.decision as ProposalStatus);
      const companyMembers = (
        await repo.findUsers(db, actor.prefectureId, { organizationId: row.organizationId })
      ).filter((u) => u.isActive && u.roles.includes('company_member'));
      const fy = await requireFiscalYear(db, actor, row.fiscalYearId);
      const label = proposalDecisionLabels[input.decision];
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              menuProposals,
              id,
              input.version,
              { status, decision: input.decision, decisionReason: input.reason, decidedAt: ctx.now },
              actor.userId,
            );
            await recordAudit(tx, ctx, {
              action: 'menu_proposal.decide',
              entityType: 'menu_proposal',
              entityId: id,
              before: row,
              after: updated,
            });
            for (const member of companyMembers) {
              await enqueueMail(tx, {
                prefectureId: actor.prefectureId,
                to: member.email,
                subject: `【${formatFiscalYear(fy.year, 'ja')} 支援メニュー】「${row.title}」の審査結果: ${label.ja}`,
                bodyText: [
                  `${member.displayName} 様`,
                  '',
                  `ご提案いただいた支援メニュー「${row.title}」の審査結果をお知らせします。`,
                  `結果: ${label.ja}`,
                  input.reason ? `理由: ${input.reason}` : '',
                  input.decision === 'needs_modification' ? '提案を修正のうえ、再度提出してください。' : '',
                  `決定日: ${formatJstDate(ctx.now, 'ja')}`,
                  '',
                  `${deps.config.publicUrl}/menus/proposals/${id}`,
                  '',
                  `Result of your support-menu proposal "${row.title}": ${label.en}.`,
                ]
                  .filter((line, i, all) => line !== '' || all[i - 1] !== '')
                  .join('\n'),
              });
            }
          }),
        () => loadProposal(actor, id, ctx.now),
      );
      return (await loadProposal(actor, id, ctx.now))!;
    },

    // ------------------------------------------------------------------ assignments and reviews
    async assign(ctx: RequestContext, proposalId: string, input: AssignmentCreate): Promise<Review> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor));
      const proposal = await repo.findProposal(db, actor.prefectureId, proposalId);
      if (!proposal) throw new AppError('NOT_FOUND');
      if (proposal.status === 'draft')
        throw fieldError(
          ['reviewerUserId'],
          '下書きの提案には審査員を割り当てられません。',
          'A draft cannot be assigned.',
          'not_submitted',
        );
      const [reviewer] = await repo.findUsers(db, actor.prefectureId, { ids: [input.reviewerUserId] });
      if (!reviewer?.isActive || !reviewer.roles.includes('reviewer'))
        throw fieldError(
          ['reviewerUserId'],
          '審査員の権限を持つ利用者を選んでください。',
          'Choose a user with the reviewer role.',
          'not_reviewer',
        );
      if (reviewer.organizationId === proposal.organizationId)
        throw fieldError(
          ['reviewerUserId'],
          '提案した企業に所属する審査員は、この提案を審査できません（利益相反）。',
          'A reviewer from the proposing company cannot review this proposal (conflict of interest).',
          'conflict_of_interest',
        );
      const existing = await repo.findReviews(db, actor.prefectureId, { proposalIds: [proposalId] });
      if (existing.some((r) => r.reviewerUserId === reviewer.id)) throw new AppError('DUPLICATE');
      const id = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(menuReviews)
          .values({
            prefectureId: actor.prefectureId,
            proposalId,
            reviewerUserId: reviewer.id,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })
          .returning();
        await recordAudit(tx, ctx, {
          action: 'menu_review.assign',
          entityType: 'menu_review',
          entityId: created!.id,
          after: created,
        });
        return created!.id;
      });
      const [row] = await repo.findReviews(db, actor.prefectureId, { id });
      const settings = await repo.findSettings(db, actor.prefectureId, proposal.fiscalYearId);
      return toReview(row!, new Map([[reviewer.id, reviewer.displayName]]), criteriaOf(settings));
    },

    async unassign(ctx: RequestContext, id: string, version: number): Promise<void> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor));
      const [row] = await repo.findReviews(db, actor.prefectureId, { id });
      if (!row) throw new AppError('NOT_FOUND');
      if (row.status === 'submitted')
        throw fieldError(
          ['status'],
          '提出済みの審査は取り消せません。',
          'A submitted review cannot be removed.',
          'review_closed',
        );
      if (row.version !== version)
        throw new AppError('VERSION_CONFLICT', { current: await presentReview(actor, id) });
      await db.transaction(async (tx) => {
        await tx.delete(menuReviews).where(eqId(id, version));
        await recordAudit(tx, ctx, {
          action: 'menu_review.unassign',
          entityType: 'menu_review',
          entityId: id,
          before: row,
        });
      });
    },

    async proposalReviews(ctx: RequestContext, proposalId: string): Promise<ProposalReviews> {
      const actor = requireActor(ctx);
      const row = await repo.findProposal(db, actor.prefectureId, proposalId);
      if (!row) throw new AppError('NOT_FOUND');
      const reviews = await repo.findReviews(db, actor.prefectureId, { proposalIds: [proposalId] });
      const own = reviews.find((r) => r.reviewerUserId === actor.userId) ?? null;
      if (!policy.canManage(actor) && !(own && policy.canReview(actor, own))) throw new AppError('NOT_FOUND');
      const criteria = criteriaOf(await repo.findSettings(db, actor.prefectureId, row.fiscalYearId));
      const seeOthers = policy.canSeeOthersScores(actor, own);
      const visible = seeOthers ? reviews : reviews.filter((r) => r.id === own?.id);
      const names = new Map(
        (await repo.findUsers(db, actor.prefectureId, { ids: visible.map((r) => r.reviewerUserId) })).map(
          (u) => [u.id, u.displayName],
        ),
      );
      return {
        criteria,
        items: visible.map((r) => toReview(r, names, criteria)),
        othersHidden: !seeOthers && reviews.length > visible.length,
      };
    },

    async myReviews(ctx: RequestContext, fiscalYearId: string): Promise<MyReviewList> {
      const actor = requireActor(ctx);
      assertAllowed(actor.roles.includes('reviewer'));
      await requireFiscalYear(db, actor, fiscalYearId);
      const mine = await repo.findReviews(db, actor.prefectureId, { reviewerUserId: actor.userId });
      const rows = await repo.findProposals(db, actor.prefectureId, {
        fiscalYearId,
        ids: mine.map((r) => r.proposalId),
      });
      const proposals = new Map((await presentProposals(db, actor, rows, ctx.now)).map((p) => [p.id, p]));
      const criteria = criteriaOf(await repo.findSettings(db, actor.prefectureId, fiscalYearId));
      const names = new Map([[actor.userId, actor.displayName]]);
      return {
        criteria,
        items: mine
          .filter((r) => proposals.has(r.proposalId))
          .map((r) => ({ review: toReview(r, names, criteria), proposal: proposals.get(r.proposalId)! })),
      };
    },

    async saveReview(ctx: RequestContext, id: string, input: ReviewPut): Promise<Review> {
      return changeReview(ctx, id, input.version, 'menu_review.save', (_row, criteria) => {
        checkScoreKeys(input.scores, criteria);
        return { scores: input.scores, comment: input.comment };
      });
    },

    async submitReview(ctx: RequestContext, id: string, version: number): Promise<Review> {
      return changeReview(ctx, id, version, 'menu_review.submit', (row, criteria) => {
        const missing = missingCriteria(criteria, row.scores as Record<string, number>);
        if (missing.length > 0)
          throw new AppError('VALIDATION_FAILED', {
            fields: missing.map((key) => ({
              path: ['scores', key],
              code: 'required',
              ja: `「${criteria.find((c) => c.key === key)?.label}」を採点してください。`,
              en: `Score "${criteria.find((c) => c.key === key)?.labelEn}".`,
            })),
          });
        return { status: 'submitted', submittedAt: ctx.now };
      });
    },

    async declareConflict(ctx: RequestContext, id: string, input: ConflictBody): Promise<Review> {
      return changeReview(ctx, id, input.version, 'menu_review.conflict', () => ({
        status: 'conflict',
        conflictReason: input.reason,
        scores: {},
      }));
    },

    async ranking(ctx: RequestContext, fiscalYearId: string): Promise<Ranking> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor));
      await requireFiscalYear(db, actor, fiscalYearId);
      const rows = await repo.findProposals(db, actor.prefectureId, {
        fiscalYearId,
        status: ['submitted', 'selected', 'not_selected', 'returned'],
      });
      const proposals = await presentProposals(db, actor, rows, ctx.now);
      const reviews = await repo.findReviews(db, actor.prefectureId, { proposalIds: rows.map((r) => r.id) });
      const criteria = criteriaOf(await repo.findSettings(db, actor.prefectureId, fiscalYearId));
      const aggregated = proposals.map((proposal) => {
        const mine = reviews.filter((r) => r.proposalId === proposal.id);
        const submitted = mine.filter((r) => r.status === 'submitted');
        const agg = aggregateReviews(
          criteria,
          submitted.map((r) => r.scores as Record<string, number>),
        );
        return {
          proposal,
          mean: agg.mean,
          spread: agg.spread,
          criterionMeans: agg.criterionMeans,
          submittedReviews: submitted.length,
          assignedReviews: mine.length,
          conflicts: mine.filter((r) => r.status === 'conflict').length,
        };
      });
      return {
        criteria,
        items: rankByMean(aggregated).map(({ mean, ...rest }) => ({ ...rest, weightedTotal: mean })),
      };
    },

    // ------------------------------------------------------------------ catalog
    async catalog(ctx: RequestContext, q: CatalogQuery): Promise<CatalogItem[]> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canReadCatalog(actor));
      await requireFiscalYear(db, actor, q.fiscalYearId);
      const rows = await catalogRows(actor, q.fiscalYearId);
      const l = await lookups(db, actor.prefectureId, rows);
      const needle = q.q?.toLowerCase();
      return rows
        .map((r) => toCatalogItem(r, l))
        .filter(
          (m) =>
            (!q.area || m.challengeAreas.includes(q.area)) &&
            (!q.format || m.format === q.format) &&
            // A menu with no regions listed serves the whole prefecture.
            (!q.regionId || m.regions.length === 0 || m.regions.some((r) => r.id === q.regionId)) &&
            (q.maxCost === undefined || m.unitCostThousandYen <= q.maxCost) &&
            (!needle || `${m.title}\n${m.description}\n${m.organizationName}`.toLowerCase().includes(needle)),
        )
        .sort((a, b) => a.title.localeCompare(b.title, 'ja'));
    },

    async menuDetail(ctx: RequestContext, id: string): Promise<MenuDetail> {
      const actor = requireActor(ctx);
      const row = await repo.findProposal(db, actor.prefectureId, id);
      if (row?.status !== 'selected') throw new AppError('NOT_FOUND');
      const l = await lookups(db, actor.prefectureId, [row]);
      return {
        ...toCatalogItem(row, l),
        deliverables: row.deliverables,
        advisors: await advisorProfilesOf(actor, row.advisorUserIds),
        // Evaluations of earlier projects do not exist yet; the field is kept for them.
        pastOutcomes: [],
      };
    },

    async recommendations(
      ctx: RequestContext,
      q: { fiscalYearId: string; municipalityId?: string | undefined },
    ): Promise<RecommendationList> {
      const actor = requireActor(ctx);
      const municipalityId = q.municipalityId ?? actor.municipalityId;
      if (!municipalityId)
        throw fieldError(
          ['municipalityId'],
          '市町村を指定してください。',
          'Choose a municipality.',
          'required',
        );
      assertAllowed(policy.canRecommendFor(actor, municipalityId));
      await requireFiscalYear(db, actor, q.fiscalYearId);
      const municipality = await repo.findMunicipalityWithRegion(db, actor.prefectureId, municipalityId);
      if (!municipality) throw new AppError('NOT_FOUND');
      const profile = await needsProfiles.profileOf(actor.prefectureId, municipalityId, q.fiscalYearId);
      const base = { municipalityId, municipalityName: municipality.name };
      if (!profile) return { ...base, hasProfile: false, items: [] };
      const rows = await catalogRows(actor, q.fiscalYearId);
      const l = await lookups(db, actor.prefectureId, rows);
      const menus = rows.map((r) => ({ ...toCatalogItem(r, l), regionIds: r.regionIds }));
      const ranked = recommendMenus({
        profile,
        menus,
        region: {
          id: municipality.regionId,
          name: municipality.regionName,
          nameEn: municipality.regionNameEn,
        },
        // No evaluations exist yet, so no ratings by similar municipalities.
        ratings: [],
      });
      return {
        ...base,
        hasProfile: true,
        items: ranked.map(({ menu: { regionIds: _r, ...menu }, score, reasons }) => ({
          menu,
          score,
          reasons,
        })),
      };
    },

    // ------------------------------------------------------------------ advisor profiles
    async listAdvisors(ctx: RequestContext, organizationId: string | undefined): Promise<AdvisorProfile[]> {
      const actor = requireActor(ctx);
      const orgId = organizationId ?? actor.organizationId;
      assertAllowed(policy.canListAdvisors(actor, orgId));
      const members = (await repo.findUsers(db, actor.prefectureId, { organizationId: orgId })).filter(
        (u) => u.isActive && u.organizationKind === 'company',
      );
      return advisorProfilesOf(
        actor,
        members.map((m) => m.id),
      );
    },

    async getAdvisor(ctx: RequestContext, userId: string): Promise<AdvisorProfile> {
      const actor = requireActor(ctx);
      await companyUser(actor, userId);
      return (await advisorProfilesOf(actor, [userId]))[0]!;
    },

    async putAdvisor(ctx: RequestContext, userId: string, input: AdvisorProfilePut): Promise<AdvisorProfile> {
      const actor = requireActor(ctx);
      const target = await companyUser(actor, userId);
      assertAllowed(policy.canEditProfile(actor, target));
      const [existing] = await repo.findProfiles(db, actor.prefectureId, [userId]);
      const values = {
        skills: input.skills,
        qualifications: input.qualifications,
        pastProjects: input.pastProjects,
        bio: input.bio,
      };
      const current = async () => (await advisorProfilesOf(actor, [userId]))[0];
      if (!existing) {
        await db.transaction(async (tx) => {
          const [created] = await tx
            .insert(advisorProfiles)
            .values({
              prefectureId: actor.prefectureId,
              userId,
              ...values,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            })
            .returning();
          await recordAudit(tx, ctx, {
            action: 'advisor_profile.create',
            entityType: 'advisor_profile',
            entityId: created!.id,
            after: created,
          });
        });
        return (await current())!;
      }
      if (input.version === undefined) throw new AppError('VERSION_CONFLICT', { current: await current() });
      const version = input.version;
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              advisorProfiles,
              existing.id,
              version,
              values,
              actor.userId,
            );
            await recordAudit(tx, ctx, {
              action: 'advisor_profile.update',
              entityType: 'advisor_profile',
              entityId: existing.id,
              before: existing,
              after: updated,
            });
          }),
        current,
      );
      return (await current())!;
    },

    // ------------------------------------------------------------------ exports (rows; routes write xlsx)
    async exportData(ctx: RequestContext, fiscalYearId: string) {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor));
      const fy = await requireFiscalYear(db, actor, fiscalYearId);
      const rows = await repo.findProposals(db, actor.prefectureId, { fiscalYearId });
      const proposals = await presentProposals(db, actor, rows, ctx.now);
      const reviews = await repo.findReviews(db, actor.prefectureId, { proposalIds: rows.map((r) => r.id) });
      const criteria = criteriaOf(await repo.findSettings(db, actor.prefectureId, fiscalYearId));
      const names = new Map(
        (
          await repo.findUsers(db, actor.prefectureId, {
            ids: [...new Set(reviews.map((r) => r.reviewerUserId))],
          })
        ).map((u) => [u.id, u.displayName]),
      );
      return {
        year: fy.year,
        proposals,
        criteria,
        reviews: reviews.map((r) => toReview(r, names, criteria)),
      };
    },

    async exportCatalog(ctx: RequestContext, fiscalYearId: string) {
      const actor = requireActor(ctx);
      const fy = await requireFiscalYear(db, actor, fiscalYearId);
      return { year: fy.year, items: await this.catalog(ctx, { fiscalYearId }) };
    },
  };
}

function eqId(id: string, version: number) {
  return and(eq(menuReviews.id, id), eq(menuReviews.version, version));
}

export type MenusService = ReturnType<typeof createMenusService>;
