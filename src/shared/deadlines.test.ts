import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  adjustToBusinessDay,
  businessDaysBetween,
  deadlineAt,
  describeRemaining,
  isPastDeadline,
} from './deadlines';
import { addDaysToYmd } from './fiscal-year';
import { isBusinessDay } from './holidays';

/** Kept clear of 2000/2099's edges so moving to a neighbouring business day stays in the supported range. */
const ymdArb = fc
  .date({ min: new Date('2000-01-10T00:00:00Z'), max: new Date('2099-12-20T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Half a year clear of the edges, for walks of up to ~150 days in either direction. */
const innerYmdArb = fc
  .date({ min: new Date('2000-07-01T00:00:00Z'), max: new Date('2099-06-30T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function isBusiness(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return isBusinessDay(y, m, d);
}

describe('deadlineAt', () => {
  it('defaults to 17:00 JST', () => {
    expect(deadlineAt('2024-05-10').toISOString()).toBe('2024-05-10T08:00:00.000Z');
  });

  it('honours other cut-offs, including ones that fall on the previous UTC day', () => {
    expect(deadlineAt('2024-05-10', '15:00').toISOString()).toBe('2024-05-10T06:00:00.000Z');
    expect(deadlineAt('2024-05-10', '08:30').toISOString()).toBe('2024-05-09T23:30:00.000Z');
    expect(deadlineAt('2024-05-10', '23:59').toISOString()).toBe('2024-05-10T14:59:00.000Z');
  });

  it.each(['17', '5:00', '24:00', '17:60', '17:00:00', ''])('rejects cut-off %j', (cutoff) => {
    expect(() => deadlineAt('2024-05-10', cutoff)).toThrow(RangeError);
  });

  it('rejects dates that do not exist', () => {
    expect(() => deadlineAt('2025-02-29')).toThrow(RangeError);
    expect(() => deadlineAt('2025/02/28')).toThrow(RangeError);
  });
});

describe('adjustToBusinessDay', () => {
  it.each([
    ['2024-05-06', 'earlier', '2024-05-02'], // 振替休日 at the end of Golden Week
    ['2024-05-06', 'later', '2024-05-07'],
    ['2024-05-11', 'earlier', '2024-05-10'], // Saturday
    ['2024-05-12', 'later', '2024-05-13'], // Sunday
    ['2026-09-22', 'earlier', '2026-09-18'], // Silver Week: 9/19 Sat – 9/23 秋分の日
    ['2026-09-22', 'later', '2026-09-24'],
    ['2025-01-03', 'earlier', '2024-12-27'], // 年末年始 reaches back across the year
    ['2024-12-30', 'later', '2025-01-06'],
    ['2024-05-10', 'earlier', '2024-05-10'],
  ] as const)('%s %s → %s', (input, direction, expected) => {
    expect(adjustToBusinessDay(input, direction)).toBe(expected);
  });

  it('defaults to moving earlier', () => {
    expect(adjustToBusinessDay('2024-08-12')).toBe('2024-08-09');
  });

  it('always lands on a business day, on the requested side, and leaves business days alone', () => {
    fc.assert(
      fc.property(ymdArb, fc.constantFrom('earlier' as const, 'later' as const), (ymd, direction) => {
        const adjusted = adjustToBusinessDay(ymd, direction);
        expect(isBusiness(adjusted)).toBe(true);
        if (direction === 'earlier') expect(adjusted <= ymd).toBe(true);
        else expect(adjusted >= ymd).toBe(true);
        if (isBusiness(ymd)) expect(adjusted).toBe(ymd);
      }),
      { numRuns: 1000 },
    );
  });

  it('moves to the nearest business day on that side, skipping only closed days', () => {
    fc.assert(
      fc.property(ymdArb, fc.constantFrom('earlier' as const, 'later' as const), (ymd, direction) => {
        const adjusted = adjustToBusinessDay(ymd, direction);
        const between = Math.abs(businessDaysBetween(ymd, adjusted));
        // Walking from the input to the result crosses exactly one business day (the result) unless they coincide.
        expect(between).toBe(adjusted === ymd ? 0 : 1);
      }),
    );
  });
});

describe('isPastDeadline', () => {
  const deadline = deadlineAt('2024-05-10');

  it('is false up to and including the cut-off instant', () => {
    expect(isPastDeadline(deadline, new Date('2024-05-10T07:59:59.999Z'))).toBe(false);
    expect(isPastDeadline(deadline, new Date('2024-05-10T08:00:00.000Z'))).toBe(false);
    expect(isPastDeadline(deadline, new Date('2024-05-10T08:00:00.001Z'))).toBe(true);
  });

  it('rejects invalid Dates rather than treating them as open', () => {
    expect(() => isPastDeadline(new Date(Number.NaN), new Date())).toThrow(RangeError);
    expect(() => isPastDeadline(deadline, new Date('x'))).toThrow(RangeError);
  });
});

describe('businessDaysBetween / addBusinessDays', () => {
  it('counts the arrival day but not the departure day', () => {
    expect(businessDaysBetween('2024-04-05', '2024-04-10')).toBe(3); // Fri → Wed: Mon, Tue, Wed
    expect(businessDaysBetween('2024-04-10', '2024-04-05')).toBe(-3); // Wed → Fri: Tue, Mon, Fri
    expect(businessDaysBetween('2024-04-06', '2024-04-04')).toBe(-2); // Sat → Thu: Fri, Thu
    expect(businessDaysBetween('2024-04-10', '2024-04-10')).toBe(0);
    expect(businessDaysBetween('2024-04-26', '2024-05-07')).toBe(4); // Golden Week: 4/30, 5/1, 5/2, 5/7
    expect(businessDaysBetween('2024-12-27', '2025-01-06')).toBe(1);
  });

  it('adds and subtracts business days across holidays', () => {
    expect(addBusinessDays('2024-04-26', 1)).toBe('2024-04-30');
    expect(addBusinessDays('2024-04-26', 4)).toBe('2024-05-07');
    expect(addBusinessDays('2024-05-07', -1)).toBe('2024-05-02');
    expect(addBusinessDays('2024-12-27', 1)).toBe('2025-01-06');
    expect(addBusinessDays('2024-05-04', 0)).toBe('2024-05-04');
    expect(addBusinessDays('2024-05-04', 1)).toBe('2024-05-07');
    expect(addBusinessDays('2024-05-04', -1)).toBe('2024-05-02');
  });

  it('rejects fractional counts', () => {
    expect(() => addBusinessDays('2024-05-07', 1.5)).toThrow(RangeError);
  });

  it('always lands on a business day when moving', () => {
    fc.assert(
      fc.property(
        innerYmdArb,
        fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0),
        (ymd, n) => {
          expect(isBusiness(addBusinessDays(ymd, n))).toBe(true);
        },
      ),
    );
  });

  it('are inverses of each other when the target is a business day', () => {
    fc.assert(
      fc.property(innerYmdArb, fc.integer({ min: -40, max: 40 }), (from, n) => {
        const to = addBusinessDays(from, n);
        expect(businessDaysBetween(from, to)).toBe(n);
      }),
    );
  });

  it('adds up along a path that does not turn back', () => {
    fc.assert(
      fc.property(
        innerYmdArb,
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 80 }),
        fc.constantFrom(1, -1),
        (a, i, j, sign) => {
          const b = addDaysToYmd(a, sign * i);
          const c = addDaysToYmd(b, sign * j);
          expect(businessDaysBetween(a, b) + businessDaysBetween(b, c)).toBe(businessDaysBetween(a, c));
        },
      ),
    );
  });
});

describe('describeRemaining', () => {
  const deadline = deadlineAt('2024-05-10');
  const shortlyBefore = (ms: number) => new Date(deadline.getTime() - ms);
  const HOUR = 3_600_000;

  it.each([
    [3 * 24 * HOUR, 'あと3日', '3 days left'],
    [3 * 24 * HOUR + 23 * HOUR, 'あと3日', '3 days left'],
    [24 * HOUR, 'あと1日', '1 day left'],
    [24 * HOUR - 1, 'あと23時間', '23 hours left'],
    [5 * HOUR, 'あと5時間', '5 hours left'],
    [HOUR, 'あと1時間', '1 hour left'],
    [HOUR - 1, 'あと59分', '59 minutes left'],
    [60_000, 'あと1分', '1 minute left'],
    [59_999, 'あと1分未満', 'Less than a minute left'],
    [0, 'あと1分未満', 'Less than a minute left'],
    [-1, '締切済み', 'Closed'],
    [-7 * 24 * HOUR, '締切済み', 'Closed'],
  ])('%i ms before the deadline → %s / %s', (ms, ja, en) => {
    expect(describeRemaining(deadline, shortlyBefore(ms), 'ja')).toBe(ja);
    expect(describeRemaining(deadline, shortlyBefore(ms), 'en')).toBe(en);
  });
});
