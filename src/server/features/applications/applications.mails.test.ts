import { describe, expect, it } from 'vitest';
import { composeMail } from '../../platform/mail/templates';
import { allocationResultMail, companyProjectsMail } from './applications.mails';

const program = {
  programName: 'ICTアドバイザー市町村派遣事業',
  programNameEn: 'ICT Advisor Dispatch',
  fiscalYear: 2024,
  decidedAt: new Date('2024-07-01T03:00:00Z'),
};

describe('allocation result mail', () => {
  const notSelected = {
    ...program,
    recipientName: '西会津 花子',
    municipalityName: '西会津町',
    selectedMenus: [],
    reasons: {
      ja: ['予算の残りが足りません（不足額 1,200千円）。'],
      en: ['The remaining budget is short by ¥1,200 thousand.'],
    },
    link: 'https://kakehashi.example.jp/applications/a1',
  };

  it('in Japanese: the outcome, the reasons and the application page', () => {
    const mail = composeMail(allocationResultMail, notSelected, 'ja');
    expect(mail.subject).toBe(
      '【Kakehashi】【令和6年度（2024） ICTアドバイザー市町村派遣事業】支援先決定の結果: 不採択',
    );
    expect(mail.bodyText).toContain('西会津 花子 様');
    expect(mail.bodyText).toContain('結果: 不採択');
    expect(mail.bodyText).toContain('・予算の残りが足りません（不足額 1,200千円）。');
    expect(mail.bodyText).toContain('https://kakehashi.example.jp/applications/a1');
  });

  it('in English for a recipient who reads English, with the menus given', () => {
    const mail = composeMail(
      allocationResultMail,
      { ...notSelected, selectedMenus: ['RPA試行導入支援'], reasons: { ja: [], en: [] } },
      'en',
    );
    expect(mail.subject).toContain('ICT Advisor Dispatch: allocation result: selected');
    expect(mail.bodyText).toContain('Result: selected ("RPA試行導入支援")');
    expect(mail.bodyText).not.toContain('Why:');
    expect(mail.bodyText).not.toMatch(/[採択理由]/);
  });
});

describe('company projects mail', () => {
  it('lists each project of the company’s menus and links to the support projects', () => {
    const params = {
      ...program,
      recipientName: '会津 太郎',
      projects: [
        { menuTitle: 'RPA試行導入支援', municipalityName: '郡山市' },
        { menuTitle: 'RPA試行導入支援', municipalityName: '西会津町' },
      ],
      link: 'https://kakehashi.example.jp/support-projects',
    };
    const ja = composeMail(companyProjectsMail, params, 'ja');
    expect(ja.subject).toContain('支援先が決まりました（2件）');
    expect(ja.bodyText).toContain('・「RPA試行導入支援」: 郡山市');
    expect(ja.bodyText).toContain('https://kakehashi.example.jp/support-projects');
    const en = composeMail(companyProjectsMail, params, 'en');
    expect(en.subject).toContain('support projects decided (2)');
    expect(en.bodyText).toContain('- "RPA試行導入支援": 西会津町');
  });
});
