import type { ChallengeArea } from '../../shared/challenge-areas';
import type { MunicipalityNeedsProfile } from './needs-profile';

/**
 * Ranks the year's selected support menus by how well they fit one municipality's needs profile.
 * Pure: the caller loads the menus, the profile, the municipality's region and any ratings.
 *
 * Points per menu:
 *  - each area the municipality asked help for and the menu serves: 3 (+1 for its first-named area);
 *  - each area it rated weak (maturity 1 → 2 points, 2 → 1 point) that the menu serves;
 *  - each keyword of the menu's areas found in its free-text answers: 1 (at most 2);
 *  - ratings by similar municipalities: (average − 3) × 0.5, only when at least one exists.
 * A menu that fits no need is left out; a menu that covers regions but not the municipality's is
 * left out (it cannot be delivered there). Ties: cheaper first, then title.
 */

export type RecommendationReason =
  | { code: 'help_wanted'; params: { areas: ChallengeArea[] } }
  | { code: 'low_maturity'; params: { areas: ChallengeArea[] } }
  | { code: 'voice_match'; params: { keywords: string[] } }
  | { code: 'similar_rating'; params: { count: number; average: number } }
  | { code: 'region_covered'; params: { regionName: string; regionNameEn: string } };

export interface RecommendableMenu {
  id: string;
  title: string;
  challengeAreas: readonly ChallengeArea[];
  /** Empty = the whole prefecture. */
  regionIds: readonly string[];
  unitCostThousandYen: number;
}

export interface MenuRating {
  menuId: string;
  municipalityId: string;
  /** 1–5. */
  score: number;
}

export interface RecommendationInput<M extends RecommendableMenu> {
  profile: MunicipalityNeedsProfile;
  menus: readonly M[];
  region: { id: string; name: string; nameEn: string } | null;
  /** Ratings of menus (from evaluations); empty until evaluations exist. */
  ratings?: readonly MenuRating[];
  /** Municipalities counted as similar (e.g. same size class); their ratings are used. */
  similarMunicipalityIds?: ReadonlySet<string>;
}

export interface RankedRecommendation<M> {
  menu: M;
  score: number;
  reasons: RecommendationReason[];
}

/** Words in free-text answers that point to an area. */
export const areaKeywords: Record<ChallengeArea, readonly string[]> = {
  dx_strategy: ['DX計画', '推進計画', '推進体制', '戦略', 'ビジョン'],
  digital_talent: ['人材', '育成', '担当者がいない', '人手不足'],
  system_standardization: ['標準化', '基幹系', 'ガバメントクラウド', '共通化'],
  online_procedures: ['オンライン申請', 'オンライン化', '窓口', 'マイナポータル', '書かない'],
  ai_rpa: ['RPA', 'AI', '生成AI', 'チャットボット', '自動化'],
  bpr: ['BPR', '業務改善', '業務の見直し', '可視化', '業務量'],
  paperless: ['ペーパーレス', '電子決裁', '紙', '押印'],
  telework: ['テレワーク', '在宅', 'リモート'],
  security: ['セキュリティ', '情報漏', 'サイバー', 'ウイルス'],
  it_literacy: ['ITリテラシー', 'リテラシー', 'パソコン', '研修', 'スキル'],
};

const MAX_VOICE_POINTS = 2;

export function recommendMenus<M extends RecommendableMenu>(
  input: RecommendationInput<M>,
): RankedRecommendation<M>[] {
  const { profile, region } = input;
  const ratings = input.ratings ?? [];
  const similar = input.similarMunicipalityIds ?? new Set<string>();
  const voices = profile.voices.join('\n').toLowerCase();
  const out: RankedRecommendation<M>[] = [];

  for (const menu of input.menus) {
    if (menu.regionIds.length > 0 && (!region || !menu.regionIds.includes(region.id))) continue;
    const served = new Set(menu.challengeAreas);
    let score = 0;
    const reasons: RecommendationReason[] = [];

    const wanted = profile.helpWantedAreas.filter((a) => served.has(a));
    if (wanted.length > 0) {
      score += wanted.length * 3 + (wanted.includes(profile.helpWantedAreas[0]!) ? 1 : 0);
      reasons.push({ code: 'help_wanted', params: { areas: wanted } });
    }

    const weak = (Object.entries(profile.maturityByArea) as [ChallengeArea, number][])
      .filter(([area, level]) => served.has(area) && level <= 2)
      .sort((a, b) => a[1] - b[1]);
    if (weak.length > 0) {
      score += weak.reduce((sum, [, level]) => sum + (3 - level), 0);
      reasons.push({ code: 'low_maturity', params: { areas: weak.map(([a]) => a) } });
    }

    const keywords: string[] = [];
    for (const area of menu.challengeAreas) {
      for (const word of areaKeywords[area]) {
        if (voices.includes(word.toLowerCase()) && !keywords.includes(word)) keywords.push(word);
      }
    }
    if (keywords.length > 0) {
      score += Math.min(keywords.length, MAX_VOICE_POINTS);
      reasons.push({ code: 'voice_match', params: { keywords } });
    }

    if (score === 0) continue;

    const menuRatings = ratings.filter(
      (r) =>
        r.menuId === menu.id && similar.has(r.municipalityId) && r.municipalityId !== profile.municipalityId,
    );
    if (menuRatings.length > 0) {
      const average =
        Math.round((menuRatings.reduce((s, r) => s + r.score, 0) / menuRatings.length) * 10) / 10;
      score += (average - 3) * 0.5;
      reasons.push({ code: 'similar_rating', params: { count: menuRatings.length, average } });
    }

    if (region && menu.regionIds.includes(region.id)) {
      reasons.push({
        code: 'region_covered',
        params: { regionName: region.name, regionNameEn: region.nameEn },
      });
    }

    out.push({ menu, score: Math.round(score * 100) / 100, reasons });
  }

  return out.sort(
    (a, b) =>
      b.score - a.score ||
      a.menu.unitCostThousandYen - b.menu.unitCostThousandYen ||
      a.menu.title.localeCompare(b.menu.title, 'ja'),
  );
}
