/**
 * Municipal voices (自治体の声): groups the free-text answers of a survey into topics so that the
 * prefecture reads 59 towns' comments as a handful of subjects, each with the sentences that say
 * it best and the municipalities that raised it.
 *
 * Pure and dependency-free (no morphological analyser): Japanese has no spaces, so the text is cut
 * into script runs (kanji, katakana, latin/digits); hiragana is dropped because it carries mostly
 * particles and inflections (です・ます・の・を). Each run gives character 2- and 3-grams plus the
 * whole run as features, weighted by TF-IDF; sentences are compared by cosine similarity and
 * merged bottom-up (average linkage) while the best pair is at least `threshold` similar. Topics
 * with fewer than `minTopicSize` sentences go to a remainder topic "その他". The result is
 * deterministic: ties break by input order, topics are ordered by size.
 */

export interface VoiceItem {
  id: string;
  municipalityId: string;
  text: string;
}

export interface VoiceSentence {
  itemId: string;
  municipalityId: string;
  text: string;
}

export interface VoiceTopic {
  /** `topic-1`, `topic-2`, … in output order; the remainder topic is `other`. */
  id: string;
  /** Top keywords joined with '・' (or the remainder label). */
  label: string;
  keywords: string[];
  /** Items with at least one sentence in this topic, in input order. */
  itemIds: string[];
  /** Municipalities that raised the topic, in input order, each once. */
  municipalityIds: string[];
  /** The 2–3 sentences most similar to the rest of the topic (fewer if the topic is smaller). */
  representativeSentences: VoiceSentence[];
  /** Every sentence of the topic, in input order. */
  sentences: VoiceSentence[];
}

export interface GroupVoicesOptions {
  /** Minimum average cosine similarity for two groups to merge (default 0.06). */
  threshold?: number;
  /** Topics with fewer sentences than this go to the remainder (default 2). */
  minTopicSize?: number;
  /** Keywords per topic (default 3). */
  maxKeywords?: number;
  /** Representative sentences per topic (default 3). */
  maxRepresentatives?: number;
  /** Label of the remainder topic (default 'その他'). */
  otherLabel?: string;
}

export const OTHER_TOPIC_ID = 'other';

/** Words too common in municipal answers to say what a sentence is about. */
const STOPWORDS = new Set([
  '必要',
  '対応',
  '実施',
  '検討',
  '状況',
  '今後',
  '現在',
  '課題',
  '本町',
  '本市',
  '本村',
  '当町',
  '当市',
  '当村',
  '町村',
  '市町村',
  '自治体',
  '非常',
  '十分',
  '場合',
  '程度',
  '部分',
  '全体',
  '一部',
  '各種',
  '関係',
  '推進',
  '取組',
  '希望',
  '支援',
  '導入',
  '活用',
  '実現',
  '年度',
  '今年度',
  '来年度',
  '昨年度',
  '令和',
  'システム',
  '業務',
  '職員',
  '住民',
  '特',
  '町',
  '村',
  '市',
  '県',
  '国',
  '等',
  '他',
  '中',
  '上',
  '的',
  '方',
  '時',
  '度',
  '後',
  '前',
  '内',
  '外',
  '数',
  '化',
  '性',
  '分',
  '者',
  '毎',
  '多',
  '少',
  '際',
  '点',
  '面',
]);

/** Answers that say nothing ("特になし"); they are not voices and are left out. */
const EMPTY_ANSWER = /^(特に)?(なし|無し|ない|無い|ありません|ございません|特になし)$/;

const KANJI = /[\p{Script=Han}々〆ヶ]/u;
const KATAKANA = /[\p{Script=Katakana}ー]/u;
const LATIN = /[a-z0-9]/;

type Script = 'kanji' | 'katakana' | 'latin' | null;

function scriptOf(ch: string): Script {
  if (KANJI.test(ch)) return 'kanji';
  if (KATAKANA.test(ch)) return 'katakana';
  if (LATIN.test(ch)) return 'latin';
  return null;
}

