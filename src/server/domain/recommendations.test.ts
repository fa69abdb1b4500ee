import { describe, expect, it } from 'vitest';
import type { MunicipalityNeedsProfile } from './needs-profile';
import { addTallies, type OutcomeSummary, summarize, tallyOf } from './evaluation-outcomes';
import {
  MAX_OUTCOME_POINTS,
  outcomePoints,
  outcomeQuality,
  type RecommendableMenu,
  recommendMenus,
} from './recommendations';

const profile = (p: Partial<MunicipalityNeedsProfile> = {}): MunicipalityNeedsProfile => ({
  municipalityId: 'm1',
  fiscalYearId: 'fy',
  helpWantedAreas: [],
  maturityByArea: {},
  overallLevel: null,
  voices: [],
  ...p,
});

const menu = (id: string, m: Partial<RecommendableMenu> = {}): RecommendableMenu => ({
  id,
  title: id,
  challengeAreas: [],
  regionIds: [],
  unitCostThousandYen: 500,
  ...m,
});

const aizu = { id: 'r-aizu', name: '会津', nameEn: 'Aizu' };

describe('recommendMenus', () => {
  it('ranks menus serving help-wanted areas first, the first-named area highest, with the reason', () => {
    const result = recommendMenus({
      profile: profile({ helpWantedAreas: ['ai_rpa', 'security'] }),
      menus: [
        menu('sec', { challengeAreas: ['security'] }),
        menu('rpa', { challengeAreas: ['ai_rpa'] }),
        menu('none', { challengeAreas: ['telework'] }),
      ],
      region: aizu,
    });
    expect(result.map((r) => r.menu.id)).toEqual(['rpa', 'sec']);
    expect(result[0]!.score).toBe(4);
    expect(result[1]!.score).toBe(3);
    expect(result[0]!.reasons).toEqual([{ code: 'help_wanted', params: { areas: ['ai_rpa'] } }]);
  });

  it('adds weak maturity areas (level 1 counts more than 2; 3 and above not at all)', () => {
    const result = recommendMenus({
      profile: profile({ maturityByArea: { bpr: 1, paperless: 2, security: 3 } }),
      menus: [
        menu('paper', { challengeAreas: ['paperless'] }),
        menu('bpr', { challengeAreas: ['bpr', 'security'] }),
        menu('sec', { challengeAreas: ['security'] }),
      ],
      region: null,
    });
    expect(result.map((r) => [r.menu.id, r.score])).toEqual([
      ['bpr', 2],
      ['paper', 1],
    ]);
    expect(result[0]!.reasons).toEqual([{ code: 'low_maturity', params: { areas: ['bpr'] } }]);
  });

  it('matches free-text keywords of the menu’s areas, capped at two points', () => {
    const result = recommendMenus({
      profile: profile({ voices: ['RPAやAIで自動化したい', '生成AIも気になる'] }),
      menus: [menu('rpa', { challengeAreas: ['ai_rpa'] })],
      region: null,
    });
    expect(result[0]!.score).toBe(2);
    expect(result[0]!.reasons[0]).toEqual({
      code: 'voice_match',
      params: { keywords: ['RPA', 'AI', '生成AI', '自動化'] },
    });
  });

  it('leaves out menus not covering the municipality’s region, and says when one does', () => {
    const result = recommendMenus({
      profile: profile({ helpWantedAreas: ['security'] }),
      menus: [
        menu('hama', { challengeAreas: ['security'], regionIds: ['r-hama'] }),
        menu('aizu', { challengeAreas: ['security'], regionIds: ['r-aizu'] }),
        menu('all', { challengeAreas: ['security'], unitCostThousandYen: 900 }),
      ],
      region: aizu,
    });
    expect(result.map((r) => r.menu.id)).toEqual(['aizu', 'all']);
    expect(result[0]!.reasons).toContainEqual({
      code: 'region_covered',
      params: { regionName: '会津', regionNameEn: 'Aizu' },
    });
  });

  it('uses only ratings by similar municipalities (not its own), which reorder equal fits', () => {
    const input = {
      profile: profile({ helpWantedAreas: ['security' as const] }),
      menus: [menu('a', { challengeAreas: ['security'] }), menu('b', { challengeAreas: ['security'] })],
      region: null,
    };
    expect(recommendMenus(input).map((r) => r.menu.id)).toEqual(['a', 'b']);
    const rated = recommendMenus({
      ...input,
      ratings: [
        { menuId: 'b', municipalityId: 's1', score: 5 },
        { menuId: 'b', municipalityId: 's2', score: 4 },
        { menuId: 'b', municipalityId: 's3', score: 5 },
        { menuId: 'a', municipalityId: 'other', score: 5 },
        { menuId: 'a', municipalityId: 'm1', score: 5 },
      ],
      similarMunicipalityIds: new Set(['s1', 's2', 's3', 'm1']),
    });
    expect(rated.map((r) => r.menu.id)).toEqual(['b', 'a']);
    expect(rated[0]!.reasons).toContainEqual({ code: 'similar_rating', params: { count: 3, average: 4.7 } });
    expect(rated[1]!.reasons.map((r) => r.code)).toEqual(['help_wanted']);
  });

  it('breaks ties by cost, then title; an empty profile recommends nothing', () => {
    const menus = [
      menu('b', { challengeAreas: ['bpr'], unitCostThousandYen: 300 }),
      menu('a', { challengeAreas: ['bpr'], unitCostThousandYen: 300 }),
      menu('c', { challengeAreas: ['bpr'], unitCostThousandYen: 100 }),
    ];
    expect(
      recommendMenus({ profile: profile({ helpWantedAreas: ['bpr'] }), menus, region: null }).map(
        (r) => r.menu.id,
      ),
    ).toEqual(['c', 'a', 'b']);
    expect(recommendMenus({ profile: profile(), menus, region: null })).toEqual([]);
  });

  describe('past outcomes', () => {
    const outcome = (o: Partial<OutcomeSummary> = {}): OutcomeSummary => ({
      projects: 5,
      evaluations: 5,
      helpedRate: 1,
      avgSatisfaction: 5,
      recommendRate: 1,
      ...o,
    });
    const equalFits = {
      profile: profile({ helpWantedAreas: ['security' as const] }),
      menus: [
        menu('a', { challengeAreas: ['security'], organizationId: 'org-a' }),
        menu('b', { challengeAreas: ['security'], organizationId: 'org-b' }),
      ],
      region: null,
    };

    it('a menu with good outcomes ranks above an otherwise equal one, and says why', () => {
      expect(recommendMenus(equalFits).map((r) => r.menu.id)).toEqual(['a', 'b']);
      const ranked = recommendMenus({ ...equalFits, menuOutcomes: new Map([['b', outcome()]]) });
      expect(ranked.map((r) => r.menu.id)).toEqual(['b', 'a']);
      expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
      expect(ranked[0]!.reasons).toContainEqual({
        code: 'past_outcomes',
        params: { source: 'menu', evaluations: 5, helpedRate: 1, avgSatisfaction: 5, recommendRate: 1 },
      });
      // The menu without evaluations keeps its needs score: it is not held back for being new.
      expect(ranked[1]!.score).toBe(4);
      expect(ranked[1]!.reasons.map((r) => r.code)).toEqual(['help_wanted']);
    });

    it('poor outcomes rank a menu below an equal new one; mixed answers weigh in between', () => {
      const poor = outcome({ helpedRate: 0, avgSatisfaction: 1, recommendRate: 0 });
      const ranked = recommendMenus({ ...equalFits, menuOutcomes: new Map([['a', poor]]) });
      expect(ranked.map((r) => r.menu.id)).toEqual(['b', 'a']);
      expect(outcomeQuality(poor)).toBe(-1);
      expect(outcomeQuality(outcome({ helpedRate: 0.5, avgSatisfaction: 3, recommendRate: 0.5 }))).toBe(0);
      // Unanswered parts are left out rather than counted as bad.
      expect(outcomeQuality(outcome({ avgSatisfaction: null, recommendRate: null }))).toBe(1);
      expect(outcomeQuality(outcome({ evaluations: 0 }))).toBeNull();
    });

    it('is bounded: never more than one point, growing with the number of evaluations', () => {
      const points = [1, 2, 5, 20, 10_000].map((n) => outcomePoints(outcome({ evaluations: n }), 'menu'));
      for (let i = 1; i < points.length; i++) expect(points[i]!).toBeGreaterThan(points[i - 1]!);
      for (const p of points) expect(p).toBeLessThanOrEqual(MAX_OUTCOME_POINTS);
      expect(points[0]).toBeCloseTo(1 / 3);
      const worst = outcomePoints(
        outcome({ evaluations: 10_000, helpedRate: 0, avgSatisfaction: 1, recommendRate: 0 }),
        'menu',
      );
      expect(worst).toBeGreaterThanOrEqual(-MAX_OUTCOME_POINTS);
      expect(outcomePoints(outcome({ evaluations: 0 }), 'menu')).toBe(0);
    });

    it('never beats a clear needs match, even at its best against the worst', () => {
      const ranked = recommendMenus({
        profile: profile({ helpWantedAreas: ['security', 'bpr'] }),
        menus: [
          // Serves one more area asked for (3 points), but its towns were unhappy.
          menu('match', { challengeAreas: ['security', 'bpr'] }),
          menu('loved', { challengeAreas: ['security'] }),
        ],
        region: null,
        menuOutcomes: new Map([
          ['match', outcome({ evaluations: 10_000, helpedRate: 0, avgSatisfaction: 1, recommendRate: 0 })],
          ['loved', outcome({ evaluations: 10_000 })],
        ]),
      });
      expect(ranked.map((r) => r.menu.id)).toEqual(['match', 'loved']);
    });

    it('outcomes never bring in a menu that fits no need', () => {
      const ranked = recommendMenus({
        ...equalFits,
        menus: [...equalFits.menus, menu('c', { challengeAreas: ['telework'] })],
        menuOutcomes: new Map([['c', outcome()]]),
      });
      expect(ranked.map((r) => r.menu.id)).not.toContain('c');
    });

    it('a new menu borrows half the weight of its company’s record; its own evaluations come first', () => {
      const companyOutcomes = new Map([['org-b', outcome()]]);
      const ranked = recommendMenus({ ...equalFits, companyOutcomes });
      expect(ranked.map((r) => r.menu.id)).toEqual(['b', 'a']);
      expect(ranked[0]!.score - 4).toBeCloseTo(outcomePoints(outcome(), 'menu') / 2);
      expect(ranked[0]!.reasons).toContainEqual(
        expect.objectContaining({
          code: 'past_outcomes',
          params: expect.objectContaining({ source: 'company' }),
        }),
      );
      const own = recommendMenus({
        ...equalFits,
        companyOutcomes,
        menuOutcomes: new Map([
          ['b', outcome({ evaluations: 1, helpedRate: 0, avgSatisfaction: 2, recommendRate: 0 })],
        ]),
      });
      expect(own.map((r) => r.menu.id)).toEqual(['a', 'b']);
      expect(own[1]!.reasons).toContainEqual(
        expect.objectContaining({
          code: 'past_outcomes',
          params: expect.objectContaining({ source: 'menu' }),
        }),
      );
    });
  });
});

describe('evaluation tallies', () => {
  it('add up across years and summarize to rates of those who answered', () => {
    const a = tallyOf([
      { evaluated: true, helped: 'yes', satisfaction: 5, recommend: 1 },
      { evaluated: true, helped: 'partly', satisfaction: 4, recommend: null },
      { evaluated: false, helped: null, satisfaction: null, recommend: null },
    ]);
    const b = tallyOf([{ evaluated: true, helped: 'yes', satisfaction: 3, recommend: 0 }]);
    expect(summarize(addTallies([a, b]))).toEqual({
      projects: 4,
      evaluations: 3,
      helpedRate: 0.67,
      avgSatisfaction: 4,
      recommendRate: 0.5,
    });
    expect(summarize(tallyOf([]))).toEqual({
      projects: 0,
      evaluations: 0,
      helpedRate: null,
      avgSatisfaction: null,
      recommendRate: null,
    });
  });
});
