import type { Proposal, ProposalCreate, ProposalPatch, ProposalStatus } from '../../../shared/schemas/menus';
import type { Database, Executor } from '../../db/client';
import { isOnTime } from '../../domain/menu-review';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { menusPolicy as policy } from './menus.policy';
import type { MenusRecords } from './menus.records';
import * as repo from './menus.repository';

/**
 * Proposals from draft to submitted: a company creates and edits its own drafts, submits them
 * before the call deadline, and edits and resubmits one the prefecture returned for changes.
 */
export function createMenusProposals({ db, records }: { db: Database; records: MenusRecords }) {
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
        throw fieldError(['regionIds', index], '地方が見つかりません。', 'Unknown region.', 'not_found');
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

  /** The caller's own company's proposal, still editable (draft or returned), else 404/403/422. */
  async function ownEditable(actor: Actor, id: string, notEditable: { ja: string; en: string }) {
    const { row } = await records.readableProposal(actor, id);
    assertAllowed(policy.isOwnCompany(actor, row));
    if (!policy.canEditProposal(actor, row))
      throw fieldError(['status'], notEditable.ja, notEditable.en, 'not_editable');
    return row;
  }

  return {
    async listProposals(
      ctx: RequestContext,
      q: { fiscalYearId: string; status?: ProposalStatus | undefined },
    ): Promise<Proposal[]> {
      const { actor } = signedIn(ctx);
      await records.requireFiscalYear(db, actor, q.fiscalYearId);
      const filter: Parameters<typeof repo.findProposals>[2] = { fiscalYearId: q.fiscalYearId };
      if (q.status) filter.status = [q.status];
      if (!policy.canManage(actor)) {
        if (policy.canPropose(actor)) {
          filter.organizationId = actor.organizationId;
        } else if (policy.isReviewer(actor)) {
          const mine = await repo.findReviews(db, actor.prefectureId, { reviewerUserId: actor.userId });
          filter.ids = mine.map((r) => r.proposalId);
        } else {
          assertAllowed(false);
        }
      }
      const rows = await repo.findProposals(db, actor.prefectureId, filter);
      return records.presentProposals(db, actor, rows, ctx.now);
    },

    async getProposal(ctx: RequestContext, id: string): Promise<Proposal> {
      const { actor } = signedIn(ctx);
      const { row } = await records.readableProposal(actor, id);
      return (await records.presentProposals(db, actor, [row], ctx.now))[0]!;
    },

    async createProposal(ctx: RequestContext, input: ProposalCreate): Promise<Proposal> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.canPropose(actor));
      await records.requireFiscalYear(db, actor, input.fiscalYearId).catch(() => {
        throw fieldError(['fiscalYearId'], '年度が見つかりません。', 'Fiscal year not found.', 'not_found');
      });
      await checkReferences(db, actor, actor.organizationId, input);
      const created = await records.createAudited(
        ctx,
        { action: 'menu_proposal.create', entityType: 'menu_proposal' },
        (tx) =>
          repo.insertProposal(tx, {
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
          }),
      );
      return (await records.loadProposal(actor, created.id, ctx.now))!;
    },

    async updateProposal(ctx: RequestContext, id: string, input: ProposalPatch): Promise<Proposal> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const row = await ownEditable(actor, id, {
        ja: '提出後の提案は、県から修正依頼があった場合のみ編集できます。',
        en: 'A submitted proposal can be edited only when the prefecture returns it for changes.',
      });
      await checkReferences(db, actor, row.organizationId, input);
      const { version, ...changes } = input;
      const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      return repo.changeProposal(db, signed, {
        id,
        version,
        values,
        audit: { action: 'menu_proposal.update', entityType: 'menu_proposal', before: row },
        reload: () => records.loadProposal(actor, id, ctx.now),
      });
    },

    async submitProposal(ctx: RequestContext, id: string, version: number): Promise<Proposal> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const row = await ownEditable(actor, id, {
        ja: 'この提案は既に提出されています。',
        en: 'This proposal is already submitted.',
      });
      // The deadline closes first submissions; a proposal returned for changes may come back after it.
      if (row.status === 'draft') {
        const { at } = await records.effectiveDeadline(db, actor.prefectureId, row.fiscalYearId);
        if (!isOnTime(row.status, at, ctx.now)) throw new AppError('DEADLINE_PASSED');
      }
      return repo.changeProposal(db, signed, {
        id,
        version,
        values: { status: 'submitted', submittedAt: ctx.now },
        audit: { action: 'menu_proposal.submit', entityType: 'menu_proposal', before: row },
        reload: () => records.loadProposal(actor, id, ctx.now),
      });
    },
  };
}
