import type { Executor } from '../db/client';
import { auditLog } from '../db/schema';
import type { RequestContext } from './context';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** The prefecture the change belongs to (defaults to the actor's). */
  prefectureId?: string | null;
  /** When staff act for someone else, whom they acted for (e.g. a municipality id). */
  onBehalfOf?: string | null;
}

/** Sensitive columns never written into the audit trail. */
const redactedKeys = new Set(['passwordHash', 'totpSecret', 'tokenHash']);

function redact(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value ?? null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactedKeys.has(k) ? '[redacted]' : redact(v);
  return out;
}

/**
 * Writes one audit row. Call it with the transaction that makes the change so
 * the change and its record commit or roll back together.
 */
export async function recordAudit(executor: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await executor.insert(auditLog).values({
    prefectureId: entry.prefectureId ?? ctx.actor?.prefectureId ?? null,
    actorUserId: ctx.actor?.userId ?? null,
    onBehalfOf: entry.onBehalfOf ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: redact(entry.before),
    after: redact(entry.after),
    requestId: ctx.requestId,
    ipAddress: ctx.ipAddress,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
  });
}
