import { describe, expect, it } from 'vitest';
import { columnOfPath, type ImportReport, importErrorRows, isCleanReport } from './import-report';

const checkDigit = {
  path: ['code'],
  code: 'custom',
  ja: '団体コードの検査数字が正しくありません。',
  en: 'The check digit of the municipality code is wrong.',
};
const kana = { path: ['nameKana'], code: 'custom', ja: '読みはひらがな…', en: 'Enter the reading in kana.' };

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    isImported: false,
    isDryRun: true,
    summary: { created: 0, updated: 0, unchanged: 0 },
    errors: [],
    missingHeaders: [],
    ...overrides,
  };
}

describe('importErrorRows', () => {
  it('gives one row per problem, in line order, with the column it belongs to', () => {
    const rows = importErrorRows(
      report({
        errors: [
          { line: 5, code: '072044', fields: [kana] },
          { line: 2, code: '072011', fields: [checkDigit, kana] },
        ],
      }),
    );
    expect(rows.map((r) => [r.line, r.code, r.column, r.message.ja])).toEqual([
      [2, '072011', 'code', checkDigit.ja],
      [2, '072011', 'nameKana', kana.ja],
      [5, '072044', 'nameKana', kana.ja],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('keeps a problem of the whole file (no code, path file)', () => {
    const rows = importErrorRows(
      report({
        errors: [
          {
            line: 1,
            code: null,
            fields: [{ path: ['file'], code: 'empty', ja: 'データ行がありません。', en: 'x' }],
          },
        ],
      }),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        line: 1,
        code: null,
        column: 'file',
        message: { ja: 'データ行がありません。', en: 'x' },
      }),
    ]);
  });
});

describe('columnOfPath', () => {
  it('knows the list fields and the file, and nothing else', () => {
    expect(columnOfPath(['isEvacuationArea'])).toBe('isEvacuationArea');
    expect(columnOfPath(['file'])).toBe('file');
    expect(columnOfPath(['population'])).toBeNull();
    expect(columnOfPath([])).toBeNull();
  });
});

describe('isCleanReport', () => {
  it('is false when a row is wrong or a column is missing', () => {
    expect(isCleanReport(report())).toBe(true);
    expect(isCleanReport(report({ missingHeaders: ['nameKana'] }))).toBe(false);
    expect(isCleanReport(report({ errors: [{ line: 2, code: null, fields: [kana] }] }))).toBe(false);
  });
});
