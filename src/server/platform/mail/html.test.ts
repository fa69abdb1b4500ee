import { describe, expect, it } from 'vitest';
import { htmlFromText } from './html';

describe('htmlFromText', () => {
  it('keeps the words, makes URLs links and blank lines paragraphs', () => {
    const html = htmlFromText(
      '西会津町 様\n\n回答はこちら：https://kakehashi.example.jp/surveys/1/answer\n締切：2024年6月21日（金）15:00',
    );
    expect(html).toContain('<p>西会津町 様</p>');
    expect(html).toContain(
      '回答はこちら：<a href="https://kakehashi.example.jp/surveys/1/answer">https://kakehashi.example.jp/surveys/1/answer</a><br>\n締切：2024年6月21日（金）15:00',
    );
  });

  it('escapes what a user typed, so a title cannot inject markup', () => {
    const html = htmlFromText('件名: <script>alert("x")</script> & "quotes"');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<script>');
  });

  it('ends a link at Japanese punctuation and keeps a query string intact', () => {
    const html = htmlFromText('「https://kakehashi.example.jp/a?x=1&y=2」をご覧ください。');
    expect(html).toContain('<a href="https://kakehashi.example.jp/a?x=1&amp;y=2">');
    expect(html).toContain('</a>」をご覧ください。');
  });
});
