import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import { mailOutbox } from '../../db/schema';
import { htmlFromText } from './html';

/** What the sender needs from a transport; nodemailer's SMTP transport in production, a fake in tests. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
  }): Promise<unknown>;
  close?(): void;
}

export interface MailSenderOptions {
  db: Database;
  /** smtp://user:pass@host:587 or smtps://…; without it (and without `transport`) nothing is sent. */
  smtpUrl?: string | undefined;
  from: string;
  logger: Logger;
  /** Replaces the SMTP transport (tests). */
  transport?: MailTransport | undefined;
  pollIntervalMs?: number;
  batchSize?: number;
  clock?: () => Date;
}

export const maxMailAttempts = 5;

/**
 * How long a claimed mail belongs to the process sending it. Longer than the
 * SMTP timeouts below, so only a process that died mid-send loses its claim.
 */
const sendLeaseMs = 5 * 60_000;

/** 30 s, 1 min, 2 min, 4 min: a short SMTP outage does not use up all attempts at once. */
export function retryDelayMs(attemptsMade: number): number {
  return 30_000 * 2 ** Math.max(0, attemptsMade - 1);
}

export interface MailRunResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers queued mails. Every process may run one: rows are claimed with
 * FOR UPDATE SKIP LOCKED, so two processes never take the same mail, and a
 * claim is a lease, so a mail whose process died is picked up again later.
 * Without SMTP settings it does nothing and mails stay queued, where the
 * administrators' outbox page shows them (closed networks have no SMTP).
 */
export function createMailSender(options: MailSenderOptions) {
  const { db, logger, from } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 10;
  const clock = options.clock ?? (() => new Date());
  const transport: MailTransport | null =
    options.transport ??
    (options.smtpUrl
      ? nodemailer.createTransport({
          url: options.smtpUrl,
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 60_000,
        })
      : null);

  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> | null = null;
  let isRunning = false;
  let isStopping = false;

  async function claimBatch(now: Date) {
    const claimable = db.$with('claimable').as(
      db
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(
          and(
            inArray(mailOutbox.status, ['queued', 'sending']),
            lte(mailOutbox.nextAttemptAt, now),
            lt(mailOutbox.attempts, maxMailAttempts),
          ),
        )
        .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.createdAt))
        .limit(batchSize)
        .for('update', { skipLocked: true }),
    );
    // A CTE with a locking clause is evaluated exactly once, so the batch is exactly what was locked.
    return db
      .with(claimable)
      .update(mailOutbox)
      .set({
        status: 'sending',
        attempts: sql`${mailOutbox.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + sendLeaseMs),
      })
      .where(inArray(mailOutbox.id, db.select({ id: claimable.id }).from(claimable)))
      .returning();
  }

  /** A mail whose sender died on its last attempt would otherwise stay 'sending' for ever. */
  async function failAbandoned(now: Date) {
    await db
      .update(mailOutbox)
      .set({
        status: 'failed',
        lastError: sql`coalesce(${mailOutbox.lastError}, 'interrupted while sending')`,
      })
      .where(
        and(
          eq(mailOutbox.status, 'sending'),
          lte(mailOutbox.nextAttemptAt, now),
          gte(mailOutbox.attempts, maxMailAttempts),
        ),
      );
  }

  async function deliver(
    activeTransport: MailTransport,
    mail: typeof mailOutbox.$inferSelect,
  ): Promise<keyof MailRunResult> {
    // The row is only marked if it is still our claim (same attempt), never over another process's.
    const isStillOurs = and(
      eq(mailOutbox.id, mail.id),
      eq(mailOutbox.status, 'sending'),
      eq(mailOutbox.attempts, mail.attempts),
    );
    try {
      await activeTransport.sendMail({
        from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.bodyText,
        html: htmlFromText(mail.bodyText),
      });
    } catch (err) {
      const isFinal = mail.attempts >= maxMailAttempts;
      const message = err instanceof Error ? err.message : String(err);
      await db
        .update(mailOutbox)
        .set({
          status: isFinal ? 'failed' : 'queued',
          lastError: message.slice(0, 2_000),
          nextAttemptAt: new Date(clock().getTime() + retryDelayMs(mail.attempts)),
        })
        .where(isStillOurs);
      // Addresses and bodies stay out of the log: bodies carry sign-in links.
      logger.warn({ mailId: mail.id, attempts: mail.attempts, error: message }, 'mail delivery failed');
      return isFinal ? 'failed' : 'retrying';
    }
    await db.update(mailOutbox).set({ status: 'sent', sentAt: clock(), lastError: null }).where(isStillOurs);
    logger.info({ mailId: mail.id, attempts: mail.attempts }, 'mail sent');
    return 'sent';
  }

  /** One pass: claims and sends what is due, batch after batch, up to a bound per pass. */
  async function runOnce(): Promise<MailRunResult> {
    const result: MailRunResult = { sent: 0, retrying: 0, failed: 0 };
    if (!transport) return result;
    await failAbandoned(clock());
    for (let batch = 0; batch < 10 && !isStopping; batch++) {
      const claimed = await claimBatch(clock());
      let index = 0;
      for (; index < claimed.length && !isStopping; index++)
        result[await deliver(transport, claimed[index]!)]++;
      // Stopping: the mails claimed but not tried go back as they were, due now, for another process.
      for (const unsent of claimed.slice(index)) {
        await db
          .update(mailOutbox)
          .set({ status: 'queued', attempts: sql`${mailOutbox.attempts} - 1`, nextAttemptAt: clock() })
          .where(
            and(
              eq(mailOutbox.id, unsent.id),
              eq(mailOutbox.status, 'sending'),
              eq(mailOutbox.attempts, unsent.attempts),
            ),
          );
      }
      if (claimed.length < batchSize) break;
    }
    return result;
  }

  function scheduleNext() {
    if (!isRunning) return;
    timer = setTimeout(() => {
      inFlight = runOnce()
        .catch((err) => logger.warn({ err }, 'mail sender pass failed'))
        .finally(() => {
          inFlight = null;
          scheduleNext();
        });
    }, pollIntervalMs);
    timer.unref();
  }

  return {
    /** False without SMTP settings: mails then stay queued for administrators to read. */
    isEnabled: transport !== null,
    runOnce,
    start(): void {
      if (!transport) {
        logger.info('SMTP_URL is not set: mails stay queued in the outbox, visible to administrators');
        return;
      }
      if (isRunning) return;
      isRunning = true;
      isStopping = false;
      scheduleNext();
    },
    /** Stops polling and waits for a pass in progress, so shutdown never closes the database under it. */
    async stop(): Promise<void> {
      isRunning = false;
      isStopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
      transport?.close?.();
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
