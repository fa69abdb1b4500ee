import { defineMailTemplate, formatMailDateTime } from '../../platform/mail/templates';

/** The mails of the surveys feature, in Japanese and English; each recipient gets their account's language. */

export interface SurveyReminderParams {
  title: { ja: string; en: string };
  closesAt: Date;
  answerUrl: string;
}

/** To the users of a respondent that has not submitted yet. */
export const surveyReminderMail = defineMailTemplate<SurveyReminderParams>({
  ja: (p) => ({
    subject: `【回答のお願い】${p.title.ja}`,
    lines: [
      `「${p.title.ja}」へのご回答をお願いします。`,
      `締切：${formatMailDateTime(p.closesAt, 'ja')}`,
      `回答ページ：${p.answerUrl}`,
    ],
  }),
  en: (p) => {
    // An English title is optional when a survey is built; the Japanese one always exists.
    const title = p.title.en.trim() !== '' ? p.title.en : p.title.ja;
    return {
      subject: `Please answer: ${title}`,
      lines: [
        `Please answer "${title}".`,
        `Deadline: ${formatMailDateTime(p.closesAt, 'en')}`,
        `Answer page: ${p.answerUrl}`,
      ],
    };
  },
});
