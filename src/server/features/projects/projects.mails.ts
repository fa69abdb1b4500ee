import {
  composeMail,
  defineMailTemplate,
  formatMailDate,
  type MailExample,
} from '../../platform/mail/templates';

/** The mails of a project's delivery; each recipient gets the language of their account. */

export interface ReportReminderMail {
  recipientName: string;
  projectTitle: string;
  municipalityName: string;
  /** The due date (JST midnight of the day). */
  dueOn: Date;
  /** 'before': a few business days ahead; 'due': on the day; 'overdue': the day after. */
  stage: 'before' | 'due' | 'overdue';
  /** The project page (/projects/:id). */
  link: string;
}

const stageJa = {
  before: 'まもなく提出期限です',
  due: '本日が提出期限です',
  overdue: '提出期限を過ぎています',
};
const stageEn = { before: 'is due soon', due: 'is due today', overdue: 'is overdue' };

/** To the project company's members until the completion report is submitted. */
export const reportReminderMail = defineMailTemplate<ReportReminderMail>({
  ja: (p) => ({
    subject: `完了報告の${stageJa[p.stage]}: ${p.municipalityName}「${p.projectTitle}」`,
    lines: [
      `${p.recipientName} 様`,
      '',
      `${p.municipalityName}への支援「${p.projectTitle}」の完了報告について、${stageJa[p.stage]}（期限: ${formatMailDate(p.dueOn, 'ja')}）。`,
      '',
      'プロジェクトのページから完了報告を作成・提出してください。',
      p.link,
    ],
  }),
  en: (p) => ({
    subject: `Completion report ${stageEn[p.stage]}: ${p.municipalityName}, "${p.projectTitle}"`,
    lines: [
      `Dear ${p.recipientName},`,
      '',
      `The completion report of the support "${p.projectTitle}" for ${p.municipalityName} ${stageEn[p.stage]} (due ${formatMailDate(p.dueOn, 'en')}).`,
      '',
      'Write and submit it from the project page.',
      p.link,
    ],
  }),
});

export interface ReportReturnedMail {
  recipientName: string;
  projectTitle: string;
  municipalityName: string;
  comment: string;
  /** When the prefecture returned it. */
  returnedAt: Date;
  link: string;
}

/** To the company's members when the prefecture returns the report for changes. */
export const reportReturnedMail = defineMailTemplate<ReportReturnedMail>({
  ja: (p) => ({
    subject: `完了報告が差し戻されました: ${p.municipalityName}「${p.projectTitle}」`,
    lines: [
      `${p.recipientName} 様`,
      '',
      `${p.municipalityName}への支援「${p.projectTitle}」の完了報告が、県から差し戻されました（${formatMailDate(p.returnedAt, 'ja')}）。`,
      '',
      'コメント:',
      p.comment,
      '',
      '修正のうえ、再度提出してください。',
      p.link,
    ],
  }),
  en: (p) => ({
    subject: `Completion report returned: ${p.municipalityName}, "${p.projectTitle}"`,
    lines: [
      `Dear ${p.recipientName},`,
      '',
      `The prefecture returned the completion report of "${p.projectTitle}" for ${p.municipalityName} on ${formatMailDate(p.returnedAt, 'en')}.`,
      '',
      'Comment:',
      p.comment,
      '',
      'Please revise it and submit it again.',
      p.link,
    ],
  }),
});

export interface EvaluationRequestMail {
  recipientName: string;
  projectTitle: string;
  companyName: string;
  /** 'evaluation' right after the report; 'follow_up' a year after the evaluation. */
  stage: 'evaluation' | 'follow_up';
  /** The last day to answer. */
  closesAt: Date;
  /** The survey's answer page (/surveys/:id/answer). */
  link: string;
}

/** To the supported municipality's users: the post-support questionnaire, and the follow-up a year later. */
export const evaluationRequestMail = defineMailTemplate<EvaluationRequestMail>({
  ja: (p) => ({
    subject:
      p.stage === 'evaluation'
        ? `支援の評価アンケートのお願い:「${p.projectTitle}」`
        : `支援から1年後のアンケートのお願い:「${p.projectTitle}」`,
    lines: [
      `${p.recipientName} 様`,
      '',
      p.stage === 'evaluation'
        ? `${p.companyName}による支援「${p.projectTitle}」が完了しました。支援の評価アンケートにご回答ください。`
        : `${p.companyName}による支援「${p.projectTitle}」から1年が経ちました。その後の状況についてアンケートにご回答ください。`,
      `回答期限: ${formatMailDate(p.closesAt, 'ja')}`,
      '',
      p.link,
    ],
  }),
  en: (p) => ({
    subject:
      p.stage === 'evaluation'
        ? `Please evaluate the support "${p.projectTitle}"`
        : `One year after the support "${p.projectTitle}": follow-up questionnaire`,
    lines: [
      `Dear ${p.recipientName},`,
      '',
      p.stage === 'evaluation'
        ? `The support "${p.projectTitle}" by ${p.companyName} is complete. Please answer the evaluation questionnaire.`
        : `A year has passed since the support "${p.projectTitle}" by ${p.companyName}. Please tell us how things went since.`,
      `Please answer by ${formatMailDate(p.closesAt, 'en')}.`,
      '',
      p.link,
    ],
  }),
});

const exampleId = '0190a1b2-0000-7000-8000-000000000021';

/** One example of each mail, for the test that follows every link to a page (mail-links.test.ts). */
export const mailExamples: MailExample[] = [
  {
    kind: 'projects.report_reminder',
    recipientName: '会津 太郎',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        reportReminderMail,
        {
          recipientName: '会津 太郎',
          projectTitle: 'RPA試行導入支援',
          municipalityName: '西会津町',
          dueOn: new Date('2024-12-13T15:00:00Z'),
          stage: 'before',
          link: `${publicUrl}/projects/${exampleId}`,
        },
        locale,
      ),
    singleLanguageData: ['会津 太郎', 'RPA試行導入支援', '西会津町'],
  },
  {
    kind: 'projects.report_returned',
    recipientName: '会津 太郎',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        reportReturnedMail,
        {
          recipientName: '会津 太郎',
          projectTitle: 'RPA試行導入支援',
          municipalityName: '西会津町',
          comment: '効果の数値を追記してください。',
          returnedAt: new Date('2025-01-20T06:00:00Z'),
          link: `${publicUrl}/projects/${exampleId}`,
        },
        locale,
      ),
    singleLanguageData: ['会津 太郎', 'RPA試行導入支援', '西会津町', '効果の数値を追記してください。'],
  },
  {
    kind: 'projects.evaluation_request',
    recipientName: '西会津 花子',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        evaluationRequestMail,
        {
          recipientName: '西会津 花子',
          projectTitle: 'RPA試行導入支援',
          companyName: 'デモ情報システム株式会社',
          stage: 'evaluation',
          closesAt: new Date('2025-03-31T14:59:00Z'),
          link: `${publicUrl}/surveys/${exampleId}/answer`,
        },
        locale,
      ),
    singleLanguageData: ['西会津 花子', 'RPA試行導入支援', 'デモ情報システム株式会社'],
  },
];
