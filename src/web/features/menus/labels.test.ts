import { beforeAll, describe, expect, it } from 'vitest';
import type { RecommendationReason } from '../../../shared/schemas/menus';
import { loadCatalogParts } from '../../i18n/translate';
import { formatReason, formatScore, linesToList } from './labels';

// The menus pages' text arrives with their route (routes.tsx); here it is loaded directly.
beforeAll(() => loadCatalogParts(['menus']));

describe('formatReason', () => {
  it('words help-wanted areas with the shared taxonomy in both languages', () => {
    const reason: RecommendationReason = { code: 'help_wanted', params: { areas: ['ai_rpa', 'bpr'] } };
    expect(formatReason(reason, 'ja')).toBe('支援を希望した分野：AI・RPAの活用、BPR・業務の可視化');
    expect(formatReason(reason, 'en')).toBe(
      'Areas where help is wanted: AI and RPA, BPR and visualising work',
    );
  });

  it('words low maturity, free-text keywords and the region', () => {
    expect(formatReason({ code: 'low_maturity', params: { areas: ['security'] } }, 'ja')).toBe(
      '成熟度が低い分野：情報セキュリティ',
    );
    expect(formatReason({ code: 'voice_match', params: { keywords: ['RPA', '窓口'] } }, 'ja')).toBe(
      '自由記述の「RPA」、「窓口」に関連',
    );
    expect(
      formatReason({ code: 'region_covered', params: { regionName: '会津', regionNameEn: 'Aizu' } }, 'en'),
    ).toBe('Covers the region: Aizu');
  });

  it('words ratings of similar municipalities with one decimal', () => {
    const reason: RecommendationReason = { code: 'similar_rating', params: { count: 3, average: 4.6 } };
    expect(formatReason(reason, 'ja')).toBe('似た規模の3団体が平均4.6と評価');
    expect(formatReason(reason, 'en')).toBe('3 similar-sized municipalities rated it 4.6 on average');
  });
});

describe('helpers', () => {
  it('formats scores and splits lines', () => {
    expect(formatScore(null)).toBe('—');
    expect(formatScore(3.456)).toBe('3.46');
    expect(linesToList(' RPA \n\n BPR\r\n')).toEqual(['RPA', 'BPR']);
  });
});
