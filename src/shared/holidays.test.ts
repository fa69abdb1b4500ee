import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holidayName, isBusinessDay, isBusinessDayJst, isHoliday, listHolidays } from './holidays';

const datesOf = (year: number) => listHolidays(year).map((h) => h.date);

describe('listHolidays', () => {
  it('matches the Cabinet Office list for 2024', () => {
    expect(listHolidays(2024)).toEqual([
      { date: '2024-01-01', name: '元日' },
      { date: '2024-01-08', name: '成人の日' },
      { date: '2024-02-11', name: '建国記念の日' },
      { date: '2024-02-12', name: '振替休日' },
      { date: '2024-02-23', name: '天皇誕生日' },
      { date: '2024-03-20', name: '春分の日' },
      { date: '2024-04-29', name: '昭和の日' },
      { date: '2024-05-03', name: '憲法記念日' },
      { date: '2024-05-04', name: 'みどりの日' },
      { date: '2024-05-05', name: 'こどもの日' },
      { date: '2024-05-06', name: '振替休日' },
      { date: '2024-07-15', name: '海の日' },
      { date: '2024-08-11', name: '山の日' },
      { date: '2024-08-12', name: '振替休日' },
      { date: '2024-09-16', name: '敬老の日' },
      { date: '2024-09-22', name: '秋分の日' },
      { date: '2024-09-23', name: '振替休日' },
      { date: '2024-10-14', name: 'スポーツの日' },
      { date: '2024-11-03', name: '文化の日' },
      { date: '2024-11-04', name: '振替休日' },
      { date: '2024-11-23', name: '勤労感謝の日' },
    ]);
  });

  it('matches the Cabinet Office list for 2025', () => {
    expect(listHolidays(2025)).toEqual([
      { date: '2025-01-01', name: '元日' },
      { date: '2025-01-13', name: '成人の日' },
      { date: '2025-02-11', name: '建国記念の日' },
      { date: '2025-02-23', name: '天皇誕生日' },
      { date: '2025-02-24', name: '振替休日' },
      { date: '2025-03-20', name: '春分の日' },
      { date: '2025-04-29', name: '昭和の日' },
      { date: '2025-05-03', name: '憲法記念日' },
      { date: '2025-05-04', name: 'みどりの日' },
      { date: '2025-05-05', name: 'こどもの日' },
      { date: '2025-05-06', name: '振替休日' },
      { date: '2025-07-21', name: '海の日' },
      { date: '2025-08-11', name: '山の日' },
      { date: '2025-09-15', name: '敬老の日' },
      { date: '2025-09-23', name: '秋分の日' },
      { date: '2025-10-13', name: 'スポーツの日' },
      { date: '2025-11-03', name: '文化の日' },
      { date: '2025-11-23', name: '勤労感謝の日' },
      { date: '2025-11-24', name: '振替休日' },
    ]);
  });

  it('matches the Cabinet Office list for 2026, including the 9/22 国民の休日', () => {
    expect(listHolidays(2026)).toEqual([
      { date: '2026-01-01', name: '元日' },
      { date: '2026-01-12', name: '成人の日' },
      { date: '2026-02-11', name: '建国記念の日' },
      { date: '2026-02-23', name: '天皇誕生日' },
      { date: '2026-03-20', name: '春分の日' },
      { date: '2026-04-29', name: '昭和の日' },
      { date: '2026-05-03', name: '憲法記念日' },
      { date: '2026-05-04', name: 'みどりの日' },
      { date: '2026-05-05', name: 'こどもの日' },
      { date: '2026-05-06', name: '振替休日' },
      { date: '2026-07-20', name: '海の日' },
      { date: '2026-08-11', name: '山の日' },
      { date: '2026-09-21', name: '敬老の日' },
      { date: '2026-09-22', name: '国民の休日' },
      { date: '2026-09-23', name: '秋分の日' },
      { date: '2026-10-12', name: 'スポーツの日' },
      { date: '2026-11-03', name: '文化の日' },
      { date: '2026-11-23', name: '勤労感謝の日' },
    ]);
  });

  it('handles the 2019 abdication and enthronement', () => {
    const holidays = listHolidays(2019);
    expect(holidays.slice(4, 11)).toEqual([
      { date: '2019-04-29', name: '昭和の日' },
      { date: '2019-04-30', name: '国民の休日' },
      { date: '2019-05-01', name: '天皇の即位の日' },
      { date: '2019-05-02', name: '国民の休日' },
      { date: '2019-05-03', name: '憲法記念日' },
      { date: '2019-05-04', name: 'みどりの日' },
      { date: '2019-05-05', name: 'こどもの日' },
    ]);
    expect(holidayName(2019, 5, 6)).toBe('振替休日');
    expect(holidayName(2019, 10, 14)).toBe('体育の日');
    expect(holidayName(2019, 10, 22)).toBe('即位礼正殿の儀');
    expect(holidays.some((h) => h.name === '天皇誕生日')).toBe(false);
    expect(holidays).toHaveLength(22);
  });

  it('moves the Olympic holidays in 2020 and 2021', () => {
    expect(datesOf(2020)).toEqual([
      '2020-01-01',
      '2020-01-13',
      '2020-02-11',
      '2020-02-23',
      '2020-02-24',
      '2020-03-20',
      '2020-04-29',
      '2020-05-03',
      '2020-05-04',
      '2020-05-05',
      '2020-05-06',
      '2020-07-23',
      '2020-07-24',
      '2020-08-10',
      '2020-09-21',
      '2020-09-22',
      '2020-11-03',
      '2020-11-23',
    ]);
    expect(holidayName(2020, 7, 24)).toBe('スポーツの日');
    expect(datesOf(2021)).toEqual([
      '2021-01-01',
      '2021-01-11',
      '2021-02-11',
      '2021-02-23',
      '2021-03-20',
      '2021-04-29',
      '2021-05-03',
      '2021-05-04',
      '2021-05-05',
      '2021-07-22',
      '2021-07-23',
      '2021-08-08',
      '2021-08-09',
      '2021-09-20',
      '2021-09-23',
      '2021-11-03',
      '2021-11-23',
    ]);
    expect(holidayName(2021, 8, 9)).toBe('振替休日');
  });

  it('follows the pre-2007 rules', () => {
    // Until 2007, 4/29 was みどりの日 and 5/4 only a 国民の休日 — even on a Saturday.
    expect(holidayName(2002, 4, 29)).toBe('みどりの日');
    expect(holidayName(2002, 5, 4)).toBe('国民の休日');
    expect(holidayName(2007, 4, 29)).toBe('昭和の日');
    expect(holidayName(2007, 5, 4)).toBe('みどりの日');
    // 海の日 and 敬老の日 were fixed dates until 2003.
    expect(holidayName(2002, 7, 20)).toBe('海の日');
    expect(holidayName(2002, 9, 15)).toBe('敬老の日');
    expect(holidayName(2003, 7, 21)).toBe('海の日');
    expect(holidayName(2003, 9, 15)).toBe('敬老の日');
    expect(holidayName(2004, 9, 20)).toBe('敬老の日');
    expect(holidayName(2004, 9, 15)).toBeNull();
    expect(holidayName(2001, 12, 24)).toBe('振替休日');
    expect(holidayName(2018, 12, 23)).toBe('天皇誕生日');
    expect(holidayName(2015, 8, 11)).toBeNull();
  });

  it('pushes a Sunday 5/3 substitute past みどりの日 and こどもの日 to 5/6', () => {
    expect(holidayName(2009, 5, 6)).toBe('振替休日');
    expect(holidayName(2015, 5, 6)).toBe('振替休日');
  });

  it.each([
    [2009, '2009-09-22'],
    [2015, '2015-09-22'],
    [2032, '2032-09-21'],
    [2037, '2037-09-22'],
    [2049, '2049-09-21'],
  ])('finds the September 国民の休日 of %i', (year, date) => {
    expect(listHolidays(year)).toContainEqual({ date, name: '国民の休日' });
  });

  it('puts the equinoxes on the days the formula gives', () => {
    expect(holidayName(2012, 9, 22)).toBe('秋分の日');
    expect(holidayName(2027, 3, 21)).toBe('春分の日');
    expect(holidayName(2027, 3, 22)).toBe('振替休日');
    // 2088's formula value is 20.000052, the closest any year comes to an integer boundary.
    expect(holidayName(2088, 3, 20)).toBe('春分の日');
    expect(holidayName(2088, 3, 19)).toBeNull();
    expect(holidayName(2099, 3, 20)).toBe('春分の日');
  });

  it('keeps every year sorted, unique, within the year, and sensibly sized', () => {
    for (let year = 2000; year <= 2099; year++) {
      const dates = datesOf(year);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
      expect(dates.length).toBeGreaterThanOrEqual(15);
      expect(dates.length).toBeLessThanOrEqual(22);
    }
  });

  it('never leaves a Sunday holiday without the following 振替休日 (2007+)', () => {
    const dayAfter = (ymd: string) => {
      const d = new Date(`${ymd}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      return d;
    };
    for (let year = 2007; year <= 2099; year++) {
      const holidays = listHolidays(year);
      for (const h of holidays) {
        if (new Date(`${h.date}T00:00:00Z`).getUTCDay() !== 0 || h.name === '振替休日') continue;
        let next = dayAfter(h.date);
        while (holidays.some((x) => x.date === next.toISOString().slice(0, 10) && x.name !== '振替休日')) {
          next = dayAfter(next.toISOString().slice(0, 10));
        }
        expect(holidayName(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate())).toBe(
          '振替休日',
        );
      }
    }
  });

  it('refuses years it cannot compute and dates that do not exist', () => {
    expect(() => listHolidays(1999)).toThrow(RangeError);
    expect(() => listHolidays(2100)).toThrow(RangeError);
    expect(() => holidayName(2024, 2, 30)).toThrow(RangeError);
    expect(() => holidayName(2024, 13, 1)).toThrow(RangeError);
    expect(() => isHoliday(2024, 1, 1.5)).toThrow(RangeError);
  });
});

describe('isHoliday', () => {
  it('agrees with listHolidays', () => {
    expect(isHoliday(2024, 1, 8)).toBe(true);
    expect(isHoliday(2024, 1, 9)).toBe(false);
  });
});

describe('isBusinessDay', () => {
  it.each([
    [2024, 4, 1, true], // Monday
    [2024, 4, 6, false], // Saturday
    [2024, 4, 7, false], // Sunday
    [2024, 4, 29, false], // 昭和の日
    [2024, 5, 6, false], // 振替休日
    [2026, 9, 22, false], // 国民の休日
    [2024, 12, 27, true], // last working day of the year
    [2024, 12, 30, false], // 年末年始, a Monday
    [2025, 1, 2, false], // 年末年始, a Thursday
    [2025, 1, 3, false], // 年末年始, a Friday
    [2025, 1, 6, true],
  ])('%i-%i-%i → %s', (y, m, d, expected) => {
    expect(isBusinessDay(y, m, d)).toBe(expected);
  });

  it('counts 241 business days in 2025', () => {
    let count = 0;
    for (let m = 1; m <= 12; m++) {
      for (let d = 1; d <= new Date(Date.UTC(2025, m, 0)).getUTCDate(); d++) {
        if (isBusinessDay(2025, m, d)) count++;
      }
    }
    // 365 − 104 weekend days − 15 weekday holidays − 5 weekday 年末年始 closures (1/2, 1/3, 12/29–31).
    expect(count).toBe(365 - 104 - 15 - 5);
  });
});

describe('isBusinessDayJst', () => {
  it('uses the JST calendar date, not UTC', () => {
    // 2024-04-05T15:00Z is Saturday 00:00 in Tokyo but still Friday in UTC.
    expect(isBusinessDayJst(new Date('2024-04-05T14:59:59Z'))).toBe(true);
    expect(isBusinessDayJst(new Date('2024-04-05T15:00:00Z'))).toBe(false);
    // 2024-04-07T15:00Z is Monday 00:00 in Tokyo.
    expect(isBusinessDayJst(new Date('2024-04-07T15:00:00Z'))).toBe(true);
  });

  it('agrees with isBusinessDay on the JST date', () => {
    const jstDay = fc.date({
      min: new Date('2000-01-01T00:00:00+09:00'),
      max: new Date('2099-12-31T23:59:59+09:00'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(jstDay, (date) => {
        const tokyo = new Date(date.getTime() + 9 * 3600 * 1000);
        const expected = isBusinessDay(tokyo.getUTCFullYear(), tokyo.getUTCMonth() + 1, tokyo.getUTCDate());
        expect(isBusinessDayJst(date)).toBe(expected);
      }),
    );
  });
});
