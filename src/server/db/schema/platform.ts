import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns';
import { prefectures } from './tenancy';

/** Append-only record of every change: who, when, what, before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    prefectureId: uuid('prefecture_id').references(() => prefectures.id),
    actorUserId: uuid('actor_user_id'),
    /** Set when an administrator acts on behalf of someone (proxy answering). */
    onBehalfOf: text('on_behalf_of'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** Client address (from the socket, or a configured proxy's forwarding header) and user agent. */
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_entity').on(t.entityType, t.entityId),
    index('audit_log_prefecture_at').on(t.prefectureId, t.at),
    // The audit page pages backwards by id within one prefecture.
    index('audit_log_prefecture_id').on(t.prefectureId, t.id),
  ],
);

/**
 * Sign-in attempt counters that belong to no account row: per client address (password
 * spraying from one place) and per unknown e-mail address (so an unknown address answers
 * exactly like a known one once it has been tried too often). Rows, not memory, so several
 * processes share them.
 */
export const loginThrottle = pgTable('login_throttle', {
  /** 'ip:<address>' or 'email:<sha256 of the lower-cased address>'. */
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  /** Failures count within a window; the count starts again after it. */
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

/**
 * Mails are written here inside the transaction that caused them, then sent
 * by the outbox worker. Without SMTP settings they stay queued and are shown
 * to administrators, so a closed network never loses a password-reset link.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    prefectureId: uuid('prefecture_id').references(() => prefectures.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    /** 'queued' | 'sending' | 'sent' | 'failed' */
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /**
     * When the sender may next pick the mail up: a retry waits (backoff), and
     * a mail being sent is leased until then, so a process that died while
     * sending does not leave it stuck in 'sending'.
     */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set by senders that may run more than once (event handlers): the same key queues one mail. */
    dedupeKey: text('dedupe_key').unique(),
  },
  (t) => [
    index('mail_outbox_status').on(t.status, t.createdAt),
    index('mail_outbox_prefecture_created').on(t.prefectureId, t.createdAt),
  ],
);

/**
 * Background work, run by the job runner in every process (platform/jobs): reminders, clean-ups,
 * and the delivery of domain events to their handlers. A row is leased with FOR UPDATE SKIP LOCKED,
 * so two processes never run the same job, and a lease runs out, so a job whose process died runs
 * again. `dedupeKey` makes enqueueing idempotent (one job per schedule slot, per event and handler).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key').unique(),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** When the job may next run: its schedule, a retry's backoff, or the end of a running job's lease. */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_due').on(t.status, t.runAt), index('jobs_finished').on(t.finishedAt)],
);

/**
 * Domain events: a fact one feature records in the transaction of the change ("a waiting-list
 * seat was given", "a proposal was decided") for other features to act on. Written with the
 * change, delivered after it commits, each handler at least once through the job runner.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: id(),
    prefectureId: uuid('prefecture_id').references(() => prefectures.id),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    actorUserId: uuid('actor_user_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('domain_events_type_at').on(t.type, t.occurredAt)],
);
