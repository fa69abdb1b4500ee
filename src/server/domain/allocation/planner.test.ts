import { describe, expect, it } from 'vitest';
import { planCoverage } from './planner';

const towns = [
  { id: 's2024', supportedYears: [2024] },
  { id: 'n2', supportedYears: [] },
  { id: 's2022', supportedYears: [2022] },
  { id: 'n1', supportedYears: [] },
  { id: 's2023', supportedYears: [2021, 2023] },
];

describe('planCoverage', () => {
  it('schedules the never-supported first, then the longest-ago supported, as many a year as money allows', () => {
    // 5,000千円 / 2,000千円 → 2 projects a year (capacity 10 does not bind).
    expect(
      planCoverage({
        municipalities: towns,
        fromYear: 2025,
        budgetThousandYen: 5000,
        averageCostThousandYen: 2000,
        totalCapacity: 10,
        maxProjectsPerMunicipality: 2,
      }),
    ).toEqual({
      projectsPerYear: 2,
      yearsUntilAllSupported: 1,
      schedule: [
        { year: 2025, municipalityIds: ['n1', 'n2'] },
        { year: 2026, municipalityIds: ['s2022', 's2023'] },
        { year: 2027, municipalityIds: ['s2024'] },
      ],
      neverSupported: ['n1', 'n2'],
    });
  });

  it('is limited by the companies’ capacity when it is smaller than what the budget buys', () => {
    const plan = planCoverage({
      municipalities: towns,
      fromYear: 2025,
      budgetThousandYen: 50_000,
      averageCostThousandYen: 2000,
      totalCapacity: 1,
      maxProjectsPerMunicipality: 1,
    });
    expect(plan.projectsPerYear).toBe(1);
    expect(plan.yearsUntilAllSupported).toBe(2);
    expect(plan.schedule.map((y) => y.municipalityIds)).toEqual([
      ['n1'],
      ['n2'],
      ['s2022'],
      ['s2023'],
      ['s2024'],
    ]);
  });

  it('does not count support from the plan’s first year on as past support', () => {
    const plan = planCoverage({
      municipalities: [
        { id: 'later', supportedYears: [2025, 2026] },
        { id: 'before', supportedYears: [2020] },
      ],
      fromYear: 2025,
      budgetThousandYen: 1000,
      averageCostThousandYen: 1000,
      totalCapacity: 5,
      maxProjectsPerMunicipality: 1,
    });
    expect(plan.neverSupported).toEqual(['later']);
    expect(plan.schedule).toEqual([
      { year: 2025, municipalityIds: ['later'] },
      { year: 2026, municipalityIds: ['before'] },
    ]);
  });

  it('says never when no project fits the budget', () => {
    expect(
      planCoverage({
        municipalities: towns,
        fromYear: 2025,
        budgetThousandYen: 1999,
        averageCostThousandYen: 2000,
        totalCapacity: 10,
        maxProjectsPerMunicipality: 1,
      }),
    ).toEqual({
      projectsPerYear: 0,
      yearsUntilAllSupported: null,
      schedule: [],
      neverSupported: ['n1', 'n2'],
    });
  });

  it('needs no years when every municipality has been supported', () => {
    const plan = planCoverage({
      municipalities: [{ id: 'x', supportedYears: [2023] }],
      fromYear: 2025,
      budgetThousandYen: 0,
      averageCostThousandYen: 2000,
      totalCapacity: 10,
      maxProjectsPerMunicipality: 1,
    });
    expect(plan.yearsUntilAllSupported).toBe(0);
  });
});
