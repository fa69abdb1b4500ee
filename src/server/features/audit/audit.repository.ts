import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { AuditQuery, OutboxQuery } from '../../../shared/schemas/accounts';
import type { Executor } from '../../db/client';
import { auditLog, mailOutbox, menuProposals, municipalities, users } from '../../db/schema';

/** Audit entries of a prefecture, newest first, with the actor's current display name. */
export async function findAuditEntries(executor: Executor, prefectureId: string, query: AuditQuery) {
  const conditions: SQL[] = [eq(auditLog.prefectureId, prefectureId)];
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.actorUserId) conditions.push(eq(auditLog.actorUserId, query.actorUserId));
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.before !== undefined) conditions.push(lt(auditLog.id, query.before));
  return executor
    .select({ entry: auditLog, actorDisplayName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
}

/** Names of the prefecture's municipalities and menu proposals among the given ids (two queries for a page of entries). */
export async function findReferencedNames(
  executor: Executor,
  prefectureId: string,
  ids: { municipalityIds: string[]; proposalIds: string[] },
) {
  const [municipalityRows, proposalRows] = await Promise.all([
    ids.municipalityIds.length === 0
      ? []
      : executor
          .select({ id: municipalities.id, name: municipalities.name })
          .from(municipalities)
          .where(
            and(
              eq(municipalities.prefectureId, prefectureId),
              inArray(municipalities.id, ids.municipalityIds),
            ),
          ),
    ids.proposalIds.length === 0
      ? []
      : executor
          .select({ id: menuProposals.id, name: menuProposals.title })
          .from(menuProposals)
          .where(
            and(eq(menuProposals.prefectureId, prefectureId), inArray(menuProposals.id, ids.proposalIds)),
          ),
  ]);
  return {
    municipalities: new Map(municipalityRows.map((row) => [row.id, row.name])),
    proposals: new Map(proposalRows.map((row) => [row.id, row.name])),
  };
}

/** Mails of a prefecture, newest first. */
export async function findOutboxMails(executor: Executor, prefectureId: string, query: OutboxQuery) {
  const conditions: SQL[] = [eq(mailOutbox.prefectureId, prefectureId)];
  if (query.status) conditions.push(eq(mailOutbox.status, query.status));
  return executor
    .select()
    .from(mailOutbox)
    .where(and(...conditions))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(query.limit);
}
