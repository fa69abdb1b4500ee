import {
  addressee,
  composeMail,
  defineMailTemplate,
  formatMailDate,
  formatMailDateTime,
  type MailExample,
} from '../../platform/mail/templates';

/** The daily digest: everything a person chose to receive once a day, in one mail at 08:00 JST. */

export interface DigestParams {
  recipientName: string;
  /** The day the digest is for (its 08:00 JST). */
  day: Date;
  items: { title: string; linkPath: string | null; createdAt: Date }[];
  /** How many more are waiting in the inbox than the mail lists. */
  moreCount: number;
  publicUrl: string;
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

export const digestMail = defineMailTemplate<DigestParams>({
  ja: (p) => ({
    subject: `お知らせのまとめ（${formatMailDate(p.day, 'ja')}）`,
    lines: [
      addressee(p.recipientName, 'ja'),
      '',
      `前回のまとめ以降のお知らせが ${p.items.length + p.moreCount} 件あります。`,
      '',
      ...p.items.flatMap((item) => [
        `・${item.title}（${formatMailDateTime(item.createdAt, 'ja')}）`,
        ...(item.linkPath ? [`${base(p.publicUrl)}${item.linkPath}`] : []),
      ]),
      ...(p.moreCount > 0 ? ['', `ほか ${p.moreCount} 件はお知らせ一覧でご覧ください。`] : []),
      '',
      `お知らせ一覧：${base(p.publicUrl)}/notifications`,
      `メールの受け取り方の変更：${base(p.publicUrl)}/account/notifications`,
    ],
  }),
  en: (p) => ({
    subject: `Your daily digest (${formatMailDate(p.day, 'en')})`,
    lines: [
      addressee(p.recipientName, 'en'),
      '',
      `You have ${p.items.length + p.moreCount} notification(s) since the last digest.`,
      '',
      ...p.items.flatMap((item) => [
        `- ${item.title} (${formatMailDateTime(item.createdAt, 'en')})`,
        ...(item.linkPath ? [`${base(p.publicUrl)}${item.linkPath}`] : []),
      ]),
      ...(p.moreCount > 0 ? ['', `${p.moreCount} more are in your inbox.`] : []),
      '',
      `Inbox: ${base(p.publicUrl)}/notifications`,
      `Change how you receive mail: ${base(p.publicUrl)}/account/notifications`,
    ],
  }),
});

const exampleDigest = (publicUrl: string): DigestParams => ({
  recipientName: '西会津 花子',
  day: new Date('2024-06-20T23:00:00Z'),
  items: [
    {
      title: '【Kakehashi】【回答のお願い】令和6年度 DX推進状況調査',
      linkPath: '/surveys/0190a1b2-0000-7000-8000-000000000001/answer',
      createdAt: new Date('2024-06-20T01:00:00Z'),
    },
  ],
  moreCount: 2,
  publicUrl,
});

export const mailExamples: MailExample[] = [
  {
    kind: 'notifications.digest',
    recipientName: '西会津 花子',
    languages: 'per-recipient',
    render: (publicUrl, locale) => composeMail(digestMail, exampleDigest(publicUrl), locale),
    singleLanguageData: ['西会津 花子', '【Kakehashi】【回答のお願い】令和6年度 DX推進状況調査'],
  },
];
