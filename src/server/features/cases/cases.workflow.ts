import type { CaseDetail, CaseStatus } from '../../../shared/schemas/cases';
import type { Database, Executor } from '../../db/client';
import type { AppConfig } from '../../platform/deps';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { assertAllowed, fieldError } from '../../platform/errors';
import { notify } from '../../platform/notifications/notify';
import type { NotificationKind } from '../../../shared/notification-kinds';
import { composeMail, mailLocaleOf, type MailTemplate } from '../../platform/mail/templates';
import { caseApprovalRequestedMail, caseApprovedMail, caseReturnedMail } from './cases.mails';
import { casesPolicy as policy } from './cases.policy';
import type { CasesRecords } from './cases.records';
import * as repo from './cases.repository';

type Recipient = Awaited<ReturnType<typeof repo.findRecipients>>[number];

const wrongStatus = (ja: string, en: string) => fieldError(['status'], ja, en, 'wrong_status');

/**
 * The approval steps: the drafter sends the case to the municipality, whose staff or head approve
 * it (or return it with a comment), then the prefecture approves it, which publishes it; the
 * prefecture may unpublish it later. Each step is a versioned change with its audit row, and the
 * mails it causes are queued in the same transaction.
 */
export function createCasesWorkflow({
  db,
  config,
  records,
  readable,
  load,
}: {
  db: Database;
  config: AppConfig;
  records: CasesRecords;
  readable: (actor: Actor, id: string) => Promise<repo.CaseRow>;
  load: (actor: Actor, id: string) => Promise<CaseDetail | null>;
}) {
  const manageLink = (id: string) => `${config.publicUrl}/cases/manage/${id}`;

  async function townName(prefectureId: string, municipalityId: string) {
    const towns = await records.lookups(prefectureId, []);
    const town = towns.municipalities.get(municipalityId);
    return { ja: town?.name ?? '', en: town?.nameEn ?? '' };
  }

  /** Which notification kind each of the workflow's mails is (the recipients' preferences are per kind). */
  const kindOf = new Map<unknown, NotificationKind>([
    [caseApprovalRequestedMail, 'cases.approval_requested'],
    [caseApprovedMail, 'cases.approved'],
    [caseReturnedMail, 'cases.returned'],
  ]);

  async function mailAll<P>(
    tx: Executor,
    prefectureId: string,
    recipients: Recipient[],
    template: MailTemplate<P>,
    params: (r: Recipient) => P,
    now: Date,
  ) {
    const seen = new Set<string>();
    for (const r of recipients) {
      if (seen.has(r.email)) continue;
      seen.add(r.email);
      await notify(tx, {
        prefectureId,
        kind: kindOf.get(template)!,
        recipient: { userId: r.id, email: r.email },
        mail: composeMail(template, params(r), mailLocaleOf(r.locale)),
        publicUrl: config.publicUrl,
        now,
      });
    }
  }

  /** Users of the town who approve (its staff and head). */
  const townApprovers = (tx: Executor, row: repo.CaseRow) =>
    repo
      .findRecipients(tx, row.prefectureId, { municipalityId: row.municipalityId })
      .then((list) =>
        list.filter((u) => u.roles.some((x) => x === 'municipality_staff' || x === 'municipality_head')),
      );

  /** The drafter side: whoever created it, and the members of its company. */
  async function drafters(tx: Executor, row: repo.CaseRow) {
    const creator = row.createdBy
      ? await repo.findRecipients(tx, row.prefectureId, { ids: [row.createdBy] })
      : [];
    const company = row.organizationId
      ? await repo.findRecipients(tx, row.prefectureId, {
          organizationId: row.organizationId,
          role: 'company_member',
        })
      : [];
    return [...creator, ...company];
  }

  async function transition(
    ctx: RequestContext & { actor: Actor },
    row: repo.CaseRow,
    version: number,
    action: 'submit' | 'approve_municipality' | 'publish' | 'return' | 'unpublish',
    values: Partial<repo.CaseRow>,
    mails: (tx: Executor) => Promise<void>,
  ) {
    return repo.changeCase(db, ctx, {
      id: row.id,
      version,
      values,
      audit: {
        action: `case_study.${action}`,
        entityType: 'case_study',
        before: row,
        onBehalfOf: row.municipalityId,
      },
      reload: () => load(ctx.actor, row.id),
      alsoInTransaction: (tx) => mails(tx),
    });
  }

  return {
    async submitCase(ctx: RequestContext, id: string, version: number): Promise<CaseDetail> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const row = await readable(actor, id);
      assertAllowed(policy.isDrafter(actor, row));
      if (!policy.canSubmit(actor, row))
        throw wrongStatus(
          'この事例は既に承認の手続き中か公開中です。',
          'This case is already awaiting approval or published.',
        );
      if (!row.challenge.trim() || !row.approach.trim() || !row.effect.trim()) {
        const missing = (['challenge', 'approach', 'effect'] as const).filter((f) => !row[f].trim());
        throw fieldError(
          [missing[0]!],
          '課題・取組・効果を入力してから承認を依頼してください。',
          'Fill in the challenge, the approach and the effect before asking for approval.',
          'required',
        );
      }
      const town = await townName(actor.prefectureId, row.municipalityId);
      return transition(
        signed,
        row,
        version,
        'submit',
        { status: 'awaiting_municipality', submittedAt: ctx.now },
        async (tx) =>
          mailAll(
            tx,
            actor.prefectureId,
            await townApprovers(tx, row),
            caseApprovalRequestedMail,
            (r) => ({
              recipientName: r.displayName,
              caseTitle: row.title,
              municipalityName: town.ja,
              step: 'municipality',
              requestedAt: ctx.now,
              link: manageLink(row.id),
            }),
            ctx.now,
          ),
      );
    },

    /** The approval of the current step: the municipality's, then the prefecture's (which publishes). */
    async approveCase(ctx: RequestContext, id: string, version: number): Promise<CaseDetail> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const row = await readable(actor, id);
      if (row.status !== 'awaiting_municipality' && row.status !== 'awaiting_prefecture')
        throw wrongStatus('承認待ちの事例ではありません。', 'This case is not awaiting approval.');
      assertAllowed(policy.canApprove(actor, row));
      const town = await townName(actor.prefectureId, row.municipalityId);
      if (row.status === 'awaiting_municipality')
        return transition(
          signed,
          row,
          version,
          'approve_municipality',
          {
            status: 'awaiting_prefecture',
            municipalityApprovedBy: actor.userId,
            municipalityApprovedAt: ctx.now,
          },
          async (tx) => {
            const admins = await repo.findRecipients(tx, row.prefectureId, { role: 'prefecture_admin' });
            await mailAll(
              tx,
              actor.prefectureId,
              admins,
              caseApprovalRequestedMail,
              (r) => ({
                recipientName: r.displayName,
                caseTitle: row.title,
                municipalityName: town.ja,
                step: 'prefecture',
                requestedAt: ctx.now,
                link: manageLink(row.id),
              }),
              ctx.now,
            );
            await mailAll(
              tx,
              actor.prefectureId,
              await drafters(tx, row),
              caseApprovedMail,
              (r) => ({
                recipientName: r.displayName,
                caseTitle: row.title,
                municipalityName: town.ja,
                step: 'municipality',
                approvedAt: ctx.now,
                link: manageLink(row.id),
              }),
              ctx.now,
            );
          },
        );
      return transition(
        signed,
        row,
        version,
        'publish',
        { status: 'published', publishedBy: actor.userId, publishedAt: ctx.now, returnComment: null },
        async (tx) => {
          const told = [...(await drafters(tx, row)), ...(await townApprovers(tx, row))];
          await mailAll(
            tx,
            actor.prefectureId,
            told,
            caseApprovedMail,
            (r) => ({
              recipientName: r.displayName,
              caseTitle: row.title,
              municipalityName: town.ja,
              step: 'prefecture',
              approvedAt: ctx.now,
              link: `${config.publicUrl}/cases/${row.id}`,
            }),
            ctx.now,
          );
        },
      );
    },

    /** The approver of the current step asks for changes: back to a draft, with the comment. */
    async returnCase(ctx: RequestContext, id: string, input: { version: number; comment: string }) {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const row = await readable(actor, id);
      if (row.status !== 'awaiting_municipality' && row.status !== 'awaiting_prefecture')
        throw wrongStatus('承認待ちの事例ではありません。', 'This case is not awaiting approval.');
      assertAllowed(policy.canReturn(actor, row));
      const byTown = row.status === 'awaiting_municipality';
      const town = await townName(actor.prefectureId, row.municipalityId);
      const status: CaseStatus = 'draft';
      return transition(
        signed,
        row,
        input.version,
        'return',
        { status, returnComment: input.comment, returnedAt: ctx.now },
        async (tx) =>
          mailAll(
            tx,
            actor.prefectureId,
            await drafters(tx, row),
            caseReturnedMail,
            (r) => ({
              recipientName: r.displayName,
              caseTitle: row.title,
              returnedBy: byTown ? town.ja : '県',
              returnedByEn: byTown ? town.en : 'The prefecture',
              comment: input.comment,
              returnedAt: ctx.now,
              link: manageLink(row.id),
            }),
            ctx.now,
          ),
      );
    },

    async unpublishCase(ctx: RequestContext, id: string, version: number): Promise<CaseDetail> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const row = await readable(actor, id);
      assertAllowed(policy.isAdmin(actor));
      if (!policy.canUnpublish(actor, row))
        throw wrongStatus('公開中の事例ではありません。', 'This case is not published.');
      return transition(
        signed,
        row,
        version,
        'unpublish',
        { status: 'unpublished', unpublishedAt: ctx.now },
        async () => {},
      );
    },
  };
}
