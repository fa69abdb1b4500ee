import { eq } from 'drizzle-orm';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { mailOutbox, prefectures } from '../../db/schema';
import { createTestContext } from '../../testing/harness';
import { enqueueMail } from './outbox';
import { createMailSender, type MailTransport, maxMailAttempts } from './sender';

const ctx = await createTestContext();
const db = ctx.database.db;
const logger = pino({ level: 'silent' });
const [prefecture] = await db.select({ id: prefectures.id }).from(prefectures);
const prefectureId = prefecture!.id;

interface SentMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Records what it would send; fails the first `failures` calls; optionally slow. */
function fakeTransport(options: { failures?: number; delayMs?: number } = {}) {
  const sent: SentMessage[] = [];
  let remainingFailures = options.failures ?? 0;
  const transport: MailTransport = {
    async sendMail(message) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (remainingFailures > 0) {
        remainingFailures--;
        throw new Error('421 4.7.0 Try again later');
      }
      sent.push(message);
    },
  };
  return { transport, sent };
}

async function queueMail(to: string) {
  return enqueueMail(db, { prefectureId, to, subject: `件名 ${to}`, bodyText: `本文 ${to}` });
}

async function mailRow(id: string) {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row!;
}

beforeEach(async () => {
  await db.delete(mailOutbox);
});

describe('enqueueMail', () => {
  it('writes in the caller’s transaction, so a rolled-back change sends nothing', async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, { prefectureId, to: 'a@example.jp', subject: 's', bodyText: 'b' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.select().from(mailOutbox)).toEqual([]);

    const { id } = await db.transaction((tx) =>
      enqueueMail(tx, { prefectureId, to: 'b@example.jp', subject: 's', bodyText: 'b' }),
    );
    expect(await mailRow(id)).toMatchObject({ status: 'queued', attempts: 0, toAddress: 'b@example.jp' });
  });
});

