import { formatFiscalYear } from '../../../shared/fiscal-year';
import { defineMailTemplate } from '../../platform/mail/templates';

/** The mails of calls and allocation; each recipient gets the language of their account. */

export interface AllocationResultMail {
  recipientName: string;
  municipalityName: string;
  programName: string;
  programNameEn: string;
  fiscalYear: number;
  /** The menus given (empty: not selected). */
  selectedMenus: string[];
  /** The reasons in the recipient's language. */
  reasons: { ja: string[]; en: string[] };
  /** The application page (/applications/:id). */
  link: string;
}

/** To every active user of a municipality that applied, when the prefecture publishes the result. */
export const allocationResultMail = defineMailTemplate<AllocationResultMail>({
  ja: (p) => ({
    subject: `【${formatFiscalYear(p.fiscalYear, 'ja')} ${p.programName}】支援先決定の結果: ${p.selectedMenus.length > 0 ? '採択' : '不採択'}`,
    lines: [
      `${p.recipientName} 様`,
      '',
      `${p.municipalityName}からの申請について、支援先決定の結果をお知らせします。`,
      p.selectedMenus.length > 0
        ? `結果: 採択（${p.selectedMenus.map((m) => `「${m}」`).join('、')}）`
        : '結果: 不採択',
      ...(p.reasons.ja.length > 0 ? ['', '理由:', ...p.reasons.ja.map((r) => `・${r}`)] : []),
      '',
      '詳しくは申請のページをご覧ください。',
      p.link,
    ],
  }),
  en: (p) => ({
    subject: `${formatFiscalYear(p.fiscalYear, 'en')} ${p.programNameEn}: allocation result: ${p.selectedMenus.length > 0 ? 'selected' : 'not selected'}`,
    lines: [
      `Dear ${p.recipientName},`,
      '',
      `This is the result of the allocation of support for the application of ${p.municipalityName}.`,
      p.selectedMenus.length > 0
        ? `Result: selected (${p.selectedMenus.map((m) => `"${m}"`).join(', ')})`
        : 'Result: not selected',
      ...(p.reasons.en.length > 0 ? ['', 'Why:', ...p.reasons.en.map((r) => `- ${r}`)] : []),
      '',
      'See the application page for details.',
      p.link,
    ],
  }),
});

export interface CompanyProjectsMail {
  recipientName: string;
  programName: string;
  programNameEn: string;
  fiscalYear: number;
  /** One line per project: menu title and municipality. */
  projects: { menuTitle: string; municipalityName: string }[];
  /** The support-projects page (/support-projects). */
  link: string;
}

/** To every active member of a company whose menus were selected, when the result is published. */
export const companyProjectsMail = defineMailTemplate<CompanyProjectsMail>({
  ja: (p) => ({
    subject: `【${formatFiscalYear(p.fiscalYear, 'ja')} ${p.programName}】支援先が決まりました（${p.projects.length}件）`,
    lines: [
      `${p.recipientName} 様`,
      '',
      '貴社の支援メニューについて、次の支援先が決まりました。',
      ...p.projects.map((x) => `・「${x.menuTitle}」: ${x.municipalityName}`),
      '',
      '支援プロジェクトの一覧:',
      p.link,
    ],
  }),
  en: (p) => ({
    subject: `${formatFiscalYear(p.fiscalYear, 'en')} ${p.programNameEn}: support projects decided (${p.projects.length})`,
    lines: [
      `Dear ${p.recipientName},`,
      '',
      'The following municipalities will receive support through your menus:',
      ...p.projects.map((x) => `- "${x.menuTitle}": ${x.municipalityName}`),
      '',
      'Support projects:',
      p.link,
    ],
  }),
});
