import {
  addressee,
  composeMail,
  defineMailTemplate,
  formatMailDate,
  type MailExample,
} from '../../platform/mail/templates';

/** The mails of the case-study workflow; each recipient gets the language of their account. */

export interface CaseApprovalRequestedMail {
  recipientName: string;
  caseTitle: string;
  municipalityName: string;
  /** Whose approval is asked: the municipality's, then the prefecture's. */
  step: 'municipality' | 'prefecture';
  requestedAt: Date;
  /** The case's page (/cases/manage/:id). */
  link: string;
}

export const caseApprovalRequestedMail = defineMailTemplate<CaseApprovalRequestedMail>({
  ja: (p) => ({
    subject: `事例の承認依頼: ${p.caseTitle}`,
    lines: [
      addressee(p.recipientName, 'ja'),
      '',
      p.step === 'municipality'
        ? `${p.municipalityName}の取組を紹介する事例「${p.caseTitle}」の公開について、貴団体の承認をお願いします（${formatMailDate(p.requestedAt, 'ja')}依頼）。`
        : `${p.municipalityName}が承認した事例「${p.caseTitle}」について、公開の承認をお願いします（${formatMailDate(p.requestedAt, 'ja')}依頼）。`,
      '内容を確認し、承認するか、修正を依頼してください。',
      '',
      p.link,
    ],
  }),
  en: (p) => ({
    subject: `Case study awaiting approval: ${p.caseTitle}`,
    lines: [
      addressee(p.recipientName, 'en'),
      '',
      p.step === 'municipality'
        ? `Please approve the publication of the case study "${p.caseTitle}" about ${p.municipalityName} (requested on ${formatMailDate(p.requestedAt, 'en')}).`
        : `${p.municipalityName} approved the case study "${p.caseTitle}"; please approve its publication (requested on ${formatMailDate(p.requestedAt, 'en')}).`,
      'Review it, then approve it or ask for changes.',
      '',
      p.link,
    ],
  }),
});

export interface CaseApprovedMail {
  recipientName: string;
  caseTitle: string;
  municipalityName: string;
  /** The step that approved: the municipality's approval, or the prefecture's (published). */
  step: 'municipality' | 'prefecture';
  approvedAt: Date;
  /** The case's page: the public one once published (/cases/:id), else /cases/manage/:id. */
  link: string;
}

export const caseApprovedMail = defineMailTemplate<CaseApprovedMail>({
  ja: (p) => ({
    subject:
      p.step === 'prefecture'
        ? `事例を公開しました: ${p.caseTitle}`
        : `事例が市町村に承認されました: ${p.caseTitle}`,
    lines: [
      addressee(p.recipientName, 'ja'),
      '',
      p.step === 'prefecture'
        ? `${p.municipalityName}の事例「${p.caseTitle}」は県の承認を受け、事例集に公開されました（${formatMailDate(p.approvedAt, 'ja')}）。`
        : `事例「${p.caseTitle}」は${p.municipalityName}に承認され、県の承認待ちになりました（${formatMailDate(p.approvedAt, 'ja')}）。`,
      '',
      p.link,
    ],
  }),
  en: (p) => ({
    subject:
      p.step === 'prefecture'
        ? `Case study published: ${p.caseTitle}`
        : `Case study approved by the municipality: ${p.caseTitle}`,
    lines: [
      addressee(p.recipientName, 'en'),
      '',
      p.step === 'prefecture'
        ? `The case study "${p.caseTitle}" about ${p.municipalityName} was approved by the prefecture and published in the case library (${formatMailDate(p.approvedAt, 'en')}).`
        : `${p.municipalityName} approved the case study "${p.caseTitle}"; it now awaits the prefecture's approval (${formatMailDate(p.approvedAt, 'en')}).`,
      '',
      p.link,
    ],
  }),
});

export interface CaseReturnedMail {
  recipientName: string;
  caseTitle: string;
  /** Who asked for changes: the municipality (its name) or the prefecture. */
  returnedBy: string;
  returnedByEn: string;
  comment: string;
  returnedAt: Date;
  link: string;
}

export const caseReturnedMail = defineMailTemplate<CaseReturnedMail>({
  ja: (p) => ({
    subject: `事例の修正依頼: ${p.caseTitle}`,
    lines: [
      addressee(p.recipientName, 'ja'),
      '',
      `事例「${p.caseTitle}」について、${p.returnedBy}から修正の依頼がありました（${formatMailDate(p.returnedAt, 'ja')}）。`,
      '',
      'コメント:',
      p.comment,
      '',
      '修正のうえ、もう一度承認を依頼してください。',
      p.link,
    ],
  }),
  en: (p) => ({
    subject: `Changes requested: ${p.caseTitle}`,
    lines: [
      addressee(p.recipientName, 'en'),
      '',
      `${p.returnedByEn} asked for changes to the case study "${p.caseTitle}" (${formatMailDate(p.returnedAt, 'en')}).`,
      '',
      'Comment:',
      p.comment,
      '',
      'Please revise it and ask for approval again.',
      p.link,
    ],
  }),
});

const exampleId = '0190a1b2-0000-7000-8000-000000000021';
const at = new Date('2024-12-02T03:00:00Z');

/** One example of each mail, for the test that follows every link to a page (mail-links.test.ts). */
export const mailExamples: MailExample[] = [
  {
    kind: 'cases.approval_requested',
    recipientName: '西会津 花子',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        caseApprovalRequestedMail,
        {
          recipientName: '西会津 花子',
          caseTitle: 'RPAで税務の入力作業を削減',
          municipalityName: '西会津町',
          step: 'municipality',
          requestedAt: at,
          link: `${publicUrl}/cases/manage/${exampleId}`,
        },
        locale,
      ),
    singleLanguageData: ['西会津 花子', 'RPAで税務の入力作業を削減', '西会津町'],
  },
  {
    kind: 'cases.approved',
    recipientName: '会津 太郎',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        caseApprovedMail,
        {
          recipientName: '会津 太郎',
          caseTitle: 'RPAで税務の入力作業を削減',
          municipalityName: '西会津町',
          step: 'prefecture',
          approvedAt: at,
          link: `${publicUrl}/cases/${exampleId}`,
        },
        locale,
      ),
    singleLanguageData: ['会津 太郎', 'RPAで税務の入力作業を削減', '西会津町'],
  },
  {
    kind: 'cases.returned',
    recipientName: '会津 太郎',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        caseReturnedMail,
        {
          recipientName: '会津 太郎',
          caseTitle: 'RPAで税務の入力作業を削減',
          returnedBy: '西会津町',
          returnedByEn: 'Nishiaizu',
          comment: '削減時間の数字を確認してください。',
          returnedAt: at,
          link: `${publicUrl}/cases/manage/${exampleId}`,
        },
        locale,
      ),
    singleLanguageData: [
      '会津 太郎',
      'RPAで税務の入力作業を削減',
      '西会津町',
      '削減時間の数字を確認してください。',
    ],
  },
];
