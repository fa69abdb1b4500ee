import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToYmd,
  fiscalYearOf,
  fiscalYearRange,
  formatFiscalYear,
  formatFiscalYearShort,
  formatJstDate,
  getJstParts,
  jstDate,
  parseYmd,
  toJapaneseEra,
  toJstDateString,
  toJstDateTimeString,
} from './fiscal-year';

const anyInstant = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2200-12-31T23:59:59Z'),
  noInvalidDate: true,
});

describe('jstDate', () => {
  it('reads the arguments as Tokyo wall-clock time', () => {
    expect(jstDate(2024, 4, 1).toISOString()).toBe('2024-03-31T15:00:00.000Z');
    expect(jstDate(2024, 4, 1, 17, 30).toISOString()).toBe('2024-04-01T08:30:00.000Z');
    expect(jstDate(2025, 1, 1, 8, 59).toISOString()).toBe('2024-12-31T23:59:00.000Z');
  });

  it('refuses impossible dates and times instead of rolling them over', () => {
    expect(() => jstDate(2024, 2, 30)).toThrow(RangeError);
    expect(() => jstDate(2023, 2, 29)).toThrow(RangeError);
    expect(() => jstDate(2024, 13, 1)).toThrow(RangeError);
    expect(() => jstDate(2024, 1, 1, 24)).toThrow(RangeError);
    expect(() => jstDate(2024, 1, 1, 0, 60)).toThrow(RangeError);
    expect(jstDate(2024, 2, 29).toISOString()).toBe('2024-02-28T15:00:00.000Z');
  });

  it('round-trips through getJstParts', () => {
    fc.assert(
      fc.property(anyInstant, (instant) => {
        const p = getJstParts(instant);
        const rebuilt = jstDate(p.year, p.month, p.day, p.hour, p.minute);
        expect(instant.getTime() - rebuilt.getTime()).toBeGreaterThanOrEqual(0);
        expect(instant.getTime() - rebuilt.getTime()).toBeLessThan(60_000);
      }),
    );
  });
});

