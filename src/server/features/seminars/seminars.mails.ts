/**
 * The mails the seminars feature sends, in Japanese and English; each attendee gets the language
 * of their account (an attendee without an account gets Japanese).
 */
import {
  addressee,
  composeMail,
  defineMailTemplate,
  formatMailDateTime,
  type MailExample,
} from '../../platform/mail/templates';

/** The event's page in the web app (the route `seminars/events/:id`). */
export function seminarEventUrl(publicUrl: string, eventId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/seminars/events/${eventId}`;
}

export interface SeatGivenParams {
  attendeeName: string;
  eventTitle: string;
  startsAt: Date;
  publicUrl: string;
  eventId: string;
}

/** A seat freed by a cancellation went to the first on the waiting list. */
export const promotedFromWaitlistMail = defineMailTemplate<SeatGivenParams>({
  ja: (p) => ({
    subject: `【繰り上げ】${p.eventTitle} にお申し込みいただけました`,
    lines: [
      addressee(p.attendeeName, 'ja'),
      '',
      `キャンセル待ちから繰り上がり、「${p.eventTitle}」の参加が確定しました。`,
      `開催日時：${formatMailDateTime(p.startsAt, 'ja')}`,
      '参加方法はセミナーのページでご確認ください。',
      '',
      `セミナーのページ：${seminarEventUrl(p.publicUrl, p.eventId)}`,
    ],
  }),
  en: (p) => ({
    subject: `You have a seat: ${p.eventTitle}`,
    lines: [
      addressee(p.attendeeName, 'en'),
      '',
      `A seat became free and your place on the waiting list for "${p.eventTitle}" is now a confirmed seat.`,
      `Date and time: ${formatMailDateTime(p.startsAt, 'en')}`,
      'How to join is shown on the seminar page.',
      '',
      `Seminar page: ${seminarEventUrl(p.publicUrl, p.eventId)}`,
    ],
  }),
});

export interface SeminarReminderParams {
  attendeeName: string;
  eventTitle: string;
  startsAt: Date;
  joinUrl: string;
  passcode: string;
  publicUrl: string;
  eventId: string;
}

/**
 * The day-before reminder with the join details. It goes only to the seat holder, so it may carry
 * the URL and passcode; the text asks not to forward them.
 */
export const seminarReminderMail = defineMailTemplate<SeminarReminderParams>({
  ja: (p) => {
    const starts = formatMailDateTime(p.startsAt, 'ja');
    return {
      subject: `【リマインド】${p.eventTitle}（${starts}）`,
      lines: [
        addressee(p.attendeeName, 'ja'),
        '',
        `「${p.eventTitle}」は ${starts} に始まります。`,
        '',
        `参加URL: ${p.joinUrl}`,
        `パスコード: ${p.passcode}`,
        '',
        'このURLとパスコードはお申し込みの方専用です。転送しないでください。',
        '',
        `セミナーのページ：${seminarEventUrl(p.publicUrl, p.eventId)}`,
      ],
    };
  },
  en: (p) => {
    const starts = formatMailDateTime(p.startsAt, 'en');
    return {
      subject: `Reminder: ${p.eventTitle} (${starts})`,
      lines: [
        addressee(p.attendeeName, 'en'),
        '',
        `"${p.eventTitle}" starts on ${starts}.`,
        '',
        `Join URL: ${p.joinUrl}`,
        `Passcode: ${p.passcode}`,
        '',
        'This URL and passcode are for you as a registered attendee only. Please do not forward them.',
        '',
        `Seminar page: ${seminarEventUrl(p.publicUrl, p.eventId)}`,
      ],
    };
  },
});

const exampleEvent = {
  attendeeName: '只見 一郎',
  eventTitle: '生成AI活用セミナー',
  startsAt: new Date('2024-06-21T06:00:00Z'),
  eventId: '0190a1b2-0000-7000-8000-000000000002',
};

export interface RegisteredParams {
  attendeeName: string;
  eventTitle: string;
  startsAt: Date;
  /** Waitlisted: no seat yet; a freed seat is given in the order of the waiting list. */
  isWaitlisted: boolean;
  publicUrl: string;
  eventId: string;
}

/** The registration was received: a seat, or a place on the waiting list. */
export const registeredMail = defineMailTemplate<RegisteredParams>({
  ja: (p) => ({
    subject: p.isWaitlisted
      ? `【キャンセル待ち】${p.eventTitle} の申込みを受け付けました`
      : `【申込受付】${p.eventTitle} の申込みを受け付けました`,
    lines: [
      addressee(p.attendeeName, 'ja'),
      '',
      p.isWaitlisted
        ? `「${p.eventTitle}」は満席のため、キャンセル待ちとして受け付けました。空きが出た場合は順番に繰り上げ、メールでお知らせします。`
        : `「${p.eventTitle}」への参加申込みを受け付けました。`,
      `開催日時：${formatMailDateTime(p.startsAt, 'ja')}`,
      p.isWaitlisted
        ? ''
        : '参加方法（URL・パスコード）はセミナーのページでご確認ください。前日にもご案内します。',
      '',
      `セミナーのページ：${seminarEventUrl(p.publicUrl, p.eventId)}`,
    ].filter((line, i, all) => !(line === '' && all[i - 1] === '')),
  }),
  en: (p) => ({
    subject: p.isWaitlisted
      ? `Waiting list: your registration for ${p.eventTitle}`
      : `Registered: ${p.eventTitle}`,
    lines: [
      addressee(p.attendeeName, 'en'),
      '',
      p.isWaitlisted
        ? `"${p.eventTitle}" is full, so you are on the waiting list. Freed seats go to the waiting list in order, and you will be told by mail.`
        : `Your registration for "${p.eventTitle}" has been received.`,
      `Date and time: ${formatMailDateTime(p.startsAt, 'en')}`,
      p.isWaitlisted
        ? ''
        : 'How to join (URL and passcode) is on the seminar page; a reminder follows the day before.',
      '',
      `Seminar page: ${seminarEventUrl(p.publicUrl, p.eventId)}`,
    ].filter((line, i, all) => !(line === '' && all[i - 1] === '')),
  }),
});

export const mailExamples: MailExample[] = [
  {
    kind: 'seminars.registered',
    recipientName: '喜多方 次郎',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        registeredMail,
        {
          attendeeName: '喜多方 次郎',
          eventTitle: '自治体DXトップセミナー（職員向け）第2回',
          startsAt: new Date('2024-10-02T04:30:00Z'),
          isWaitlisted: false,
          publicUrl,
          eventId: '0190a1b2-0000-7000-8000-000000000010',
        },
        locale,
      ),
    singleLanguageData: ['喜多方 次郎', '自治体DXトップセミナー（職員向け）第2回'],
  },
  {
    kind: 'seminars.seat_given',
    recipientName: exampleEvent.attendeeName,
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(promotedFromWaitlistMail, { ...exampleEvent, publicUrl }, locale),
    singleLanguageData: [exampleEvent.attendeeName, exampleEvent.eventTitle],
  },
  {
    kind: 'seminars.reminder',
    recipientName: exampleEvent.attendeeName,
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        seminarReminderMail,
        // The join URL is the meeting service's, not a page of this app.
        { ...exampleEvent, publicUrl, joinUrl: 'https://meet.example.jp/j/123', passcode: '4821' },
        locale,
      ),
    singleLanguageData: [exampleEvent.attendeeName, exampleEvent.eventTitle],
  },
];