/** NFKC folds half-width katakana to full width and full-width latin/digits to ASCII. */
export function normalizeVoiceText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Sentences of an answer, with their closing punctuation, trimmed; empty ones dropped. */
export function splitSentences(text: string): string[] {
  const matches = text.match(/[^。！？!?\n]+[。！？!?]*/g) ?? [];
  return matches.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Script runs of a normalised sentence: kanji, katakana (ー included) and latin/digit words. */
export function scriptRuns(normalized: string): string[] {
  const runs: string[] = [];
  let current = '';
  let currentScript: Script = null;
  for (const ch of normalized) {
    const script = scriptOf(ch);
    // A long-vowel mark belongs to the katakana word it follows.
    const effective: Script = ch === 'ー' && currentScript === 'katakana' ? 'katakana' : script;
    if (effective !== null && effective === currentScript) {
      current += ch;
      continue;
    }
    if (current && currentScript) runs.push(current);
    current = effective ? ch : '';
    currentScript = effective;
  }
  if (current && currentScript) runs.push(current);
  return runs;
}

/** Similarity features of a sentence: 2/3-grams of each run and the whole run, stopwords out. */
export function sentenceFeatures(normalized: string): string[] {
  const features: string[] = [];
  for (const run of scriptRuns(normalized)) {
    if (STOPWORDS.has(run)) continue;
    const chars = [...run];
    if (LATIN.test(chars[0]!)) {
      if (chars.length >= 2 && !STOPWORDS.has(run)) features.push(run);
      continue;
    }
    if (chars.length === 1) {
      if (KANJI.test(run) && !STOPWORDS.has(run)) features.push(run);
      continue;
    }
    if (!STOPWORDS.has(run)) features.push(`=${run}`);
    for (const n of [2, 3]) {
      for (let i = 0; i + n <= chars.length; i++) {
        const gram = chars.slice(i, i + n).join('');
        if (!STOPWORDS.has(gram)) features.push(gram);
      }
    }
  }
  return features;
}

/** Keyword candidates of a sentence: every substring (2–8 chars) of each run, stopwords out. */
function keywordCandidates(normalized: string): Set<string> {
  const out = new Set<string>();
  for (const run of scriptRuns(normalized)) {
    if (STOPWORDS.has(run)) continue;
    const chars = [...run];
    if (LATIN.test(chars[0]!)) {
      if (chars.length >= 2 && !STOPWORDS.has(run)) out.add(run);
      continue;
    }
    for (let i = 0; i < chars.length; i++) {
      for (let n = 2; n <= 8 && i + n <= chars.length; n++) {
        const term = chars.slice(i, i + n).join('');
        // A term starting with a long-vowel mark is a fragment, not a word.
        if (term.startsWith('ー') || STOPWORDS.has(term)) continue;
        out.add(term);
      }
    }
  }
  return out;
}

interface Sentence extends VoiceSentence {
  order: number;
  vector: Map<string, number>;
  candidates: Set<string>;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) dot += v * w;
  }
  return dot; // vectors are unit length
}

