import { describe, expect, it } from 'vitest';
import {
  type AllocationInput,
  allocate,
  defaultPriorityWeights,
  type Explanation,
  explain,
  greedyAllocate,
  priorityOf,
} from './index';

/**
 * A call small enough to check by hand. Budget 5,000千円, one project per municipality.
 *   menus: ai (1 place, 2,100), rpa (2 places, 1,500), cloud (1 place, 3,000), data (1 place, 2,600)
 *   A: not supported lately + evacuation area → weight 5; B: not supported lately → 4; C, D: supported lately → 1
 *   a1 A [ai, rpa]   a2 B [ai, cloud]   a3 C [ai]   a4 D [data]   a5 A [rpa]   a6 E [rpa], excluded by the admin
 * Covering A and B (weight 9) is the best the money allows (any third town costs ≥ 6,200); among
 * the ways to do it, a5 rpa + a2 ai gives both a first choice, for 3,600, leaving 1,400.
 */
function town(id: string, facts: { recent: boolean; evacuation?: boolean }) {
  const { weight } = priorityOf(
    { id, supportedInLastTwoYears: facts.recent, evacuationArea: facts.evacuation ?? false, small: false },
    defaultPriorityWeights,
  );
  return { id, weight };
}

const call: AllocationInput = {
  budgetThousandYen: 5000,
  maxProjectsPerMunicipality: 1,
  seed: 42,
  menus: [
    { id: 'ai', capacity: 1, costThousandYen: 2100, reviewScore: 4.5 },
    { id: 'rpa', capacity: 2, costThousandYen: 1500, reviewScore: 3 },
    { id: 'cloud', capacity: 1, costThousandYen: 3000, reviewScore: 4 },
    { id: 'data', capacity: 1, costThousandYen: 2600, reviewScore: 3.5 },
  ],
  municipalities: [
    town('A', { recent: false, evacuation: true }),
    town('B', { recent: false }),
    town('C', { recent: true }),
    town('D', { recent: true }),
    town('E', { recent: false }),
  ],
  applications: [
    {
      id: 'a1',
      municipalityId: 'A',
      choices: [
        { menuId: 'ai', rank: 1 },
        { menuId: 'rpa', rank: 2 },
      ],
    },
    {
      id: 'a2',
      municipalityId: 'B',
      choices: [
        { menuId: 'ai', rank: 1 },
        { menuId: 'cloud', rank: 2 },
      ],
    },
    { id: 'a3', municipalityId: 'C', choices: [{ menuId: 'ai', rank: 1 }] },
    { id: 'a4', municipalityId: 'D', choices: [{ menuId: 'data', rank: 1 }] },
    { id: 'a5', municipalityId: 'A', choices: [{ menuId: 'rpa', rank: 1 }] },
    { id: 'a6', municipalityId: 'E', choices: [{ menuId: 'rpa', rank: 1 }], lock: { kind: 'exclude' } },
  ],
};

const byId = (explanations: Explanation[], id: string) => explanations.find((e) => e.applicationId === id)!;

describe('priorityOf', () => {
  it('adds the weight of every factor that applies to 1', () => {
    expect(
      priorityOf(
        { id: 'A', supportedInLastTwoYears: false, evacuationArea: true, small: true },
        defaultPriorityWeights,
      ),
    ).toEqual({ weight: 6, factors: ['not_recently_supported', 'evacuation_area', 'small_municipality'] });
    expect(
      priorityOf(
        { id: 'B', supportedInLastTwoYears: true, evacuationArea: false, small: false },
        { notRecentlySupported: 3, evacuationArea: 1, smallMunicipality: 0.5 },
      ),
    ).toEqual({ weight: 1, factors: [] });
  });
});

