import { describe, expect, it } from 'vitest';
import { listHolidays } from '../../../shared/holidays';
import { type ClosedDay, holidaysResponseSchema } from '../../../shared/schemas/fiscal-years';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');

async function closedDays(year: number): Promise<ClosedDay[]> {
  const res = await ctx.request('GET', `/api/calendar/holidays?year=${year}`, { cookie: staff });
  expect(res.status).toBe(200);
  const body = holidaysResponseSchema.parse(await res.json());
  expect(body.year).toBe(year);
  return body.items;
}

describe('GET /calendar/holidays', () => {
  it('lists the national holidays and the year-end closure in date order, in both languages', async () => {
    const items = await closedDays(2024);
    expect(items.map((d) => d.date)).toEqual([...items.map((d) => d.date)].sort());
    expect(items).toContainEqual({
      date: '2024-05-03',
      name: '憲法記念日',
      nameEn: 'Constitution Memorial Day',
      kind: 'national_holiday',
    });
    expect(items).toContainEqual({
      date: '2024-05-06',
      name: '振替休日',
      nameEn: 'Substitute holiday',
      kind: 'national_holiday',
    });
    // 元日 appears once, under its own name; the other closure days are marked as such.
    expect(items.filter((d) => d.date === '2024-01-01')).toEqual([
      { date: '2024-01-01', name: '元日', nameEn: "New Year's Day", kind: 'national_holiday' },
    ]);
    expect(items.filter((d) => d.kind === 'year_end_closure').map((d) => d.date)).toEqual([
      '2024-01-02',
      '2024-01-03',
      '2024-12-29',
      '2024-12-30',
      '2024-12-31',
    ]);
    expect(items).toHaveLength(listHolidays(2024).length + 5);
    expect(items.every((d) => d.nameEn !== d.name)).toBe(true);
  });

  it('keeps a substitute holiday on 1/2 as a national holiday', async () => {
    // 2023-01-01 was a Sunday, so 1/2 was a 振替休日.
    const items = await closedDays(2023);
    expect(items.find((d) => d.date === '2023-01-02')).toMatchObject({
      name: '振替休日',
      kind: 'national_holiday',
    });
  });

  it('refuses years the holiday rules do not cover, and callers without a session', async () => {
    for (const query of ['year=1999', 'year=2100', 'year=abc', '']) {
      const res = await ctx.request('GET', `/api/calendar/holidays?${query}`, { cookie: staff });
      expect(res.status, query).toBe(422);
      expect((await res.json()).error.fields[0].path).toEqual(['query', 'year']);
    }
    expect((await ctx.request('GET', '/api/calendar/holidays?year=2024')).status).toBe(401);
  });
});
