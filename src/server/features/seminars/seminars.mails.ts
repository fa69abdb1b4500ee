/**
 * The mails the seminars feature sends, in Japanese and English; each attendee gets the language
 * of their account (an attendee without an account gets Japanese).
 */
import { defineMailTemplate, formatMailDateTime } from '../../platform/mail/templates';

/** A seat freed by a cancellation went to the first on the waiting list. */
export const promotedFromWaitlistMail = defineMailTemplate<{ attendeeName: string; eventTitle: string }>({
  ja: (p) => ({
    subject: `【繰り上げ】${p.eventTitle} にお申し込みいただけました`,
    lines: [
      `${p.attendeeName} 様`,
      '',
      `キャンセル待ちから繰り上がり、「${p.eventTitle}」の参加が確定しました。`,
      '参加方法はKakehashiのセミナーの画面でご確認ください。',
    ],
  }),
  en: (p) => ({
    subject: `You have a seat: ${p.eventTitle}`,
    lines: [
      `Dear ${p.attendeeName},`,
      '',
      `A seat became free and your place on the waiting list for "${p.eventTitle}" is now a confirmed seat.`,
      'How to join is shown on the seminar page in Kakehashi.',
    ],
  }),
});

/**
 * The day-before reminder with the join details. It goes only to the seat holder, so it may carry
 * the URL and passcode; the text asks not to forward them.
 */
export const seminarReminderMail = defineMailTemplate<{
  attendeeName: string;
  eventTitle: string;
  startsAt: Date;
  joinUrl: string;
  passcode: string;
}>({
  ja: (p) => {
    const starts = formatMailDateTime(p.startsAt, 'ja');
    return {
      subject: `【リマインド】${p.eventTitle}（${starts}）`,
      lines: [
        `${p.attendeeName} 様`,
        '',
        `「${p.eventTitle}」は ${starts} に始まります。`,
        '',
        `参加URL: ${p.joinUrl}`,
        `パスコード: ${p.passcode}`,
        '',
        'このURLとパスコードはお申し込みの方専用です。転送しないでください。',
      ],
    };
  },
  en: (p) => {
    const starts = formatMailDateTime(p.startsAt, 'en');
    return {
      subject: `Reminder: ${p.eventTitle} (${starts})`,
      lines: [
        `Dear ${p.attendeeName},`,
        '',
        `"${p.eventTitle}" starts on ${starts}.`,
        '',
        `Join URL: ${p.joinUrl}`,
        `Passcode: ${p.passcode}`,
        '',
        'This URL and passcode are for you as a registered attendee only. Please do not forward them.',
      ],
    };
  },
});