describe('allocate on a readable call', () => {
  it('covers the weightiest municipalities, then first choices, then the cheapest', async () => {
    const result = await allocate(call);
    expect(result.status).toBe('optimal');
    expect(result.mipGap).toBe(0);
    expect(result.selections).toEqual([
      { applicationId: 'a2', menuId: 'ai', rank: 1, costThousandYen: 2100 },
      { applicationId: 'a5', menuId: 'rpa', rank: 1, costThousandYen: 1500 },
    ]);
    expect(result.totals).toEqual({
      projects: 2,
      municipalities: 2,
      weightedMunicipalities: 9,
      costThousandYen: 3600,
      rankScore: 4,
      reviewScore: 7.5,
    });
    expect(result.stages.map((s) => s.name)).toEqual(['coverage', 'preference', 'review', 'cost', 'lottery']);
    expect(result.stages.slice(0, 4).map((s) => s.objective)).toEqual([9, 4, 7.5, 3600]);
    expect(result.solveMs).toBeGreaterThan(0);
  });

  it('beats the greedy sheet, which spends the budget on the first town in line', async () => {
    // Greedy gives A its expensive first choice and runs out of money; the optimum gives A its
    // second choice and also supports B and C.
    const input: AllocationInput = {
      budgetThousandYen: 3000,
      maxProjectsPerMunicipality: 1,
      seed: 7,
      menus: [
        { id: 'big', capacity: 1, costThousandYen: 3000, reviewScore: 5 },
        { id: 'small', capacity: 3, costThousandYen: 1000, reviewScore: 3 },
      ],
      municipalities: [
        { id: 'A', weight: 4 },
        { id: 'B', weight: 1 },
        { id: 'C', weight: 1 },
      ],
      applications: [
        {
          id: 'x',
          municipalityId: 'A',
          choices: [
            { menuId: 'big', rank: 1 },
            { menuId: 'small', rank: 2 },
          ],
        },
        { id: 'y', municipalityId: 'B', choices: [{ menuId: 'small', rank: 1 }] },
        { id: 'z', municipalityId: 'C', choices: [{ menuId: 'small', rank: 1 }] },
      ],
    };
    const greedy = greedyAllocate(input);
    expect(greedy.selections).toEqual([
      { applicationId: 'x', menuId: 'big', rank: 1, costThousandYen: 3000 },
    ]);
    expect(greedy.totals.municipalities).toBe(1);
    const result = await allocate(input);
    expect(result.greedy).toEqual(greedy);
    expect(result.selections.map((s) => `${s.applicationId}:${s.menuId}`)).toEqual([
      'x:small',
      'y:small',
      'z:small',
    ]);
    expect(result.totals).toMatchObject({ municipalities: 3, weightedMunicipalities: 6 });
  });

  it('reports contradictory locks as infeasible and selects nothing', async () => {
    const input: AllocationInput = {
      ...call,
      applications: call.applications.map((a) =>
        a.id === 'a1' || a.id === 'a2' ? { ...a, lock: { kind: 'include', menuId: 'ai' } } : a,
      ),
    };
    const result = await allocate(input);
    expect(result.status).toBe('infeasible');
    expect(result.selections).toEqual([]);
    const explanations = await explain(input, result);
    expect(byId(explanations, 'a1').reasons).toEqual([{ code: 'no_feasible_allocation' }]);
    expect(byId(explanations, 'a6').reasons).toEqual([{ code: 'excluded_by_admin' }]);
  });

  it('stops at the time limit and says so', async () => {
    const result = await allocate({ ...call, timeLimitSeconds: 0 });
    expect(result).toMatchObject({ status: 'time_limit', mipGap: 1, selections: [] });
    // The greedy sheet needs no solver and is still there to fall back on.
    expect(result.greedy.selections.length).toBeGreaterThan(0);
  });

  it('rejects input the engine cannot score exactly', async () => {
    await expect(allocate({ ...call, budgetThousandYen: 4999.5 })).rejects.toThrow(RangeError);
    expect(() =>
      greedyAllocate({
        ...call,
        applications: [
          {
            id: 'dup',
            municipalityId: 'A',
            choices: [
              { menuId: 'ai', rank: 1 },
              { menuId: 'ai', rank: 2 },
            ],
          },
        ],
      }),
    ).toThrow(/twice/);
  });
});

