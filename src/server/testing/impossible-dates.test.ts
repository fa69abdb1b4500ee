import { describe, expect, it } from 'vitest';
import { createTestContext } from './harness';

/**
 * Dates that do not exist used to be read by `Date.parse` as another day (2024-02-30 became
 * 1 March) or reached the database as year 0000: now every instant in a request is checked for a
 * real calendar date in 2000–2099 and refused with a field error in both languages.
 */
const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');

async function seriesId(): Promise<string> {
  const years = await ctx.request('GET', '/api/fiscal-years', { cookie: admin });
  const fy2024 = ((await years.json()) as { items: { id: string; year: number }[] }).items.find(
    (y) => y.year === 2024,
  )!;
  const res = await ctx.request('POST', '/api/seminar-series', {
    cookie: admin,
    body: { fiscalYearId: fy2024.id, title: '日付の検証', costPerSessionThousandYen: 100, sessionCount: 1 },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const event = {
  title: '日付の検証セミナー',
  audience: 'staff',
  regionId: null,
  startsAt: '2026-12-21T05:00:00.000Z',
  endsAt: '2026-12-21T06:30:00.000Z',
  registrationClosesAt: '2026-12-18T08:00:00.000Z',
  capacity: 10,
  attendanceThresholdMinutes: 30,
  joinUrl: '',
  passcode: '',
  programme: '',
  speakers: '',
};

describe('impossible dates', () => {
  it.each([
    ['2024-02-30T10:00:00+09:00', 'a day February does not have'],
    ['0000-01-01T00:00:00Z', 'year 0000'],
    ['2026-12-21T25:00:00Z', 'hour 25'],
  ])('refuses a seminar starting at %s (%s) with a field error, and creates nothing', async (startsAt) => {
    const series = await seriesId();
    const res = await ctx.request('POST', `/api/seminar-series/${series}/events`, {
      cookie: admin,
      body: { ...event, startsAt },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: { path: string[]; ja: string; en: string }[] } };
    expect(body.error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['startsAt'],
          ja: '実在する日時を入力してください（2000〜2099年）。',
          en: 'Enter a date and time that exists (years 2000–2099).',
        }),
      ]),
    );
    const list = await ctx.request('GET', '/api/seminar-events', { cookie: admin });
    expect(list.status).toBe(200);
    const listed = JSON.stringify(await list.json());
    expect(listed).toContain('"title"');
    expect(listed).not.toContain('日付の検証セミナー');
  });

  it('still accepts a real leap day', async () => {
    const res = await ctx.request('POST', `/api/seminar-series/${await seriesId()}/events`, {
      cookie: admin,
      body: {
        ...event,
        startsAt: '2028-02-29T05:00:00.000Z',
        endsAt: '2028-02-29T06:00:00.000Z',
        registrationClosesAt: '2028-02-28T08:00:00.000Z',
      },
    });
    expect(res.status).toBe(201);
  });
});
