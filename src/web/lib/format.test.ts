import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatFiscalYear,
  formatThousandYen,
  formatYmd,
  formatYmdRange,
} from './format';

describe('format', () => {
  it('writes budgets in 千円 with thousands separators', () => {
    expect(formatThousandYen(69545, 'ja')).toBe('69,545千円');
    expect(formatThousandYen(1320, 'en')).toBe('¥1,320 thousand');
    expect(formatThousandYen(0, 'ja')).toBe('0千円');
  });

  it('names fiscal years by era and Western year', () => {
    expect(formatFiscalYear(2024, 'ja')).toBe('令和6年度（2024）');
    expect(formatFiscalYear(2024, 'en')).toBe('FY2024 (Reiwa 6)');
  });

  it('shows instants on the JST calendar, not the browser time zone', () => {
    // 15:30 UTC on 31 March is already 1 April in Japan (a new fiscal year).
    expect(formatDate('2025-03-31T15:30:00.000Z', 'ja')).toBe('2025年4月1日（火）');
    expect(formatDateTime('2024-04-26T08:00:00.000Z', 'ja')).toBe('2024年4月26日（金）17:00');
    expect(formatDateTime('2024-04-26T08:00:00.000Z', 'en')).toBe('Fri, 26 Apr 2024, 17:00 JST');
  });

  it('formats date-only values and ranges', () => {
    expect(formatYmd('2024-07-01', 'ja')).toBe('2024年7月1日（月）');
    expect(formatYmdRange('2024-04-08', '2024-04-26', 'ja')).toBe('2024年4月8日（月）〜4月26日（金）');
    expect(formatYmdRange('2024-07-01', '2025-02-28', 'ja')).toBe('2024年7月1日（月）〜2025年2月28日（金）');
    expect(formatYmdRange('2024-04-08', '2024-04-26', 'en')).toBe('Mon, 8 Apr 2024 – Fri, 26 Apr 2024');
  });
});
