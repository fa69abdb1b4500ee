import { describe, expect, it } from 'vitest';
import {
  audienceGroupOf,
  computeReachReport,
  isHeadPosition,
  type ReachInput,
  reachStatusOf,
} from './seminar-reach';

const aizu = { id: 'm1', name: '会津若松市', nameEn: 'Aizuwakamatsu' };
const koriyama = { id: 'm2', name: '郡山市', nameEn: 'Koriyama' };
const nishiaizu = { id: 'm3', name: '西会津町', nameEn: 'Nishiaizu' };

function input(overrides: Partial<ReachInput> = {}): ReachInput {
  return {
    municipalities: [aizu, koriyama, nishiaizu],
    registrations: [],
    walkIns: [],
    archiveViews: [],
    series: [],
    fiscalYear: 2024,
    ...overrides,
  };
}

describe('reach groups', () => {
  it('takes heads and deputies by position, in full- or half-width', () => {
    expect(['市長', '副町長', '村長', '副市長', '区長'].every(isHeadPosition)).toBe(true);
    expect(['DX推進担当', '課長', '主任', '', '補佐'].some(isHeadPosition)).toBe(false);
  });

  it('counts the event audience on targeted events and the person on open ones', () => {
    expect(audienceGroupOf('heads', false)).toBe('heads');
    expect(audienceGroupOf('staff', true)).toBe('staff');
    expect(audienceGroupOf('all', true)).toBe('heads');
    expect(audienceGroupOf('all', false)).toBe('staff');
  });
});

