import type { ChallengeArea } from '../../shared/challenge-areas';
import type { OutcomeSummary } from './evaluation-outcomes';
import type { MunicipalityNeedsProfile } from './needs-profile';

/**
 * Ranks the year's selected support menus by how well they fit one municipality's needs profile.
 * Pure: the caller loads the menus, the profile, the municipality's region and any ratings.
 *
 * Points per menu:
 *  - each area the municipality asked help for and the menu serves: 3 (+1 for its first-named area);
 *  - each area it rated weak (maturity 1 → 2 points, 2 → 1 point) that the menu serves;
 *  - each keyword of the menu's areas found in its free-text answers: 1 (at most 2);
 *  - ratings by similar municipalities: (average − 3) × 0.5, only when at least one exists;
 *  - past outcomes (the towns' post-support evaluations, ADR 012): between −1 and +1 point for the
 *    menu's own evaluations, half that for its company's when the menu has none yet (see
 *    `outcomePoints`). A menu without evaluations gets 0: it is not held back for being new. The
 *    bound is deliberate: one area asked for is worth 3 points, more than the widest gap outcomes
 *    can open between two menus (2), so outcomes reorder comparable fits but never beat a clearly
 *    better match.
 * A menu that fits no need is left out (outcomes never bring one in); a menu that covers regions
 * but not the municipality's is left out (it cannot be delivered there). Ties: cheaper first, then
 * title.
 */

export type RecommendationReason =
  | { code: 'help_wanted'; params: { areas: ChallengeArea[] } }
  | { code: 'low_maturity'; params: { areas: ChallengeArea[] } }
  | { code: 'voice_match'; params: { keywords: string[] } }
  | { code: 'similar_rating'; params: { count: number; average: number } }
  | {
      code: 'past_outcomes';
      params: {
        /** Whose evaluations: the menu's own projects, or (a new menu) its company's. */
        source: 'menu' | 'company';
        evaluations: number;
        helpedRate: number | null;
        avgSatisfaction: number | null;
        recommendRate: number | null;
      };
    }
  | { code: 'region_covered'; params: { regionName: string; regionNameEn: string } };

export interface RecommendableMenu {
  id: string;
  title: string;
  challengeAreas: readonly ChallengeArea[];
  /** Empty = the whole prefecture. */
  regionIds: readonly string[];
  unitCostThousandYen: number;
  /** The proposing company, for its outcomes when the menu has none of its own. */
  organizationId?: string;
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
  /** Evaluations of each menu's projects (its earlier years included), by menu id. */
  menuOutcomes?: ReadonlyMap<string, OutcomeSummary>;
  /** Evaluations of every project of each company, by organization id. */
  companyOutcomes?: ReadonlyMap<string, OutcomeSummary>;
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

/** The most past outcomes may add (or take away) for a menu's own evaluations. */
export const MAX_OUTCOME_POINTS = 1;
/** A company's record says less about a menu it has not delivered yet: this share of the points. */
export const COMPANY_OUTCOME_SHARE = 0.5;
/** Evaluations at which half the weight applies: n / (n + 2), so one town's answer counts a third. */
const OUTCOME_HALF_WEIGHT_AT = 2;

/**
 * How good the outcomes are, from −1 to +1: the mean of the answers given among "helped solve the
 * challenge" (share of yes, 0 → −1, 1 → +1), satisfaction ((mean − 3) / 2) and "would recommend"
 * (share of yes, like helped). Null without evaluations or answers.
 */
export function outcomeQuality(s: OutcomeSummary): number | null {
  if (s.evaluations === 0) return null;
  const parts: number[] = [];
  if (s.helpedRate !== null) parts.push(s.helpedRate * 2 - 1);
  if (s.avgSatisfaction !== null) parts.push((s.avgSatisfaction - 3) / 2);
  if (s.recommendRate !== null) parts.push(s.recommendRate * 2 - 1);
  if (parts.length === 0) return null;
  return Math.max(-1, Math.min(1, parts.reduce((a, b) => a + b, 0) / parts.length));
}

/**
 * Points for past outcomes: quality × weight (n / (n + 2) for n evaluations, so a few answers move
 * a menu little and many approach the bound) × MAX_OUTCOME_POINTS, halved for a company's record.
 * Always within ±MAX_OUTCOME_POINTS; 0 without evaluations.
 */
export function outcomePoints(s: OutcomeSummary, source: 'menu' | 'company'): number {
  const quality = outcomeQuality(s);
  if (quality === null) return 0;
  const weight = s.evaluations / (s.evaluations + OUTCOME_HALF_WEIGHT_AT);
  return quality * weight * MAX_OUTCOME_POINTS * (source === 'menu' ? 1 : COMPANY_OUTCOME_SHARE);
}

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

    const own = input.menuOutcomes?.get(menu.id);
    const company = menu.organizationId ? input.companyOutcomes?.get(menu.organizationId) : undefined;
    const past =
      own && own.evaluations > 0
        ? { source: 'menu' as const, summary: own }
        : company && company.evaluations > 0
          ? { source: 'company' as const, summary: company }
          : null;
    if (past && outcomeQuality(past.summary) !== null) {
      score += outcomePoints(past.summary, past.source);
      reasons.push({
        code: 'past_outcomes',
        params: {
          source: past.source,
          evaluations: past.summary.evaluations,
          helpedRate: past.summary.helpedRate,
          avgSatisfaction: past.summary.avgSatisfaction,
          recommendRate: past.summary.recommendRate,
        },
      });
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