describe('fiscalYearOf / fiscalYearRange', () => {
  it('switches at midnight JST on April 1', () => {
    expect(fiscalYearOf(new Date('2025-03-31T14:59:59.999Z'))).toBe(2024);
    expect(fiscalYearOf(new Date('2025-03-31T15:00:00Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2025-01-15T00:00:00Z'))).toBe(2024);
    expect(fiscalYearOf(new Date('2024-12-31T15:00:00Z'))).toBe(2024);
  });

  it('gives an exclusive end that is the next year’s start', () => {
    const { start, end } = fiscalYearRange(2024);
    expect(start.toISOString()).toBe('2024-03-31T15:00:00.000Z');
    expect(end.toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(end).toEqual(fiscalYearRange(2025).start);
  });

  it('places every instant inside the range of its own fiscal year', () => {
    fc.assert(
      fc.property(anyInstant, (instant) => {
        const { start, end } = fiscalYearRange(fiscalYearOf(instant));
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime()).toBeLessThan(end.getTime());
      }),
    );
  });

  it('rejects invalid input', () => {
    expect(() => fiscalYearOf(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => fiscalYearRange(2024.5)).toThrow(RangeError);
  });
});

describe('toJapaneseEra', () => {
  it.each([
    [2024, 1, 1, '令和', 6, '令和6年'],
    [2019, 5, 1, '令和', 1, '令和元年'],
    [2019, 4, 30, '平成', 31, '平成31年'],
    [1989, 1, 8, '平成', 1, '平成元年'],
    [1989, 1, 7, '昭和', 64, '昭和64年'],
    [1926, 12, 25, '昭和', 1, '昭和元年'],
    [1926, 12, 24, '大正', 15, '大正15年'],
    [1912, 7, 30, '大正', 1, '大正元年'],
    [1912, 7, 29, '明治', 45, '明治45年'],
    [1868, 10, 23, '明治', 1, '明治元年'],
  ])('%i-%i-%i → %s%i', (year, month, day, era, eraYear, label) => {
    expect(toJapaneseEra(year, month, day)).toEqual({ era, eraYear, label });
  });

  it('defaults to January 1, which is still the old era in a changeover year', () => {
    expect(toJapaneseEra(2019).label).toBe('平成31年');
    expect(toJapaneseEra(2020).label).toBe('令和2年');
  });

  it('refuses dates before Meiji and impossible dates', () => {
    expect(() => toJapaneseEra(1868, 10, 22)).toThrow(RangeError);
    expect(() => toJapaneseEra(1800)).toThrow(RangeError);
    expect(() => toJapaneseEra(2024, 2, 30)).toThrow(RangeError);
  });
});

describe('formatFiscalYear', () => {
  it.each([
    [2024, '令和6年度（2024）', 'FY2024 (Reiwa 6)'],
    [2020, '令和2年度（2020）', 'FY2020 (Reiwa 2)'],
    [2019, '令和元年度（2019）', 'FY2019 (Reiwa 1)'],
    [2018, '平成30年度（2018）', 'FY2018 (Heisei 30)'],
    [1989, '平成元年度（1989）', 'FY1989 (Heisei 1)'],
    [1988, '昭和63年度（1988）', 'FY1988 (Showa 63)'],
  ])('FY%i', (fy, ja, en) => {
    expect(formatFiscalYear(fy, 'ja')).toBe(ja);
    expect(formatFiscalYear(fy, 'en')).toBe(en);
  });
});

describe('formatFiscalYearShort', () => {
  it.each([
    [2022, '令和4年度', 'FY2022'],
    [2019, '令和元年度', 'FY2019'],
    [2018, '平成30年度', 'FY2018'],
  ])('FY%i', (fy, ja, en) => {
    expect(formatFiscalYearShort(fy, 'ja')).toBe(ja);
    expect(formatFiscalYearShort(fy, 'en')).toBe(en);
  });
});

describe('JST formatting', () => {
  it('formats in JST whatever the instant’s UTC date', () => {
    const instant = new Date('2024-03-31T15:00:00Z');
    expect(toJstDateString(instant)).toBe('2024-04-01');
    expect(toJstDateTimeString(instant)).toBe('2024-04-01 00:00');
    expect(toJstDateTimeString(new Date('2024-04-01T08:05:59Z'))).toBe('2024-04-01 17:05');
    expect(formatJstDate(instant, 'ja')).toBe('2024年4月1日（月）');
    expect(formatJstDate(instant, 'en')).toBe('Mon, 1 Apr 2024');
    expect(formatJstDate(jstDate(2025, 12, 28), 'ja')).toBe('2025年12月28日（日）');
    expect(formatJstDate(jstDate(2025, 12, 28), 'en')).toBe('Sun, 28 Dec 2025');
  });

  it('agrees with Intl for Asia/Tokyo since Japan last observed daylight saving (1951)', () => {
    const sinceDst = fc.date({
      min: new Date('1952-01-01T00:00:00Z'),
      max: new Date('2200-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(sinceDst, (instant) => {
        const p = Object.fromEntries(intl.formatToParts(instant).map((part) => [part.type, part.value]));
        expect(toJstDateTimeString(instant)).toBe(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`);
      }),
    );
  });

  it('rejects an invalid Date', () => {
    expect(() => toJstDateString(new Date('nope'))).toThrow(RangeError);
  });
});

describe('parseYmd / addDaysToYmd', () => {
  it('parses only real dates', () => {
    expect(parseYmd('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2024-4-1', '2024-04-01T00:00', '', '２０２４-04-01']) {
      expect(() => parseYmd(bad)).toThrow(RangeError);
    }
  });

  it('crosses month and year boundaries', () => {
    expect(addDaysToYmd('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToYmd('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDaysToYmd('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDaysToYmd('2024-04-01', 0)).toBe('2024-04-01');
  });

  it('is reversible', () => {
    const ymd = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2200-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(ymd, fc.integer({ min: -5000, max: 5000 }), (start, n) => {
        expect(addDaysToYmd(addDaysToYmd(start, n), -n)).toBe(start);
      }),
    );
  });
});
