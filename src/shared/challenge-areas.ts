import { z } from 'zod';

/**
 * The challenge areas (課題分野) the whole yearly cycle speaks in: the needs survey asks about
 * them, support menus declare which ones they serve, recommendations and the heatmap are keyed by
 * them. One closed list so that survey answers and menus can be compared without mapping tables.
 * Drawn from the source document's themes (体制・計画, 人材, 標準化, フロントヤード改革, AI・RPA,
 * BPR, ペーパーレス, テレワーク, セキュリティ, ITリテラシー).
 */
export const challengeAreas = [
  'dx_strategy',
  'digital_talent',
  'system_standardization',
  'online_procedures',
  'ai_rpa',
  'bpr',
  'paperless',
  'telework',
  'security',
  'it_literacy',
] as const;
export type ChallengeArea = (typeof challengeAreas)[number];
export const challengeAreaSchema = z.enum(challengeAreas);

export const challengeAreaLabels: Record<ChallengeArea, { ja: string; en: string }> = {
  dx_strategy: { ja: 'DX推進体制・計画', en: 'DX organisation and plan' },
  digital_talent: { ja: 'デジタル人材の確保・育成', en: 'Digital talent' },
  system_standardization: { ja: '情報システムの標準化・共通化', en: 'Information-system standardization' },
  online_procedures: {
    ja: 'フロントヤード改革・手続のオンライン化',
    en: 'Front-yard reform and online procedures',
  },
  ai_rpa: { ja: 'AI・RPAの活用', en: 'AI and RPA' },
  bpr: { ja: 'BPR・業務の可視化', en: 'BPR and visualising work' },
  paperless: { ja: 'ペーパーレス・電子決裁', en: 'Paperless and e-approval' },
  telework: { ja: 'テレワーク', en: 'Telework' },
  security: { ja: '情報セキュリティ', en: 'Information security' },
  it_literacy: { ja: '職員のITリテラシー', en: 'Staff IT literacy' },
};

export function challengeAreaLabel(area: ChallengeArea, locale: 'ja' | 'en'): string {
  return challengeAreaLabels[area][locale];
}
