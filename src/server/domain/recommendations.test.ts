import { describe, expect, it } from 'vitest';
import type { MunicipalityNeedsProfile } from './needs-profile';
import { type RecommendableMenu, recommendMenus } from './recommendations';

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
});
