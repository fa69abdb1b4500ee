import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv';

describe('toCsv', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    const text = toCsv([
      ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'],
    ]);
    const cells = parseCsv(text.slice(1))[0]!;
    expect(cells).toEqual([
      '\'=HYPERLINK("http://evil.example","x")',
      "'+1+2",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
    ]);
  });

  it('leaves numbers, ordinary text and inner signs alone', () => {
    const text = toCsv([[-5, 3.5, 'a=b', '西会津町', '', null]]);
    expect(parseCsv(text.slice(1))[0]).toEqual(['-5', '3.5', 'a=b', '西会津町', '', '']);
  });
});
