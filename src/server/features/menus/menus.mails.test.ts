import { describe, expect, it } from 'vitest';
import { composeMail } from '../../platform/mail/templates';
import { proposalDecisionMail } from './menus.mails';

const decidedAt = new Date('2024-05-15T06:00:00Z');
const base = {
  recipientName: '会津 太郎',
  title: 'RPA伴走支援',
  fiscalYear: 2024,
  reason: '',
  decidedAt,
  publicUrl: 'https://kakehashi.example.jp',
  proposalId: 'p1',
};

describe('decision mail', () => {
  it('in Japanese: the result, the reason when given, what to do next, the date and the link', () => {
    const mail = composeMail(
      proposalDecisionMail,
      { ...base, decision: 'needs_modification', reason: '単価の根拠を示してください。' },
      'ja',
    );
    expect(mail.subject).toBe(
      '【Kakehashi】【令和6年度（2024） 支援メニュー】「RPA伴走支援」の審査結果: 要修正',
    );
    expect(mail.bodyText).toContain('会津 太郎 様');
    expect(mail.bodyText).toContain('理由: 単価の根拠を示してください。');
    expect(mail.bodyText).toContain('提案を修正のうえ、再度提出してください。');
    expect(mail.bodyText).toContain('決定日: 令和6年（2024年）5月15日（水）');
    expect(mail.bodyText).toContain('https://kakehashi.example.jp/menus/proposals/p1');
  });

  it('in English, with no reason line when none was given and no request to resubmit a selection', () => {
    const mail = composeMail(
      proposalDecisionMail,
      { ...base, recipientName: 'Taro Aizu', decision: 'selected' },
      'en',
    );
    expect(mail.subject).toBe(
      '[Kakehashi] FY2024 (Reiwa 6) support menus: result for "RPA伴走支援": Selected',
    );
    expect(mail.bodyText).toContain('Dear Taro Aizu,');
    expect(mail.bodyText).toContain('Result: Selected');
    expect(mail.bodyText).not.toContain('Reason:');
    expect(mail.bodyText).not.toContain('submit it again');
    // Only the proposal's own title is Japanese.
    expect(mail.bodyText.replaceAll('RPA伴走支援', '')).not.toMatch(/[ぁ-んァ-ン一-龥]/);
  });
});
