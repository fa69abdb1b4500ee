/**
 * Mail as it really leaves: the sender talks SMTP to a server started inside this test
 * (`smtp-server`), and the test reads what arrived — every mail kind the app sends, in both
 * languages, Japanese subjects decoded from their MIME words, both the text and the HTML part,
 * and every link in them opening a page of the web app.
 */
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mailOutbox, prefectures } from '../../db/schema';
import { createTestContext } from '../../testing/harness';
import { routedPage } from '../../testing/web-pages';
import { enqueueMail } from './outbox';
import { createMailSender } from './sender';
import type { MailExample, MailLocale } from './templates';

const mailModules = import.meta.glob<{ mailExamples?: MailExample[] }>('../../features/**/*.mails.ts', {
  eager: true,
});
const examples = Object.values(mailModules).flatMap((module) => module.mailExamples ?? []);

const ctx = await createTestContext();
const db = ctx.database.db;
const [prefecture] = await db.select({ id: prefectures.id }).from(prefectures).limit(1);
const prefectureId = prefecture!.id;
const logger = pino({ level: 'silent' });
const publicUrl = 'https://kakehashi.example.jp';

interface ArrivedMail {
  envelopeTo: string[];
  raw: string;
}

/** Addresses the server refuses at RCPT TO, as a mailbox that does not exist would be. */
const refusedAddresses = new Set(['nobody@unknown.example.jp']);
const arrived: ArrivedMail[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (refusedAddresses.has(address.address)) {
      const refusal = new Error('5.1.1 User unknown') as Error & { responseCode: number };
      refusal.responseCode = 550;
      callback(refusal);
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      arrived.push({
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function senderProcess() {
  return createMailSender({ db, smtpUrl, from: 'Kakehashi <no-reply@kakehashi.example.jp>', logger });
}

// ---------------------------------------------------------------------------------------------
// A small reader for what nodemailer writes: headers (folded, MIME words) and a
// multipart/alternative body whose parts are quoted-printable or base64.

function headersAndBody(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`)
    // Anything not percent-encoded above is ASCII; escape it so decodeURIComponent keeps it as is.
    .replace(/%(?![0-9A-F]{2})/gi, '%25');
  return decodeURIComponent(bytes);
}

function decodePart(part: string): { type: string; text: string } {
  const { headers, body } = headersAndBody(part);
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { type: (headers.get('content-type') ?? '').split(';')[0]!.trim(), text };
}

function readMail(raw: string) {
  const { headers, body } = headersAndBody(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  expect(boundary, 'the mail carries a text and an HTML alternative').toBeDefined();
  const parts = body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => decodePart(part.replace(/^\r\n/, '')));
  return {
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts.find((p) => p.type === 'text/plain')?.text ?? '',
    html: parts.find((p) => p.type === 'text/html')?.text ?? '',
  };
}

function appLinks(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s」）)"<]+/g)]
    .map((match) => match[0].replace(/&amp;/g, '&'))
    .filter((link) => link.startsWith(`${publicUrl}/`));
}

beforeEach(async () => {
  arrived.length = 0;
  await db.delete(mailOutbox);
});

describe('mail over SMTP', () => {
  it('delivers every mail kind in both languages, readable, with links to pages that exist', async () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    const queued: { to: string; kind: string; locale: MailLocale; subject: string }[] = [];
    for (const example of examples) {
      for (const locale of ['ja', 'en'] as const) {
        const mail = example.render(publicUrl, locale);
        const to = `${example.kind.replace(/[^a-z]/g, '-')}.${locale}@town.example.jp`;
        await enqueueMail(db, { prefectureId, to, ...mail });
        queued.push({ to, kind: example.kind, locale, subject: mail.subject });
      }
    }
    const sender = senderProcess();
    let sent = 0;
    for (let pass = 0; pass < 20 && sent < queued.length; pass++) sent += (await sender.runOnce()).sent;
    await sender.stop();

    expect(sent).toBe(queued.length);
    expect(arrived).toHaveLength(queued.length);
    for (const expected of queued) {
      const delivery = arrived.find((a) => a.envelopeTo.includes(expected.to));
      expect(delivery, `${expected.kind} (${expected.locale}) arrived`).toBeDefined();
      const mail = readMail(delivery!.raw);
      expect(mail.subject).toBe(expected.subject);
      const links = appLinks(mail.text);
      expect(links.length, `${expected.kind}: the text part leads to a page`).toBeGreaterThan(0);
      for (const link of links) {
        expect(routedPage(new URL(link).pathname), `${link} is no page of the web app`).toBe(true);
        expect(mail.html, 'the HTML part links the same page').toContain(
          `href="${link.replace(/&/g, '&amp;')}"`,
        );
      }
    }
    // Japanese really went through: a subject with kana/kanji decoded intact.
    expect(arrived.map((a) => readMail(a.raw).subject).some((s) => /[ぁ-んァ-ヶ一-龥]/.test(s))).toBe(true);
  });

  it('a refused address never holds up the others, and is retried later with the reason kept', async () => {
    const good = ['a@town.example.jp', 'b@town.example.jp'];
    const bad = await enqueueMail(db, {
      prefectureId,
      to: 'nobody@unknown.example.jp',
      subject: '【かけはし】テスト',
      bodyText: '本文',
    });
    for (const to of good)
      await enqueueMail(db, { prefectureId, to, subject: '【かけはし】お知らせ', bodyText: '本文' });

    const sender = senderProcess();
    const result = await sender.runOnce();
    await sender.stop();

    expect(result).toEqual({ sent: 2, retrying: 1, failed: 0 });
    expect(arrived.flatMap((a) => a.envelopeTo).sort()).toEqual(good);
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, bad.id));
    expect(row!.status).toBe('queued');
    expect(row!.lastError).toContain('User unknown');
  });

  it('two processes sending at once deliver each mail exactly once', async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `town${i}@town.example.jp`);
    for (const to of addresses) {
      await enqueueMail(db, { prefectureId, to, subject: '【かけはし】回答のお願い', bodyText: '本文' });
    }
    const first = senderProcess();
    const second = senderProcess();
    const results = await Promise.all([first.runOnce(), second.runOnce()]);
    await Promise.all([first.stop(), second.stop()]);

    expect(results[0]!.sent + results[1]!.sent).toBe(addresses.length);
    const delivered = arrived.flatMap((a) => a.envelopeTo).sort();
    expect(delivered).toEqual([...addresses].sort());
    const rows = await db.select({ status: mailOutbox.status }).from(mailOutbox);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });
});
