import { challengeAreaLabels } from '../../../shared/challenge-areas';
import type { ProposalStatus, RecommendationReason, ReviewStatus } from '../../../shared/schemas/menus';
import type { BadgeTone } from '../../components/Badge';
import type { Locale } from '../../i18n';
import { translate } from '../../i18n/translate';

export {
  menuFormatLabels,
  proposalDecisionLabels,
  proposalStatusLabels,
  reviewStatusLabels,
} from '../../../shared/schemas/menus';

export const proposalStatusTones: Record<ProposalStatus, BadgeTone> = {
  draft: 'neutral',
  submitted: 'info',
  returned: 'warning',
  selected: 'success',
  not_selected: 'error',
};

export const reviewStatusTones: Record<ReviewStatus, BadgeTone> = {
  assigned: 'warning',
  submitted: 'success',
  conflict: 'neutral',
};

function list(items: string[], locale: Locale): string {
  return items.join(locale === 'ja' ? '、' : ', ');
}

/**
 * One recommendation reason in words. The server sends structured reasons ({code, params}) so
 * the same ranking reads in both languages; this is the only place that words them.
 */
export function formatReason(reason: RecommendationReason, locale: Locale): string {
  switch (reason.code) {
    case 'help_wanted':
    case 'low_maturity':
      return translate(locale, `menus.reasons.${reason.code}`, {
        areas: list(
          reason.params.areas.map((a) => challengeAreaLabels[a][locale]),
          locale,
        ),
      });
    case 'voice_match':
      return translate(locale, 'menus.reasons.voice_match', {
        keywords: list(
          reason.params.keywords.map((k) => (locale === 'ja' ? `「${k}」` : `“${k}”`)),
          locale,
        ),
      });
    case 'similar_rating':
      return translate(locale, 'menus.reasons.similar_rating', {
        count: reason.params.count,
        average: reason.params.average.toFixed(1),
      });
    case 'region_covered':
      return translate(locale, 'menus.reasons.region_covered', {
        region: locale === 'ja' ? reason.params.regionName : reason.params.regionNameEn,
      });
    case 'past_outcomes':
      return translate(locale, `menus.reasons.past_outcomes_${reason.params.source}`, {
        count: reason.params.evaluations,
        helped: formatRate(reason.params.helpedRate),
        satisfaction: formatSatisfaction(reason.params.avgSatisfaction),
        recommend: formatRate(reason.params.recommendRate),
      });
  }
}

/** A share (0–1) as a whole percentage, or an em dash when nobody answered. */
export function formatRate(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** A mean satisfaction (1–5) with one decimal, or an em dash when nobody answered. */
export function formatSatisfaction(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

/** A 1–5 score with one decimal, or an em dash while there is none. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

/** Lines of a textarea → list items (blank lines dropped), and back. */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
