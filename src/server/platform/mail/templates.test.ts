import { describe, expect, it } from 'vitest';
import { composeMail, defineMailTemplate, formatMailDateTime, mailLocaleOf } from './templates';

const reminder = defineMailTemplate<{ title: string; at: Date }>({
  ja: (p) => ({
    subject: `${p.title}のご案内`,
    lines: [`${p.title} は ${formatMailDateTime(p.at, 'ja')} からです。`],
  }),
  en: (p) => ({
    subject: `About ${p.title}`,
    lines: [`${p.title} starts ${formatMailDateTime(p.at, 'en')}.`],
  }),
});

describe('mail templates', () => {
  const at = new Date('2024-07-01T04:30:00Z'); // 13:30 JST

  it('gives each recipient the language of their account', () => {
    const ja = composeMail(reminder, { title: 'DXセミナー', at }, 'ja');
    expect(ja.subject).toBe('【Kakehashi】DXセミナーのご案内');
    expect(ja.bodyText).toContain('令和6年（2024年）7月1日（月）13:30 からです');
    expect(ja.bodyText).not.toContain('JST');
    const en = composeMail(reminder, { title: 'DX seminar', at }, 'en');
    expect(en.subject).toBe('[Kakehashi] About DX seminar');
    expect(en.bodyText).toContain('Mon, 1 Jul 2024, 13:30 JST');
    expect(en.bodyText).not.toMatch(/[ぁ-んァ-ン]/);
  });

  it('reads anything but en as Japanese', () => {
    expect(mailLocaleOf('en')).toBe('en');
    expect(mailLocaleOf('fr')).toBe('ja');
    expect(mailLocaleOf(null)).toBe('ja');
  });
});
