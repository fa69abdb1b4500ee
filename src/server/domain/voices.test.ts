import { describe, expect, it } from 'vitest';
import {
  groupVoices,
  normalizeVoiceText,
  OTHER_TOPIC_ID,
  scriptRuns,
  sentenceFeatures,
  splitSentences,
  type VoiceItem,
} from './voices';

/** Plausible free-text answers of a needs survey, one subject each, tagged for the assertions. */
const voices: { subject: string; text: string }[] = [
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

const items: VoiceItem[] = voices.map((v, i) => ({
  id: `item-${i + 1}`,
  municipalityId: `m-${(i % 12) + 1}`,
  text: v.text,
}));
const subjectOf = new Map(items.map((item, i) => [item.id, voices[i]!.subject]));

describe('text handling', () => {
  it('normalises half-width katakana and full-width latin', () => {
    expect(normalizeVoiceText('ﾃﾞｼﾞﾀﾙ人材とＲＰＡ')).toBe('デジタル人材とrpa');
  });

  it('splits sentences on 。！？ and line breaks, keeping the closing mark', () => {
    expect(splitSentences('人材が足りない。予算もない！どうすれば？\n研修を希望')).toEqual([
      '人材が足りない。',
      '予算もない！',
      'どうすれば？',
      '研修を希望',
    ]);
  });

  it('cuts text into kanji, katakana and latin runs and drops hiragana', () => {
    expect(scriptRuns(normalizeVoiceText('デジタル人材が不足しており、RPAを導入したい'))).toEqual([
      'デジタル',
      '人材',
      '不足',
      'rpa',
      '導入',
    ]);
  });

  it('drops stopwords from the features', () => {
    const features = sentenceFeatures(normalizeVoiceText('今後の対応が必要です'));
    expect(features).not.toContain('必要');
    expect(features).not.toContain('=対応');
    expect(features).not.toContain('=今後');
  });
});

describe('groupVoices on real municipal voices', () => {
  const topics = groupVoices(items);
  const topicOf = (itemId: string) => topics.find((t) => t.itemIds.includes(itemId));

  it('puts sentences about the same subject into the same topic', () => {
    for (const subject of ['talent', 'budget', 'standardization', 'rpa', 'paperless', 'security']) {
      const ids = items.filter((it) => subjectOf.get(it.id) === subject).map((it) => it.id);
      const owners = ids.map((id) => topicOf(id)?.id);
      // Every sentence is in a topic, and the majority topic holds at least 3 of the subject's.
      expect(owners.every((o) => o !== undefined)).toBe(true);
      const counts = new Map<string, number>();
      for (const o of owners) counts.set(o!, (counts.get(o!) ?? 0) + 1);
      const [majority, size] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
      expect(majority, subject).not.toBe(OTHER_TOPIC_ID);
      expect(size, subject).toBeGreaterThanOrEqual(Math.min(3, ids.length));
    }
  });

  it('groups each of the eight subjects of this set wholly into one topic of its own', () => {
    const bySubject = new Map<string, Set<string>>();
    for (const item of items) {
      const owner = topicOf(item.id)!.id;
      const subject = subjectOf.get(item.id)!;
      bySubject.set(subject, (bySubject.get(subject) ?? new Set()).add(owner));
    }
    for (const [subject, owners] of bySubject) expect([...owners], subject).toHaveLength(1);
    const owners = [...bySubject.values()].map((o) => [...o][0]);
    expect(new Set(owners).size).toBe(8);
    expect(owners).not.toContain(OTHER_TOPIC_ID);
  });

  it('stays fast on 590 sentences (59 towns × 10)', () => {
    const many: VoiceItem[] = [];
    for (let m = 0; m < 59; m++) {
      const texts = [];
      for (let k = 0; k < 10; k++) texts.push(voices[(m * 7 + k * 3) % voices.length]!.text);
      many.push({ id: `big-${m}`, municipalityId: `m-${m}`, text: texts.join('\n') });
    }
    const started = performance.now();
    const topics = groupVoices(many);
    expect(performance.now() - started).toBeLessThan(6000);
    expect(topics.reduce((sum, t) => sum + t.sentences.length, 0)).toBe(590);
  });

  it('keeps different subjects in different topics', () => {
    for (const topic of topics.filter((t) => t.id !== OTHER_TOPIC_ID)) {
      const subjects = topic.itemIds.map((id) => subjectOf.get(id));
      const counts = new Map<string, number>();
      for (const s of subjects) counts.set(s!, (counts.get(s!) ?? 0) + 1);
      const top = Math.max(...counts.values());
      // A topic is dominated by one subject: at most one stray sentence.
      expect(subjects.length - top, topic.label).toBeLessThanOrEqual(1);
    }
    const majorityTopic = (subject: string) => {
      const ids = items.filter((it) => subjectOf.get(it.id) === subject).map((it) => topicOf(it.id)!.id);
      return ids.sort((a, b) => ids.filter((x) => x === b).length - ids.filter((x) => x === a).length)[0];
    };
    const majorities = ['talent', 'budget', 'standardization', 'rpa', 'paperless', 'security'].map(
      majorityTopic,
    );
    expect(new Set(majorities).size).toBe(majorities.length);
  });

  it('labels topics with keywords from their sentences', () => {
    const talent = topicOf('item-1')!;
    expect(talent.keywords).toContain('人材');
    expect(talent.label).toBe(talent.keywords.join('・'));
    const rpa = topicOf('item-14')!;
    expect(rpa.keywords).toContain('rpa');
    const standard = topicOf('item-10')!;
    expect(standard.keywords.some((k) => k.includes('標準') || k.includes('移行'))).toBe(true);
    for (const t of topics.filter((x) => x.id !== OTHER_TOPIC_ID)) {
      for (const k of t.keywords) {
        expect(t.sentences.some((s) => normalizeVoiceText(s.text).includes(k))).toBe(true);
      }
    }
  });

  it('gives 2–3 representative sentences that belong to the topic', () => {
    for (const t of topics) {
      expect(t.representativeSentences.length).toBeGreaterThanOrEqual(Math.min(2, t.sentences.length));
      expect(t.representativeSentences.length).toBeLessThanOrEqual(3);
      for (const r of t.representativeSentences) {
        expect(t.itemIds).toContain(r.itemId);
        expect(t.municipalityIds).toContain(r.municipalityId);
        expect(t.sentences.map((s) => s.text)).toContain(r.text);
      }
    }
  });

  it('lists each municipality once per topic and covers every sentence exactly once', () => {
    for (const t of topics) expect(new Set(t.municipalityIds).size).toBe(t.municipalityIds.length);
    const all = topics.flatMap((t) => t.sentences.map((s) => s.itemId));
    expect(all.sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('orders topics by size with the remainder last, and is deterministic', () => {
    const named = topics.filter((t) => t.id !== OTHER_TOPIC_ID);
    for (let i = 1; i < named.length; i++) {
      expect(named[i - 1]!.municipalityIds.length).toBeGreaterThanOrEqual(named[i]!.municipalityIds.length);
    }
    const otherIndex = topics.findIndex((t) => t.id === OTHER_TOPIC_ID);
    if (otherIndex >= 0) expect(otherIndex).toBe(topics.length - 1);
    expect(groupVoices(items)).toEqual(topics);
  });
});

describe('groupVoices edge cases', () => {
  it('returns nothing for no text and leaves out "特になし"', () => {
    expect(groupVoices([])).toEqual([]);
    expect(groupVoices([{ id: 'a', municipalityId: 'm', text: '特になし。' }])).toEqual([]);
  });

  it('puts a lone subject into その他', () => {
    const topics = groupVoices([
      { id: 'a', municipalityId: 'm1', text: 'デジタル人材が不足している。' },
      { id: 'b', municipalityId: 'm2', text: 'デジタル人材の確保が難しい。' },
      { id: 'c', municipalityId: 'm3', text: '庁舎の無線LANが遅い。' },
    ]);
    expect(topics.map((t) => t.id)).toEqual(['topic-1', OTHER_TOPIC_ID]);
    expect(topics[0]!.itemIds).toEqual(['a', 'b']);
    expect(topics[1]!.label).toBe('その他');
    expect(topics[1]!.itemIds).toEqual(['c']);
  });

  it('splits one answer about two subjects into two topics', () => {
    const topics = groupVoices([
      { id: 'a', municipalityId: 'm1', text: 'RPAのシナリオ作成が難しい。情報セキュリティ研修を受けたい。' },
      { id: 'b', municipalityId: 'm2', text: 'RPAのシナリオを作れる職員がいない。' },
      { id: 'c', municipalityId: 'm3', text: '情報セキュリティ研修を定期的に実施したい。' },
    ]);
    const rpa = topics.find((t) => t.keywords.includes('rpa'))!;
    const sec = topics.find((t) => t.itemIds.includes('c'))!;
    expect(rpa.itemIds).toEqual(['a', 'b']);
    expect(sec.itemIds).toEqual(['a', 'c']);
    expect(rpa.id).not.toBe(sec.id);
  });
});
