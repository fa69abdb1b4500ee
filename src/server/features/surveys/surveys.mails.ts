import {
  addressee,
  composeMail,
  defineMailTemplate,
  formatMailDateTime,
  type MailExample,
} from '../../platform/mail/templates';

/** The mails of the surveys feature, in Japanese and English; each recipient gets their account's language. */

export interface SurveyReminderParams {
  recipientName: string;
  title: { ja: string; en: string };
  closesAt: Date;
  publicUrl: string;
  surveyId: string;
}

/** The page where a respondent answers (the web route `surveys/:id/answer`). */
export function surveyAnswerUrl(publicUrl: string, surveyId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/surveys/${surveyId}/answer`;
}

/** To the users of a respondent that has not submitted yet. */
export const surveyReminderMail = defineMailTemplate<SurveyReminderParams>({
  ja: (p) => ({
    subject: `【回答のお願い】${p.title.ja}`,
    lines: [
      addressee(p.recipientName, 'ja'),
      '',
      `「${p.title.ja}」へのご回答をお願いします。`,
      `締切：${formatMailDateTime(p.closesAt, 'ja')}`,
      '',
      `回答ページ：${surveyAnswerUrl(p.publicUrl, p.surveyId)}`,
    ],
  }),
  en: (p) => {
    // An English title is optional when a survey is built; the Japanese one always exists.
    const title = p.title.en.trim() !== '' ? p.title.en : p.title.ja;
    return {
      subject: `Please answer: ${title}`,
      lines: [
        addressee(p.recipientName, 'en'),
        '',
        `Please answer the survey "${title}".`,
        `Deadline: ${formatMailDateTime(p.closesAt, 'en')}`,
        '',
        `Answer page: ${surveyAnswerUrl(p.publicUrl, p.surveyId)}`,
      ],
    };
  },
});

export interface SurveyOpenedParams {
  recipientName: string;
  title: { ja: string; en: string };
  opensAt: Date;
  closesAt: Date;
  publicUrl: string;
  surveyId: string;
}

/** To the users of each respondent when a survey opens for answers. */
export const surveyOpenedMail = defineMailTemplate<SurveyOpenedParams>({
  ja: (p) => ({
    subject: `【回答受付開始】${p.title.ja}`,
    lines: [
      addressee(p.recipientName, 'ja'),
      '',
      `「${p.title.ja}」の回答受付を開始しました。`,
      `受付期間：${formatMailDateTime(p.opensAt, 'ja')} ～ ${formatMailDateTime(p.closesAt, 'ja')}`,
      '回答は途中で保存でき、締切までは提出後も修正できます。',
      '',
      `回答ページ：${surveyAnswerUrl(p.publicUrl, p.surveyId)}`,
    ],
  }),
  en: (p) => {
    const title = p.title.en.trim() !== '' ? p.title.en : p.title.ja;
    return {
      subject: `Now open: ${title}`,
      lines: [
        addressee(p.recipientName, 'en'),
        '',
        `The survey "${title}" is now open for answers.`,
        `Open from ${formatMailDateTime(p.opensAt, 'en')} to ${formatMailDateTime(p.closesAt, 'en')}`,
        'Answers are saved as you go and can be changed until the deadline.',
        '',
        `Answer page: ${surveyAnswerUrl(p.publicUrl, p.surveyId)}`,
      ],
    };
  },
});

const exampleReminder = (publicUrl: string): SurveyReminderParams => ({
  recipientName: '西会津 花子',
  // The English title left empty, as a survey builder may: the mail falls back to the Japanese one.
  title: { ja: '令和6年度 DX推進状況調査', en: '' },
  closesAt: new Date('2024-06-21T06:00:00Z'),
  publicUrl,
  surveyId: '0190a1b2-0000-7000-8000-000000000001',
});

export const mailExamples: MailExample[] = [
  {
    kind: 'surveys.opened',
    recipientName: '西会津 花子',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        surveyOpenedMail,
        { ...exampleReminder(publicUrl), opensAt: new Date('2024-04-08T00:00:00Z') },
        locale,
      ),
    singleLanguageData: ['西会津 花子', '令和6年度 DX推進状況調査'],
  },
  {
    kind: 'surveys.reminder',
    recipientName: '西会津 花子',
    languages: 'per-recipient',
    render: (publicUrl, locale) => composeMail(surveyReminderMail, exampleReminder(publicUrl), locale),
    singleLanguageData: ['西会津 花子', '令和6年度 DX推進状況調査'],
  },
];