describe('mail sender', () => {
  it('does nothing without SMTP settings: mails stay queued for the outbox page', async () => {
    const { id } = await queueMail('nosmtp@example.jp');
    const sender = createMailSender({ db, from: 'Kakehashi <no-reply@example.jp>', logger });
    expect(sender.isEnabled).toBe(false);
    sender.start();
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await sender.stop();
    expect(await mailRow(id)).toMatchObject({ status: 'queued', attempts: 0, sentAt: null });
  });

  it('sends queued mails through the transport and marks them sent', async () => {
    const first = await queueMail('one@example.jp');
    const second = await queueMail('two@example.jp');
    const { transport, sent } = fakeTransport();
    const sender = createMailSender({ db, from: 'Kakehashi <no-reply@example.jp>', logger, transport });
    expect(await sender.runOnce()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(sent).toContainEqual({
      from: 'Kakehashi <no-reply@example.jp>',
      to: 'one@example.jp',
      subject: '件名 one@example.jp',
      text: '本文 one@example.jp',
      html: expect.stringContaining('<p>本文 one@example.jp</p>'),
    });
    expect(sent.map((m) => m.to).sort()).toEqual(['one@example.jp', 'two@example.jp']);
    for (const { id } of [first, second]) {
      const row = await mailRow(id);
      expect(row.status).toBe('sent');
      expect(row.attempts).toBe(1);
      expect(row.sentAt).toBeInstanceOf(Date);
    }
    // Nothing is sent twice.
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sent).toHaveLength(2);
  });

  it('retries after a delay, keeps the last error, and gives up after five attempts', async () => {
    const { id } = await queueMail('flaky@example.jp');
    const { transport, sent } = fakeTransport({ failures: 100 });
    // The row was queued at the database's "now", so the fake clock starts just after it.
    let now = new Date(Date.now() + 1_000);
    const sender = createMailSender({ db, from: 'x@example.jp', logger, transport, clock: () => now });

    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let row = await mailRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: '421 4.7.0 Try again later' });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    // Not due yet: no new attempt.
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect((await mailRow(id)).attempts).toBe(1);

    for (let attempt = 2; attempt <= maxMailAttempts; attempt++) {
      now = new Date(now.getTime() + 60 * 60_000);
      await sender.runOnce();
      row = await mailRow(id);
      expect(row.attempts).toBe(attempt);
    }
    expect(row.status).toBe('failed');
    expect(row.lastError).toBe('421 4.7.0 Try again later');
    now = new Date(now.getTime() + 24 * 60 * 60_000);
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect((await mailRow(id)).attempts).toBe(maxMailAttempts);
    expect(sent).toHaveLength(0);
  });

  it('succeeds on a later attempt after a temporary failure', async () => {
    const { id } = await queueMail('later@example.jp');
    const { transport, sent } = fakeTransport({ failures: 1 });
    let now = new Date(Date.now() + 1_000);
    const sender = createMailSender({ db, from: 'x@example.jp', logger, transport, clock: () => now });
    await sender.runOnce();
    now = new Date(now.getTime() + 10 * 60_000);
    expect(await sender.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await mailRow(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sent).toHaveLength(1);
  });

  it('never lets two processes send the same mail', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => queueMail(`many${i}@example.jp`)));
    const a = fakeTransport({ delayMs: 5 });
    const b = fakeTransport({ delayMs: 5 });
    const senderA = createMailSender({
      db,
      from: 'x@example.jp',
      logger,
      transport: a.transport,
      batchSize: 3,
    });
    const senderB = createMailSender({
      db,
      from: 'x@example.jp',
      logger,
      transport: b.transport,
      batchSize: 3,
    });
    const results = await Promise.all([senderA.runOnce(), senderB.runOnce(), senderA.runOnce()]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
    const delivered = [...a.sent, ...b.sent].map((m) => m.to).sort();
    expect(delivered).toEqual(Array.from({ length: 12 }, (_, i) => `many${i}@example.jp`).sort());
    for (const { id } of ids) expect((await mailRow(id)).attempts).toBe(1);
  });

  it('on stop finishes the mail it is sending and hands the rest of its claim back untried', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await queueMail(`stop${i}@example.jp`)).id);
    let firstSendStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      firstSendStarted = resolve;
    });
    const sent: string[] = [];
    const transport: MailTransport = {
      async sendMail(message) {
        firstSendStarted();
        await new Promise((resolve) => setTimeout(resolve, 100));
        sent.push(message.to);
      },
    };
    const sender = createMailSender({
      db,
      from: 'x@example.jp',
      logger,
      transport,
      pollIntervalMs: 1,
      clock: () => new Date(Date.now() + 1_000),
    });
    sender.start();
    await started;
    await sender.stop();
    expect(sent).toHaveLength(1);
    const rows = await Promise.all(ids.map(mailRow));
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    const handedBack = rows.filter((r) => r.status === 'queued');
    expect(handedBack).toHaveLength(4);
    // Untried: no attempt used up, due at once for whichever process sends next.
    for (const row of handedBack) expect(row.attempts).toBe(0);
  });

  it('picks up a mail whose sending process died once its lease has run out', async () => {
    const { id } = await queueMail('orphan@example.jp');
    const lastChance = await queueMail('orphan-final@example.jp');
    const past = new Date(Date.now() - 60_000);
    // As a crashed process leaves them: claimed, lease over.
    await db
      .update(mailOutbox)
      .set({ status: 'sending', attempts: 1, nextAttemptAt: past })
      .where(eq(mailOutbox.id, id));
    await db
      .update(mailOutbox)
      .set({ status: 'sending', attempts: maxMailAttempts, nextAttemptAt: past })
      .where(eq(mailOutbox.id, lastChance.id));
    const { transport, sent } = fakeTransport();
    const sender = createMailSender({ db, from: 'x@example.jp', logger, transport });
    expect(await sender.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sent.map((m) => m.to)).toEqual(['orphan@example.jp']);
    expect(await mailRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await mailRow(lastChance.id)).toMatchObject({
      status: 'failed',
      lastError: 'interrupted while sending',
    });
  });

  it('polls on its own once started, and stops cleanly', async () => {
    const { transport, sent } = fakeTransport();
    const sender = createMailSender({ db, from: 'x@example.jp', logger, transport, pollIntervalMs: 10 });
    sender.start();
    const { id } = await queueMail('polled@example.jp');
    const deadline = Date.now() + 5_000;
    while ((await mailRow(id)).status !== 'sent' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await sender.stop();
    expect(sent.map((m) => m.to)).toEqual(['polled@example.jp']);
    // Stopped: a mail queued now stays queued.
    const after = await queueMail('after-stop@example.jp');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await mailRow(after.id)).status).toBe('queued');
  });
});
