import { formatFiscalYear } from '../../../shared/fiscal-year';
import { type ProposalDecision, proposalDecisionLabels } from '../../../shared/schemas/menus';
import {
  addressee,
  composeMail,
  defineMailTemplate,
  formatMailDate,
  type MailExample,
} from '../../platform/mail/templates';

/** The mails of support menus; each recipient gets the language of their account. */

export interface ProposalDecisionMail {
  recipientName: string;
  title: string;
  /** The fiscal year (2024 = 令和6年度). */
  fiscalYear: number;
  decision: ProposalDecision;
  /** Empty when the prefecture gave none (a selection needs no reason). */
  reason: string;
  decidedAt: Date;
  publicUrl: string;
  proposalId: string;
}

/** The proposal's page in the web app (the route `menus/proposals/:id`). */
export function proposalUrl(publicUrl: string, proposalId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/menus/proposals/${proposalId}`;
}

/** To every active member of the proposing company when the prefecture decides on a proposal. */
export const proposalDecisionMail = defineMailTemplate<ProposalDecisionMail>({
  ja: (p) => ({
    subject: `【${formatFiscalYear(p.fiscalYear, 'ja')} 支援メニュー】「${p.title}」の審査結果: ${proposalDecisionLabels[p.decision].ja}`,
    lines: [
      addressee(p.recipientName, 'ja'),
      '',
      `ご提案いただいた支援メニュー「${p.title}」の審査結果をお知らせします。`,
      `結果: ${proposalDecisionLabels[p.decision].ja}`,
      ...(p.reason ? [`理由: ${p.reason}`] : []),
      ...(p.decision === 'needs_modification' ? ['提案を修正のうえ、再度提出してください。'] : []),
      `決定日: ${formatMailDate(p.decidedAt, 'ja')}`,
      '',
      `提案のページ：${proposalUrl(p.publicUrl, p.proposalId)}`,
    ],
  }),
  en: (p) => ({
    subject: `${formatFiscalYear(p.fiscalYear, 'en')} support menus: result for "${p.title}": ${proposalDecisionLabels[p.decision].en}`,
    lines: [
      addressee(p.recipientName, 'en'),
      '',
      `This is the result of the review of your support-menu proposal "${p.title}".`,
      `Result: ${proposalDecisionLabels[p.decision].en}`,
      ...(p.reason ? [`Reason: ${p.reason}`] : []),
      ...(p.decision === 'needs_modification' ? ['Please revise the proposal and submit it again.'] : []),
      `Decided on: ${formatMailDate(p.decidedAt, 'en')}`,
      '',
      `Proposal page: ${proposalUrl(p.publicUrl, p.proposalId)}`,
    ],
  }),
});

export interface ReviewerAssignedMail {
  recipientName: string;
  title: string;
  companyName: string;
  fiscalYear: number;
  assignedAt: Date;
  publicUrl: string;
}

/** The reviewer's list of proposals to score (the route `menus/reviews`). */
export function reviewsUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/menus/reviews`;
}

/** To a reviewer the prefecture assigned a proposal to. */
export const reviewerAssignedMail = defineMailTemplate<ReviewerAssignedMail>({
  ja: (p) => ({
    subject: `【審査のお願い】${p.title}`,
    lines: [
      addressee(p.recipientName, 'ja'),
      '',
      `${formatFiscalYear(p.fiscalYear, 'ja')}の支援メニュー提案「${p.title}」（${p.companyName}）の審査をお願いします。`,
      `割当日：${formatMailDate(p.assignedAt, 'ja')}`,
      '他の審査員の採点は、ご自身の採点を提出した後に表示されます。',
      '',
      `審査する提案の一覧：${reviewsUrl(p.publicUrl)}`,
    ],
  }),
  en: (p) => ({
    subject: `Please review: ${p.title}`,
    lines: [
      addressee(p.recipientName, 'en'),
      '',
      `You have been asked to review the ${formatFiscalYear(p.fiscalYear, 'en')} support-menu proposal "${p.title}" (${p.companyName}).`,
      `Assigned on: ${formatMailDate(p.assignedAt, 'en')}`,
      'Other reviewers’ scores are shown once you have submitted your own.',
      '',
      `Proposals to review: ${reviewsUrl(p.publicUrl)}`,
    ],
  }),
});

export const mailExamples: MailExample[] = [
  {
    kind: 'menus.reviewer_assigned',
    recipientName: '審査 一郎',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        reviewerAssignedMail,
        {
          recipientName: '審査 一郎',
          title: 'RPA伴走支援',
          companyName: '会津ICT株式会社',
          fiscalYear: 2024,
          assignedAt: new Date('2024-05-27T01:00:00Z'),
          publicUrl,
        },
        locale,
      ),
    singleLanguageData: ['審査 一郎', 'RPA伴走支援', '会津ICT株式会社'],
  },
  {
    kind: 'menus.proposal_decision',
    recipientName: '会津 太郎',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        proposalDecisionMail,
        {
          recipientName: '会津 太郎',
          title: 'RPA伴走支援',
          fiscalYear: 2024,
          decision: 'needs_modification',
          reason: '単価の根拠を示してください。',
          decidedAt: new Date('2024-05-15T06:00:00Z'),
          publicUrl,
          proposalId: '0190a1b2-0000-7000-8000-000000000003',
        },
        locale,
      ),
    singleLanguageData: ['会津 太郎', 'RPA伴走支援', '単価の根拠を示してください。'],
  },
];