export function groupVoices(items: readonly VoiceItem[], options: GroupVoicesOptions = {}): VoiceTopic[] {
  const threshold = options.threshold ?? 0.06;
  const minTopicSize = Math.max(1, options.minTopicSize ?? 2);
  const maxKeywords = options.maxKeywords ?? 3;
  const maxRepresentatives = options.maxRepresentatives ?? 3;
  const otherLabel = options.otherLabel ?? 'その他';

  // 1. Sentences and their raw term counts.
  const raw: { sentence: VoiceSentence; counts: Map<string, number>; candidates: Set<string> }[] = [];
  for (const item of items) {
    for (const text of splitSentences(item.text)) {
      const normalized = normalizeVoiceText(text);
      const bare = normalized.replace(/[\s。、．，！？!?・「」『』（）()]/g, '');
      if (bare.length === 0 || EMPTY_ANSWER.test(bare)) continue;
      const counts = new Map<string, number>();
      for (const f of sentenceFeatures(normalized)) counts.set(f, (counts.get(f) ?? 0) + 1);
      raw.push({
        sentence: { itemId: item.id, municipalityId: item.municipalityId, text },
        counts,
        candidates: keywordCandidates(normalized),
      });
    }
  }
  if (raw.length === 0) return [];

  // 2. TF-IDF vectors, unit length.
  const df = new Map<string, number>();
  for (const r of raw) for (const f of r.counts.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const n = raw.length;
  const idf = (f: string) => Math.log((1 + n) / (1 + (df.get(f) ?? 0))) + 1;
  const sentences: Sentence[] = raw.map((r, order) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [f, c] of r.counts) {
      const w = (1 + Math.log(c)) * idf(f);
      vector.set(f, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [f, w] of vector) vector.set(f, w / norm);
    return { ...r.sentence, order, vector, candidates: r.candidates };
  });

  // 3. Pairwise similarities.
  const sim: number[][] = sentences.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    sim[i]![i] = 1;
    for (let j = i + 1; j < n; j++) {
      const s = cosine(sentences[i]!.vector, sentences[j]!.vector);
      sim[i]![j] = s;
      sim[j]![i] = s;
    }
  }

  // 4. Average-linkage agglomerative clustering. `link[a][b]` holds the sum of similarities
  //    between the members of clusters a and b; merging b into a adds b's row to a's.
  const link: number[][] = sim.map((row) => row.slice());
  const members: number[][] = sentences.map((_, i) => [i]);
  const active: boolean[] = sentences.map(() => true);
  for (;;) {
    let best = -1;
    let bestA = -1;
    let bestB = -1;
    for (let a = 0; a < n; a++) {
      if (!active[a]) continue;
      const sizeA = members[a]!.length;
      const row = link[a]!;
      for (let b = a + 1; b < n; b++) {
        if (!active[b]) continue;
        const avg = row[b]! / (sizeA * members[b]!.length);
        if (avg > best) {
          best = avg;
          bestA = a;
          bestB = b;
        }
      }
    }
    if (bestA < 0 || best < threshold) break;
    for (let c = 0; c < n; c++) {
      if (!active[c] || c === bestA || c === bestB) continue;
      const merged = link[bestA]![c]! + link[bestB]![c]!;
      link[bestA]![c] = merged;
      link[c]![bestA] = merged;
    }
    members[bestA] = [...members[bestA]!, ...members[bestB]!].sort((x, y) => x - y);
    active[bestB] = false;
  }

  const clusters = members.filter((_, i) => active[i]);
  const topicClusters = clusters.filter((m) => m.length >= minTopicSize);
  const rest = clusters
    .filter((m) => m.length < minTopicSize)
    .flat()
    .sort((x, y) => x - y);

  const describe = (memberIdx: number[]) => {
    const list = memberIdx.map((i) => sentences[i]!);
    const itemIds = unique(list.map((s) => s.itemId));
    const municipalityIds = unique(list.map((s) => s.municipalityId));
    const centrality = memberIdx.map((i) =>
      memberIdx.length === 1 ? 1 : memberIdx.reduce((sum, j) => (j === i ? sum : sum + sim[i]![j]!), 0),
    );
    const ranked = memberIdx
      .map((i, k) => ({ i, score: centrality[k]! }))
      .sort((x, y) => y.score - x.score || x.i - y.i);
    // Prefer representatives from different answers; fill up from the same answer if needed.
    const chosen: number[] = [];
    const seenItems = new Set<string>();
    for (const r of ranked) {
      if (chosen.length >= maxRepresentatives) break;
      const item = sentences[r.i]!.itemId;
      if (seenItems.has(item)) continue;
      seenItems.add(item);
      chosen.push(r.i);
    }
    for (const r of ranked) {
      if (chosen.length >= maxRepresentatives) break;
      if (!chosen.includes(r.i)) chosen.push(r.i);
    }
    return {
      itemIds,
      municipalityIds,
      representativeSentences: chosen.map((i) => publicSentence(sentences[i]!)),
      sentences: list.map(publicSentence),
    };
  };

  const topics = topicClusters
    .map((m) => ({ m, ...describe(m), keywords: topicKeywords(m, sentences, maxKeywords) }))
    .sort(
      (x, y) =>
        y.municipalityIds.length - x.municipalityIds.length || y.m.length - x.m.length || x.m[0]! - y.m[0]!,
    )
    .map(
      (t, index): VoiceTopic => ({
        id: `topic-${index + 1}`,
        label: t.keywords.length > 0 ? t.keywords.join('・') : otherLabel,
        keywords: t.keywords,
        itemIds: t.itemIds,
        municipalityIds: t.municipalityIds,
        representativeSentences: t.representativeSentences,
        sentences: t.sentences,
      }),
    );

  if (rest.length > 0) {
    const d = describe(rest);
    topics.push({
      id: OTHER_TOPIC_ID,
      label: otherLabel,
      keywords: [],
      itemIds: d.itemIds,
      municipalityIds: d.municipalityIds,
      // The remainder has no centre; its first sentences stand for it.
      representativeSentences: d.sentences.slice(0, maxRepresentatives),
      sentences: d.sentences,
    });
  }
  return topics;
}

/**
 * Keywords of a topic: substrings shared by most of its sentences and rare elsewhere
 * (in-topic document frequency × global IDF); a longer term wins a tie, and a term contained in
 * (or containing) a chosen one is skipped so that 標準化 does not also show as 標準.
 */
function topicKeywords(memberIdx: number[], all: Sentence[], max: number): string[] {
  const globalDf = new Map<string, number>();
  for (const s of all) for (const t of s.candidates) globalDf.set(t, (globalDf.get(t) ?? 0) + 1);
  const inTopic = new Map<string, number>();
  for (const i of memberIdx) for (const t of all[i]!.candidates) inTopic.set(t, (inTopic.get(t) ?? 0) + 1);
  const minDf = memberIdx.length >= 2 ? 2 : 1;
  const n = all.length;
  // A fragment (準化) seen exactly as often as a longer term containing it (標準化) is not a word.
  const frequent = [...inTopic.entries()].filter(([, c]) => c >= minDf);
  const closed = frequent.filter(
    ([term, c]) => !frequent.some(([other, oc]) => oc === c && other !== term && other.includes(term)),
  );
  const scored = closed
    .map(([term, c]) => ({
      term,
      score: c * (Math.log((1 + n) / (1 + (globalDf.get(term) ?? 0))) + 1),
    }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        [...b.term].length - [...a.term].length ||
        (a.term < b.term ? -1 : a.term > b.term ? 1 : 0),
    );
  const chosen: string[] = [];
  for (const { term } of scored) {
    if (chosen.length >= max) break;
    if (chosen.some((c) => c.includes(term) || term.includes(c))) continue;
    chosen.push(term);
  }
  return chosen;
}

function publicSentence(s: Sentence): VoiceSentence {
  return { itemId: s.itemId, municipalityId: s.municipalityId, text: s.text };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
