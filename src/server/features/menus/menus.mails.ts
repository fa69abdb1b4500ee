import { formatFiscalYear } from '../../../shared/fiscal-year';
import { type ProposalDecision, proposalDecisionLabels } from '../../../shared/schemas/menus';
import { defineMailTemplate, formatMailDate } from '../../platform/mail/templates';

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
  link: string;
}

/** To every active member of the proposing company when the prefecture decides on a proposal. */
export const proposalDecisionMail = defineMailTemplate<ProposalDecisionMail>({
  ja: (p) => ({
    subject: `【${formatFiscalYear(p.fiscalYear, 'ja')} 支援メニュー】「${p.title}」の審査結果: ${proposalDecisionLabels[p.decision].ja}`,
    lines: [
      `${p.recipientName} 様`,
      '',
      `ご提案いただいた支援メニュー「${p.title}」の審査結果をお知らせします。`,
      `結果: ${proposalDecisionLabels[p.decision].ja}`,
      ...(p.reason ? [`理由: ${p.reason}`] : []),
      ...(p.decision === 'needs_modification' ? ['提案を修正のうえ、再度提出してください。'] : []),
      `決定日: ${formatMailDate(p.decidedAt, 'ja')}`,
      '',
      p.link,
    ],
  }),
  en: (p) => ({
    subject: `${formatFiscalYear(p.fiscalYear, 'en')} support menus: result for "${p.title}": ${proposalDecisionLabels[p.decision].en}`,
    lines: [
      `Dear ${p.recipientName},`,
      '',
      `This is the result of the review of your support-menu proposal "${p.title}".`,
      `Result: ${proposalDecisionLabels[p.decision].en}`,
      ...(p.reason ? [`Reason: ${p.reason}`] : []),
      ...(p.decision === 'needs_modification' ? ['Please revise the proposal and submit it again.'] : []),
      `Decided on: ${formatMailDate(p.decidedAt, 'en')}`,
      '',
      p.link,
    ],
  }),
});
