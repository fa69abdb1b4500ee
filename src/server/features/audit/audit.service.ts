import type {
  AuditEntry,
  AuditQuery,
  MailStatus,
  OutboxMail,
  OutboxQuery,
} from '../../../shared/schemas/accounts';
import { type RequestContext, requireActor } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { assertAllowed } from '../../platform/errors';
import { auditPolicy as policy } from './audit.policy';
import * as repo from './audit.repository';
import { auditSentence, recordLabelOf, referencesOf } from './audit.sentences';

/** What happened and what was sent: the audit trail and the mail outbox, for administrators. */
export function createAuditService(deps: ServiceDeps) {
  const { db, config } = deps;

  return {
    async listAuditEntries(
      ctx: RequestContext,
      query: AuditQuery,
    ): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canReadAuditLog(actor, actor.prefectureId));
      const rows = await repo.findAuditEntries(db, actor.prefectureId, query);
      const references = rows.map(({ entry }) => referencesOf(entry.before, entry.after));
      const names = await repo.findReferencedNames(db, actor.prefectureId, {
        municipalityIds: [
          ...new Set(references.flatMap((r) => (r.municipalityId ? [r.municipalityId] : []))),
        ],
        proposalIds: [...new Set(references.flatMap((r) => (r.proposalId ? [r.proposalId] : [])))],
      });
      const items = rows.map(({ entry, actorDisplayName }) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        actorUserId: entry.actorUserId,
        actorDisplayName: actorDisplayName ?? null,
        onBehalfOf: entry.onBehalfOf,
        before: entry.before,
        after: entry.after,
        requestId: entry.requestId,
        sentence: auditSentence({
          action: entry.action,
          entityType: entry.entityType,
          actorDisplayName: actorDisplayName ?? null,
          label: recordLabelOf(entry.before, entry.after, names),
        }),
      }));
      const last = items[items.length - 1];
      return { items, nextBefore: items.length === query.limit && last ? last.id : null };
    },

    async listOutbox(
      ctx: RequestContext,
      query: OutboxQuery,
    ): Promise<{ isSmtpConfigured: boolean; items: OutboxMail[] }> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canReadOutbox(actor, actor.prefectureId));
      const rows = await repo.findOutboxMails(db, actor.prefectureId, query);
      return {
        isSmtpConfigured: config.isSmtpConfigured ?? false,
        items: rows.map((row) => ({
          id: row.id,
          to: row.toAddress,
          subject: row.subject,
          bodyText: row.bodyText,
          status: row.status as MailStatus,
          attempts: row.attempts,
          lastError: row.lastError,
          createdAt: row.createdAt.toISOString(),
          sentAt: row.sentAt?.toISOString() ?? null,
        })),
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
