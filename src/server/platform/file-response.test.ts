import { describe, expect, it } from 'vitest';
import { contentDisposition, fileResponse, mediaTypes } from './file-response';

describe('contentDisposition', () => {
  it('keeps a Japanese name in filename* and gives an ASCII fallback', () => {
    const value = contentDisposition('令和6年度_回答.xlsx');
    expect(value).toBe(
      `attachment; filename="6.xlsx"; filename*=UTF-8''${encodeURIComponent('令和6年度_回答.xlsx')}`,
    );
  });

  it('cannot be broken out of by quotes or line breaks in the name', () => {
    const value = contentDisposition('a"; evil=1\r\nx.csv');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value.split('"').length).toBe(3);
    expect(value).toContain('filename="a_evil_1_x.csv"');
  });

  it('falls back to "download" when nothing ASCII is left', () => {
    expect(contentDisposition('回答.csv', 'inline')).toMatch(/^inline; filename="download\.csv";/);
  });
});

describe('fileResponse', () => {
  it('is never cached and never sniffed', async () => {
    const res = fileResponse('a,b\n', { fileName: 'x.csv', contentType: mediaTypes.csv });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe(mediaTypes.csv);
    expect(await res.text()).toBe('a,b\n');
  });
});
