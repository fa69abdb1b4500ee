import { formatFiscalYear } from '../../../shared/fiscal-year';
import {
  composeMail,
  defineMailTemplate,
  formatMailDate,
  type MailExample,
} from '../../platform/mail/templates';

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
  /** When the prefecture published the decision. */
  decidedAt: Date;
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
      `${p.municipalityName}からの申請について、支援先決定の結果をお知らせします（${formatMailDate(p.decidedAt, 'ja')}決定）。`,
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
      `This is the result of the allocation of support for the application of ${p.municipalityName}, decided on ${formatMailDate(p.decidedAt, 'en')}.`,
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
  /** When the prefecture published the decision. */
  decidedAt: Date;
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
      `貴社の支援メニューについて、次の支援先が決まりました（${formatMailDate(p.decidedAt, 'ja')}決定）。`,
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
      `The following municipalities will receive support through your menus (decided on ${formatMailDate(p.decidedAt, 'en')}):`,
      ...p.projects.map((x) => `- "${x.menuTitle}": ${x.municipalityName}`),
      '',
      'Support projects:',
      p.link,
    ],
  }),
});

/** One example of each mail, for the test that follows every link to a page (mail-links.test.ts). */
export const mailExamples: MailExample[] = [
  {
    kind: 'applications.allocation_result',
    recipientName: '西会津 花子',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        allocationResultMail,
        {
          recipientName: '西会津 花子',
          municipalityName: '西会津町',
          programName: 'ICTアドバイザー市町村派遣事業',
          programNameEn: 'ICT Advisor Dispatch to Municipalities',
          fiscalYear: 2024,
          selectedMenus: [],
          reasons: {
            ja: ['予算の上限に達しました（この申請の選定にはあと1,200千円が必要）。'],
            en: ['The budget was used up (selecting this would need 1,200 thousand yen more).'],
          },
          decidedAt: new Date('2024-07-01T03:00:00Z'),
          link: `${publicUrl}/applications/0190a1b2-0000-7000-8000-000000000011`,
        },
        locale,
      ),
    singleLanguageData: ['西会津 花子', '西会津町'],
  },
  {
    kind: 'applications.company_projects',
    recipientName: '会津 太郎',
    languages: 'per-recipient',
    render: (publicUrl, locale) =>
      composeMail(
        companyProjectsMail,
        {
          recipientName: '会津 太郎',
          programName: 'ICTアドバイザー市町村派遣事業',
          programNameEn: 'ICT Advisor Dispatch to Municipalities',
          fiscalYear: 2024,
          projects: [{ menuTitle: 'RPA試行導入支援', municipalityName: '西会津町' }],
          decidedAt: new Date('2024-07-01T03:00:00Z'),
          link: `${publicUrl}/support-projects`,
        },
        locale,
      ),
    singleLanguageData: ['会津 太郎', 'RPA試行導入支援', '西会津町'],
  },
];