describe('computeReachReport', () => {
  it('has one definition of reach: the never-reached lists hold exactly the unreached, those that only registered marked so', () => {
    const seat = (municipalityId: string, year: number, minutes: number | null) => ({
      municipalityId,
      group: 'staff',
      year,
      status: 'registered',
      minutes,
      threshold: 30,
    });
    const report = computeReachReport(
      input({
        // 会津若松市 only registered this year; 郡山市 attended; 西会津町 registered in 2023 and attended then.
        registrations: [seat('m1', 2024, null), seat('m2', 2024, 45), seat('m3', 2023, 60)],
      }),
    );
    const staff = report.neverReached.find((n) => n.audience === 'staff')!;
    expect(staff.thisYear).toEqual([
      { ...aizu, registeredOnly: true },
      { ...nishiaizu, registeredOnly: false },
    ]);
    expect(staff.allYears).toEqual([{ ...aizu, registeredOnly: true }]);
    // The table's 申込みのみ and the lists agree, row by row.
    for (const row of report.rows.filter((r) => r.audience === 'staff')) {
      const listed = staff.thisYear.find((m) => m.id === row.municipality.id);
      expect(Boolean(listed), row.municipality.name).toBe(!row.isReached);
      if (listed) expect(listed.registeredOnly).toBe(reachStatusOf(row) === 'registered_only');
    }
    expect(reachStatusOf({ registered: true, attended: false, watchedArchive: false })).toBe(
      'registered_only',
    );
    expect(reachStatusOf({ registered: true, attended: false, watchedArchive: true })).toBe('reached');
    expect(reachStatusOf({ registered: false, attended: false, watchedArchive: false })).toBe('none');
  });

  it('marks registered, attended (at the threshold) and watched separately; reached = attended or watched', () => {
    const report = computeReachReport(
      input({
        registrations: [
          // Registered, stayed 29 of 30 minutes: registered but not reached.
          {
            municipalityId: 'm1',
            group: 'staff',
            year: 2024,
            status: 'registered',
            minutes: 29,
            threshold: 30,
          },
          // Exactly at the threshold: attended.
          {
            municipalityId: 'm2',
            group: 'heads',
            year: 2024,
            status: 'registered',
            minutes: 30,
            threshold: 30,
          },
          // Waitlisted: not registered, and no minutes.
          {
            municipalityId: 'm3',
            group: 'staff',
            year: 2024,
            status: 'waitlisted',
            minutes: null,
            threshold: 30,
          },
        ],
        archiveViews: [{ municipalityId: 'm3', group: 'staff', year: 2024 }],
      }),
    );
    const cell = (id: string, audience: string) =>
      report.rows.find((r) => r.municipality.id === id && r.audience === audience);
    expect(cell('m1', 'staff')).toMatchObject({ registered: true, attended: false, isReached: false });
    expect(cell('m2', 'heads')).toMatchObject({ registered: true, attended: true, isReached: true });
    expect(cell('m3', 'staff')).toMatchObject({
      registered: false,
      attended: false,
      watchedArchive: true,
      isReached: true,
    });
    expect(report.summary).toEqual([
      { audience: 'heads', reached: 1, total: 3 },
      { audience: 'staff', reached: 1, total: 3 },
    ]);
    expect(report.municipalitiesReached).toBe(2);
  });

  it('counts a walk-in over the threshold as attended, and under it not at all', () => {
    const report = computeReachReport(
      input({
        walkIns: [
          { municipalityId: 'm1', group: 'heads', year: 2024, minutes: 60, threshold: 45 },
          { municipalityId: 'm2', group: 'heads', year: 2024, minutes: 10, threshold: 45 },
        ],
      }),
    );
    expect(report.rows.find((r) => r.municipality.id === 'm1')).toMatchObject({
      registered: false,
      attended: true,
      isReached: true,
    });
    // A walk-in under the threshold leaves no trace: there was no registration either.
    expect(report.rows.some((r) => r.municipality.id === 'm2')).toBe(false);
  });

  it('lists the never reached this year and over all years, per group', () => {
    const report = computeReachReport(
      input({
        registrations: [
          {
            municipalityId: 'm1',
            group: 'heads',
            year: 2023,
            status: 'registered',
            minutes: 90,
            threshold: 30,
          },
          {
            municipalityId: 'm2',
            group: 'heads',
            year: 2024,
            status: 'registered',
            minutes: 90,
            threshold: 30,
          },
        ],
      }),
    );
    const heads = report.neverReached.find((n) => n.audience === 'heads')!;
    expect(heads.thisYear.map((m) => m.id)).toEqual(['m1', 'm3']);
    expect(heads.allYears.map((m) => m.id)).toEqual(['m3']);
    const staff = report.neverReached.find((n) => n.audience === 'staff')!;
    expect(staff.allYears.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    // Only the reported year's rows.
    expect(report.rows.map((r) => r.fiscalYear)).toEqual([2024]);
  });

  it('orders rows newest year first, then by municipality code order, then group', () => {
    const reg = (municipalityId: string, group: string, year: number) => ({
      municipalityId,
      group,
      year,
      status: 'registered',
      minutes: null,
      threshold: 30,
    });
    const report = computeReachReport(
      input({
        fiscalYear: null,
        registrations: [
          reg('m3', 'heads', 2024),
          reg('m1', 'staff', 2023),
          reg('m1', 'staff', 2024),
          reg('m1', 'heads', 2024),
        ],
      }),
    );
    expect(report.rows.map((r) => `${r.fiscalYear}:${r.municipality.id}:${r.audience}`)).toEqual([
      '2024:m1:heads',
      '2024:m1:staff',
      '2024:m3:heads',
      '2023:m1:staff',
    ]);
  });

  it('divides the year’s cost (cost per session × sessions) by the municipalities reached, to one decimal', () => {
    const attended = (municipalityId: string, group: string) => ({
      municipalityId,
      group,
      year: 2024,
      status: 'registered',
      minutes: 60,
      threshold: 30,
    });
    const report = computeReachReport(
      input({
        // m1 reached in both groups counts once.
        registrations: [
          attended('m1', 'heads'),
          attended('m1', 'staff'),
          attended('m2', 'staff'),
          attended('m3', 'staff'),
        ],
        series: [
          { year: 2024, costPerSessionThousandYen: 330, sessionCount: 4 },
          { year: 2024, costPerSessionThousandYen: 50, sessionCount: 1 },
          { year: 2023, costPerSessionThousandYen: 999, sessionCount: 9 },
        ],
      }),
    );
    expect(report.costThousandYen).toBe(1370);
    expect(report.municipalitiesReached).toBe(3);
    expect(report.costPerMunicipalityReachedThousandYen).toBe(456.7);
  });

  it('has no cost without a series and no cost per municipality when none was reached', () => {
    expect(computeReachReport(input()).costThousandYen).toBeNull();
    const unreached = computeReachReport(
      input({ series: [{ year: 2024, costPerSessionThousandYen: 100, sessionCount: 2 }] }),
    );
    expect(unreached.costThousandYen).toBe(200);
    expect(unreached.municipalitiesReached).toBe(0);
    expect(unreached.costPerMunicipalityReachedThousandYen).toBeNull();
  });

  it('drops cells of municipalities not in the list (another prefecture’s ids never show)', () => {
    const report = computeReachReport(
      input({
        registrations: [
          {
            municipalityId: 'elsewhere',
            group: 'staff',
            year: 2024,
            status: 'registered',
            minutes: 60,
            threshold: 30,
          },
        ],
      }),
    );
    expect(report.rows).toEqual([]);
  });
});
