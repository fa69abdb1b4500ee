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

export const mailExamples: MailExample[] = [
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