describe('explain', () => {
  it('says why each application got its outcome, with what would change it', async () => {
    const result = await allocate(call);
    const explanations = await explain(call, result);
    expect(explanations.map((e) => e.applicationId)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);

    expect(byId(explanations, 'a2')).toEqual({
      applicationId: 'a2',
      outcome: 'selected',
      menuId: 'ai',
      rank: 1,
      reasons: [{ code: 'selected_first_choice' }],
      counterfactual: null,
    });
    // A already has its one project (a5); ai went to B, which weighs less than A; rpa has a place
    // but costs 1,500 with 1,400 left. Money alone cannot help (the limit), and forcing a1 in at
    // today's budget puts it on rpa and pushes a5 out.
    expect(byId(explanations, 'a1')).toEqual({
      applicationId: 'a1',
      outcome: 'not_selected',
      menuId: null,
      rank: null,
      reasons: [
        { code: 'municipality_limit', limit: 1 },
        { code: 'capacity_full', menuId: 'ai', capacity: 1, takenByHigherPriority: 0 },
        { code: 'budget_exhausted', shortfallThousandYen: 100 },
      ],
      counterfactual: {
        budgetIncreaseThousandYen: null,
        displacedApplicationIds: ['a5'],
        forcedMenuId: 'rpa',
      },
    });
    // C's only choice went to B (weight 4 > 1). Keeping a2 and a5 and adding a3 needs a2 on
    // cloud: 1,500 + 3,000 + 2,100 = 6,600, i.e. 1,600 more. Forced in today, a3 takes ai from a2.
    expect(byId(explanations, 'a3')).toMatchObject({
      outcome: 'not_selected',
      reasons: [{ code: 'capacity_full', menuId: 'ai', capacity: 1, takenByHigherPriority: 1 }],
      counterfactual: {
        budgetIncreaseThousandYen: 1600,
        displacedApplicationIds: ['a2'],
        forcedMenuId: 'ai',
      },
    });
    // data has a place but costs 2,600 with 1,400 left: 1,200 short. Forced in today, the money
    // left covers A (weight 5) only, through a1 on the better-reviewed ai: a2 and a5 both go.
    expect(byId(explanations, 'a4')).toMatchObject({
      outcome: 'not_selected',
      reasons: [{ code: 'budget_exhausted', shortfallThousandYen: 1200 }],
      counterfactual: {
        budgetIncreaseThousandYen: 1200,
        displacedApplicationIds: ['a2', 'a5'],
        forcedMenuId: 'data',
      },
    });
    expect(byId(explanations, 'a6')).toEqual({
      applicationId: 'a6',
      outcome: 'not_selected',
      menuId: null,
      rank: null,
      reasons: [{ code: 'excluded_by_admin' }],
      counterfactual: null,
    });
  });

  it('computes counterfactuals only for the applications asked about', async () => {
    const result = await allocate(call);
    const explanations = await explain(call, result, { counterfactualsFor: ['a4'] });
    expect(byId(explanations, 'a4').counterfactual).toEqual({
      budgetIncreaseThousandYen: 1200,
      displacedApplicationIds: ['a2', 'a5'],
      forcedMenuId: 'data',
    });
    expect(byId(explanations, 'a3').counterfactual).toBeNull();
    expect(byId(explanations, 'a3').reasons).toEqual([
      { code: 'capacity_full', menuId: 'ai', capacity: 1, takenByHigherPriority: 1 },
    ]);
  });

  it('names the fuller higher choices of an application given a lower one, and the admin’s lock', async () => {
    // Four towns fit (5,000 of 6,000) only if at most one takes ai and nobody takes cloud.
    const input: AllocationInput = {
      budgetThousandYen: 6000,
      maxProjectsPerMunicipality: 2,
      seed: 3,
      menus: [
        { id: 'ai', capacity: 1, costThousandYen: 2000, reviewScore: 4 },
        { id: 'rpa', capacity: 3, costThousandYen: 1000, reviewScore: 3 },
        { id: 'cloud', capacity: 2, costThousandYen: 4000, reviewScore: 4 },
      ],
      municipalities: [
        { id: 'X', weight: 4 },
        { id: 'Y', weight: 4 },
        { id: 'Z', weight: 1 },
        { id: 'W', weight: 1 },
      ],
      applications: [
        {
          id: 'b1',
          municipalityId: 'X',
          choices: [
            { menuId: 'ai', rank: 1 },
            { menuId: 'rpa', rank: 2 },
          ],
        },
        {
          id: 'b2',
          municipalityId: 'Y',
          choices: [
            { menuId: 'ai', rank: 1 },
            { menuId: 'rpa', rank: 2 },
          ],
        },
        {
          id: 'b3',
          municipalityId: 'Z',
          choices: [
            { menuId: 'cloud', rank: 1 },
            { menuId: 'rpa', rank: 2 },
          ],
        },
        {
          id: 'b4',
          municipalityId: 'W',
          choices: [
            { menuId: 'ai', rank: 1 },
            { menuId: 'rpa', rank: 2 },
          ],
          lock: { kind: 'include', menuId: 'rpa' },
        },
      ],
    };
    const result = await allocate(input);
    expect(result.totals).toMatchObject({ projects: 4, municipalities: 4, costThousandYen: 5000 });
    const explanations = await explain(input, result);
    // b1 and b2 tie on every objective: the lottery gives ai to one of them.
    const winner = explanations.find((e) => e.menuId === 'ai')!;
    const loser = [byId(explanations, 'b1'), byId(explanations, 'b2')].find((e) => e !== winner)!;
    expect(winner.reasons).toEqual([{ code: 'selected_first_choice' }]);
    expect(loser).toMatchObject({
      outcome: 'selected',
      menuId: 'rpa',
      rank: 2,
      reasons: [
        { code: 'selected_lower_choice', rank: 2, fullerChoices: [{ menuId: 'ai', cause: 'capacity' }] },
      ],
    });
    // cloud has a place, but moving b3 up would cost 3,000 more with 1,000 left.
    expect(byId(explanations, 'b3').reasons).toEqual([
      { code: 'selected_lower_choice', rank: 2, fullerChoices: [{ menuId: 'cloud', cause: 'budget' }] },
    ]);
    expect(byId(explanations, 'b4')).toMatchObject({ menuId: 'rpa', reasons: [{ code: 'locked_in' }] });

    // Another seed may give ai to the other town, never anything else.
    const redraw = await allocate({ ...input, seed: 4 });
    expect(redraw.totals).toEqual(result.totals);
  });
});
