import type { VoiceItem } from './voices';

/**
 * Realistic free-text answers of a municipal DX needs survey, for the voices test and bench
 * (`bench/voices.ts`): one subject per sentence, so that grouping can be checked and the
 * maximal input is made of text like the real one rather than random characters.
 */
export const sampleVoiceSentences: readonly { subject: string; text: string }[] = [
  // デジタル人材の不足
  { subject: 'talent', text: 'DXを担うデジタル人材が不足しており、専門知識を持つ職員がいない。' },
  { subject: 'talent', text: '情報担当の職員が1名しかおらず、デジタル人材の確保が難しい。' },
  { subject: 'talent', text: '小規模な村のため、デジタル人材を採用しても定着しない。' },
  { subject: 'talent', text: '外部デジタル人材の活用を考えているが、人材の探し方が分からない。' },
  { subject: 'talent', text: 'デジタル人材の育成研修を県に実施してほしい。' },
  // 予算の確保
  { subject: 'budget', text: 'システム導入の予算が確保できない。' },
  { subject: 'budget', text: '財政が厳しく、DX関連の予算確保が難しい。' },
  { subject: 'budget', text: '国の交付金が終了した後の予算の見通しが立たない。' },
  { subject: 'budget', text: '運用経費の予算が毎年増えており、財政を圧迫している。' },
  // 標準化・ガバメントクラウドへの移行
  { subject: 'standardization', text: '基幹業務システムの標準化への移行スケジュールが厳しい。' },
  { subject: 'standardization', text: '標準準拠システムへの移行に伴うベンダーとの調整が負担になっている。' },
  { subject: 'standardization', text: 'ガバメントクラウドへの移行と標準化の経費が見通せない。' },
  { subject: 'standardization', text: '標準化対象の20業務の移行作業に職員の手が回らない。' },
  // RPA・AI
  { subject: 'rpa', text: 'RPAを導入したが、シナリオを作れる職員が限られている。' },
  { subject: 'rpa', text: 'RPAのシナリオ作成を支援してほしい。' },
  { subject: 'rpa', text: '生成AIやRPAを試したいが、どの業務に使えるか分からない。' },
  { subject: 'rpa', text: 'AI-OCRとRPAを組み合わせた入力作業の自動化を進めたい。' },
  // ペーパーレス・電子決裁
  { subject: 'paperless', text: '会議資料のペーパーレス化が進まず、紙の資料が多い。' },
  { subject: 'paperless', text: '電子決裁システムがなく、紙の決裁が残っている。' },
  { subject: 'paperless', text: 'ペーパーレス会議用のタブレットを導入したい。' },
  { subject: 'paperless', text: '文書管理と電子決裁を一体で導入し、ペーパーレスを進めたい。' },
  // 情報セキュリティ
  { subject: 'security', text: '情報セキュリティポリシーの見直しができていない。' },
  { subject: 'security', text: 'セキュリティ対策の専門知識がなく、インシデント対応が不安。' },
  { subject: 'security', text: '職員向けの情報セキュリティ研修を定期的に行いたい。' },
  { subject: 'security', text: '三層分離の見直しに伴うセキュリティ対策の方針が決まらない。' },
  // オンライン申請・窓口
  { subject: 'online', text: 'オンライン申請の手続数を増やしたいが、利用者が少ない。' },
  { subject: 'online', text: '書かない窓口の導入を検討しているが、オンライン申請との連携が課題。' },
  { subject: 'online', text: 'マイナポータルからのオンライン申請を住民に周知したい。' },
  // テレワーク
  { subject: 'telework', text: 'テレワーク用の端末が足りない。' },
  { subject: 'telework', text: 'テレワークの規程が未整備で、職員が利用しにくい。' },
];

/** Longer sentences as towns write them, to vary the maximal input. */
const longerSentences = [
  'DX推進計画を策定したいが、何から手を付けるべきか庁内で合意ができていない。',
  '首長の理解はあるものの、全庁的な推進体制が整っておらず担当課任せになっている。',
  'デジタルに詳しい職員が一人しかおらず、異動すると取組が止まってしまう。',
  '専門人材を採用したいが、給与水準や勤務地の面で応募がない。',
  '基幹業務システムの標準化への移行期限が迫っており、ベンダーとの調整が追いつかない。',
  'ガバメントクラウドへの移行で運用経費が増えるのではないかと懸念している。',
  '書かない窓口を導入したいが、窓口レイアウトや職員体制の見直しが必要で進まない。',
  'オンライン申請を始めたが利用件数が伸びず、住民への周知方法に悩んでいる。',
  '生成AIを業務で使ってみたいが、情報漏えいのリスクが心配でルールが作れていない。',
  '業務量調査をしたことがなく、どの業務を見直すべきか分からない。',
  '紙と押印を前提にした業務フローが残っており、見直しに手が回らない。',
  'テレワーク用の端末とネットワーク環境が整っておらず、災害時の業務継続が不安。',
  '情報セキュリティポリシーを改定したいが、国のガイドラインの更新に追いつけていない。',
  '職員のITリテラシーに差があり、新しいツールを入れても使われない。',
  '若手職員向けの研修はあるが、管理職向けの研修機会が少ない。',
  '近隣市町村と共同で研修を開催してほしい。',
  'ICTアドバイザーに継続して相談できる仕組みがあるとありがたい。',
  '小規模自治体でも使える共同調達の枠組みを県で用意してほしい。',
  '避難指示解除後の住民帰還が進まず、職員も不足しており、DXに割ける人員が確保できない。',
];

/** Small deterministic PRNG (mulberry32), so every run measures the same text. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A free-text answer of exactly `length` characters, sentences drawn from the samples. */
export function sampleVoiceAnswer(seed: number, length: number): string {
  const rand = prng(seed);
  const pool = [...sampleVoiceSentences.map((s) => s.text), ...longerSentences];
  let text = '';
  while (text.length < length) {
    text += pool[Math.floor(rand() * pool.length)]!;
    // Some towns write in paragraphs.
    if (rand() < 0.2) text += '\n';
  }
  return text.slice(0, length);
}

/** The largest input the survey allows: `towns` × `questions` long_text answers of `length` characters. */
export function maximalVoiceItems(towns = 59, questions = 3, length = 10_000): VoiceItem[] {
  const items: VoiceItem[] = [];
  for (let m = 0; m < towns; m++) {
    for (let q = 0; q < questions; q++) {
      items.push({
        id: `m-${m}:q-${q}`,
        municipalityId: `m-${m}`,
        text: sampleVoiceAnswer(m * 31 + q + 1, length),
      });
    }
  }
  return items;
}
