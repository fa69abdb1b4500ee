/**
 * Municipal voices (自治体の声): groups the free-text answers of a survey into topics so that the
 * prefecture reads 59 towns' comments as a handful of subjects, each with the sentences that say
 * it best and the municipalities that raised it.
 *
 * Words, not character n-grams: text is NFKC-normalised and cut into words by the ICU word
 * segmenter built into Node (`Intl.Segmenter('ja')`, offline, no dictionary to load). ICU cuts
 * katakana words it does not know into pieces (リテラシー → リ|テラ|シー), so short adjacent
 * katakana pieces are joined again, as are latin words joined by a hyphen (AI-OCR), a single
 * kanji stuck to a kanji word (交付|金 → 交付金) and two two-kanji words written together
 * (専門|知識 → 専門知識). Only content words are kept: latin terms,
 * katakana terms and words with at least two kanji; particles, hiragana, single kanji and a
 * stopword list go. Sentences become TF-IDF vectors of their words, compared by cosine similarity
 * and merged bottom-up (average linkage) while the best pair is at least `threshold` similar.
 * Topics with fewer than `minTopicSize` sentences go to a remainder topic "その他". Keywords of
 * a topic are words shared by its sentences and rare elsewhere.
 *
 * Bounded work, whatever the input (one answer may hold 10,000 characters): each answer gives at
 * most `maxSentencesPerAnswer` sentences and the survey at most `maxSentences` (taken evenly from
 * every answer, each answer's first sentences first); a sentence is cut into pieces of at most
 * `maxSentenceLength` characters; a sentence keeps at most `maxWordsPerSentence` words. What was
 * left out is counted (`analyzeVoices().leftOutSentenceCount`). Clustering is the
 * nearest-neighbour chain algorithm: O(n²) time on the capped n, one n × n similarity matrix.
 * The result is deterministic: ties break by input order, topics are ordered by size.
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
  /** Words, as most often written (NFKC: ＲＰＡ shows as RPA). */
  keywords: string[];
  /** Items with at least one sentence in this topic, in input order. */
  itemIds: string[];
  /** Municipalities that raised the topic, in input order, each once. */
  municipalityIds: string[];
  /**
   * Up to 3 sentences that say the topic best, never the same text twice, from different
   * municipalities where the topic has them.
   */
  representativeSentences: VoiceSentence[];
  /** Every sentence of the topic, in input order. */
  sentences: VoiceSentence[];
}

export interface GroupVoicesOptions {
  /** Minimum average cosine similarity for two groups to merge (default 0.08). */
  threshold?: number;
  /** Topics with fewer sentences than this go to the remainder (default 2). */
  minTopicSize?: number;
  /** Keywords per topic (default 3). */
  maxKeywords?: number;
  /** Representative sentences per topic (default 3). */
  maxRepresentatives?: number;
  /** Label of the remainder topic (default 'その他'). */
  otherLabel?: string;
  /** Sentences taken from one answer, its first ones (default 40). */
  maxSentencesPerAnswer?: number;
  /** Sentences grouped in all (default 1,500). */
  maxSentences?: number;
  /** Longer sentences are cut into pieces of at most this many characters (default 200). */
  maxSentenceLength?: number;
  /** Words of one sentence used for grouping, its first ones (default 32; a 200-character sentence rarely has more). */
  maxWordsPerSentence?: number;
}

export interface VoiceAnalysis {
  topics: VoiceTopic[];
  /** Sentences beyond the caps, not grouped (0 for any ordinary survey). */
  leftOutSentenceCount: number;
}

export const OTHER_TOPIC_ID = 'other';

export const voiceLimits = {
  maxSentencesPerAnswer: 40,
  maxSentences: 1_500,
  maxSentenceLength: 200,
  maxWordsPerSentence: 32,
} as const;

/**
 * Words too common in municipal answers, or too general, to say what a sentence is about
 * (compared after NFKC and lower-casing). Hiragana words and single kanji are dropped anyway.
 */
const STOPWORDS = new Set([
  // general verbs and nouns, in case a word with two kanji or an odd spelling gets through
  'する',
  'ある',
  'いる',
  'なる',
  'こと',
  'もの',
  'ため',
  'よう',
  '思う',
  '考える',
  '考え',
  '思い',
  '行う',
  '必要',
  '対応',
  '実施',
  '検討',
  '状況',
  '今後',
  '現在',
  '課題',
  '問題',
  '可能',
  '困難',
  // a shortage is the predicate of half the answers; what is short (人材, 端末) is the subject
  '不足',
  '予定',
  '実際',
  '具体的',
  '積極的',
  '様々',
  '今回',
  '以上',
  '以下',
  '以外',
  '非常',
  '十分',
  '場合',
  '程度',
  '部分',
  '全体',
  '一部',
  '各種',
  '関係',
  '関連',
  '推進',
  '取組',
  '取り組み',
  '希望',
  '支援',
  '導入',
  '活用',
  '実現',
  // who and when: every answer is by a municipality, about its staff and residents, this year
  '本町',
  '本市',
  '本村',
  '当町',
  '当市',
  '当村',
  '町村',
  '市町村',
  '自治体',
  '年度',
  '今年度',
  '来年度',
  '昨年度',
  '令和',
  'システム',
  '業務',
  '職員',
  '住民',
]);

/** Single kanji that mean nothing more when stuck to a word (会議|用, 導入|後), left off it. */
const LOOSE_AFFIXES = new Set(['用', '等', '中', '上', '内', '外', '後', '前', '時', '毎', '別', '間', '的']);

/** Answers that say nothing ("特になし"); they are not voices and are left out. */
const EMPTY_ANSWER = /^(特に)?(なし|無し|ない|無い|ありません|ございません|特になし)$/;

const KANJI_CHAR = /[\p{Script=Han}々〆ヶ]/u;
const ALL_KANJI = /^[\p{Script=Han}々〆ヶ]+$/u;
const ALL_KATAKANA = /^[\p{Script=Katakana}ー・]+$/u;
const ALL_HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;
const LATIN_WORD = /^[\p{Script=Latin}0-9]+$/u;
const DIGITS = /^[0-9]+$/;
/**
 * Kanji with okurigana is a word when it is a noun (見直し, 組み合わせ, 見通し), not when it is a
 * verb or adjective in a dictionary or past form (読み取る, 使いやすい, 取り組んだ).
 */
const INFLECTED_ENDING = /[うくすつぬふむゆるぐずづぶぷいたてだでな]$/u;
const KANJI_WITH_KANA = /^[\p{Script=Han}々〆ヶ\p{Script=Hiragana}]+$/u;

const wordSegmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** NFKC folds half-width katakana to full width and full-width latin/digits to ASCII. */
export function normalizeVoiceText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Sentences of an answer, with their closing punctuation, trimmed; empty ones dropped. */
export function splitSentences(text: string): string[] {
  const matches = text.match(/[^。！？!?\n]+[。！？!?]*/g) ?? [];
  return matches.map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * A sentence longer than `max` characters cut into pieces of at most `max`, after the last 、
 * (or comma, or space) of each piece where there is one, so that a run-on answer without 。
 * still reads as sentences and no quoted sentence fills a page.
 */
export function limitSentenceLength(sentence: string, max: number): string[] {
  // UTF-16 length is at least the character count: most sentences need no splitting into characters.
  if (sentence.length <= max) return [sentence];
  const chars = [...sentence];
  if (chars.length <= max) return [sentence];
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + max, chars.length);
    if (end < chars.length) {
      for (let i = end - 1; i > start + max / 2; i--) {
        if ('、，,　 '.includes(chars[i]!)) {
          end = i + 1;
          break;
        }
      }
    }
    const piece = chars.slice(start, end).join('').trim();
    if (piece) pieces.push(piece);
    start = end;
  }
  return pieces;
}

type WordKind = 'kanji' | 'katakana' | 'latin' | 'mixed' | 'other';

interface Segment {
  text: string;
  kind: WordKind;
  /** Characters of the segment as ICU gave it (before joining). */
  pieceLength: number;
}

function kindOf(text: string): WordKind {
  if (ALL_KANJI.test(text)) return 'kanji';
  if (ALL_KATAKANA.test(text)) return 'katakana';
  if (LATIN_WORD.test(text)) return 'latin';
  if (KANJI_CHAR.test(text) && KANJI_WITH_KANA.test(text)) return 'mixed';
  return 'other';
}

/** A word of a sentence: `key` compares (lower case), `surface` shows (NFKC, case kept). */
export interface VoiceWord {
  key: string;
  surface: string;
}

/**
 * The content words of a text, in order: latin terms (RPA, AI-OCR), katakana terms
 * (ガバメントクラウド) and words with at least two kanji (標準化, 交付金, 見直し); not
 * particles, hiragana words, single kanji, pure numbers or stopwords.
 */
export function voiceWords(text: string): VoiceWord[] {
  const normalized = text.normalize('NFKC');
  const joined: Segment[] = [];
  let previousEnd = -1;
  let pendingHyphen = false;
  for (const s of wordSegmenter.segment(normalized)) {
    const adjacent = s.index === previousEnd;
    previousEnd = s.index + s.segment.length;
    const last = joined.at(-1);
    if (!s.isWordLike) {
      // A hyphen between two latin words keeps them one term (AI-OCR, Wi-Fi).
      pendingHyphen = s.segment === '-' && last?.kind === 'latin' && adjacent;
      if (!pendingHyphen) joined.push({ text: s.segment, kind: 'other', pieceLength: s.segment.length });
      continue;
    }
    const kind = kindOf(s.segment);
    const length = [...s.segment].length;
    if (last && pendingHyphen && kind === 'latin') {
      last.text += `-${s.segment}`;
      last.pieceLength = length;
      pendingHyphen = false;
      continue;
    }
    pendingHyphen = false;
    // ICU knows common katakana words whole and cuts unknown ones into pieces of 1–3 characters:
    // join katakana pieces when either side is such a short piece (テレ|ワーク, ガバ|メン|トク).
    if (last?.kind === 'katakana' && kind === 'katakana' && (last.pieceLength <= 3 || length <= 3)) {
      last.text += s.segment;
      last.pieceLength = length;
      continue;
    }
    // Kanji written together: a single kanji stuck to a word is part of it (交付|金, 未|整備) unless
    // it adds nothing (会議|用, 導入|後); two two-kanji words make one four-kanji compound the way
    // a reader takes it (専門|知識, 電子|決裁); longer words stay apart so that 標準化|対象 still
    // shares 標準化 with the other sentences about it.
    if (last?.kind === 'kanji' && kind === 'kanji') {
      const lastLength = [...last.text].length;
      const joins =
        (length === 1 && lastLength >= 2) ||
        (lastLength === 1 && last.pieceLength === 1 && length >= 2) ||
        (lastLength === 2 && last.pieceLength === 2 && length === 2);
      if (joins) {
        if (!(length === 1 && LOOSE_AFFIXES.has(s.segment))) last.text += s.segment;
        last.pieceLength = length;
        continue;
      }
    }
    joined.push({ text: s.segment, kind, pieceLength: length });
  }

  const words: VoiceWord[] = [];
  for (const seg of joined) {
    const chars = [...seg.text];
    let keep = false;
    if (seg.kind === 'latin') keep = chars.length >= 2 && !DIGITS.test(seg.text);
    else if (seg.kind === 'katakana') keep = chars.length >= 2 && /[^ー・]/.test(seg.text);
    else if (seg.kind === 'kanji') keep = chars.length >= 2;
    else if (seg.kind === 'mixed')
      keep = chars.filter((c) => KANJI_CHAR.test(c)).length >= 2 && !INFLECTED_ENDING.test(seg.text);
    if (!keep) continue;
    const surface = seg.kind === 'katakana' ? seg.text.replace(/^・+|・+$/g, '') : seg.text;
    const key = surface.toLowerCase();
    if (STOPWORDS.has(key) || ALL_HIRAGANA.test(key)) continue;
    words.push({ key, surface });
  }
  return words;
}

interface Sentence extends VoiceSentence {
  order: number;
  /** Normalised text without spaces and punctuation: two sentences with the same one are the same. */
  sameness: string;
  /** Unit TF-IDF vector over word keys. */
  vector: Map<string, number>;
  words: VoiceWord[];
}

interface Candidate {
  sentence: VoiceSentence;
  sameness: string;
}

/**
 * The sentences to group: at most `perAnswer` of each answer and `total` in all, taken round
 * robin (every answer's first sentence, then every answer's second, …) so that one long answer
 * cannot crowd out the other towns; returned in input order.
 */
function boundedSentences(
  items: readonly VoiceItem[],
  limits: { perAnswer: number; total: number; length: number },
): { kept: Candidate[]; leftOut: number } {
  const perItem: Candidate[][] = [];
  let leftOut = 0;
  for (const item of items) {
    const list: Candidate[] = [];
    const wholes = splitSentences(item.text);
    for (let w = 0; w < wholes.length; w++) {
      if (list.length >= limits.perAnswer) {
        // Counted, not read: the rest of a long answer costs no more than splitting it.
        leftOut += wholes.length - w;
        break;
      }
      for (const text of limitSentenceLength(wholes[w]!, limits.length)) {
        const sameness = normalizeVoiceText(text).replace(/[\s。、．，,.！？!?・「」『』（）()]/g, '');
        if (sameness.length === 0 || EMPTY_ANSWER.test(sameness)) continue;
        if (list.length >= limits.perAnswer) leftOut++;
        else
          list.push({ sentence: { itemId: item.id, municipalityId: item.municipalityId, text }, sameness });
      }
    }
    perItem.push(list);
  }
  const taken = perItem.map(() => 0);
  let total = 0;
  for (let round = 0; total < limits.total; round++) {
    let any = false;
    for (let i = 0; i < perItem.length && total < limits.total; i++) {
      if (round < perItem[i]!.length) {
        taken[i] = round + 1;
        total++;
        any = true;
      }
    }
    if (!any) break;
  }
  const kept: Candidate[] = [];
  perItem.forEach((list, i) => {
    kept.push(...list.slice(0, taken[i]));
    leftOut += list.length - taken[i]!;
  });
  return { kept, leftOut };
}

export function groupVoices(items: readonly VoiceItem[], options: GroupVoicesOptions = {}): VoiceTopic[] {
  return analyzeVoices(items, options).topics;
}

export function analyzeVoices(items: readonly VoiceItem[], options: GroupVoicesOptions = {}): VoiceAnalysis {
  const threshold = options.threshold ?? 0.08;
  const minTopicSize = Math.max(1, options.minTopicSize ?? 2);
  const maxKeywords = options.maxKeywords ?? 3;
  const maxRepresentatives = options.maxRepresentatives ?? 3;
  const otherLabel = options.otherLabel ?? 'その他';
  const maxWords = options.maxWordsPerSentence ?? voiceLimits.maxWordsPerSentence;

  // 1. Sentences, within the caps, and their words.
  const { kept, leftOut } = boundedSentences(items, {
    perAnswer: options.maxSentencesPerAnswer ?? voiceLimits.maxSentencesPerAnswer,
    total: options.maxSentences ?? voiceLimits.maxSentences,
    length: options.maxSentenceLength ?? voiceLimits.maxSentenceLength,
  });
  if (kept.length === 0) return { topics: [], leftOutSentenceCount: leftOut };
  // The same sentence is often written by several towns (shared templates): segment it once.
  const wordsByText = new Map<string, VoiceWord[]>();
  const wordsOf = kept.map((c) => {
    let words = wordsByText.get(c.sentence.text);
    if (!words) {
      words = voiceWords(c.sentence.text).slice(0, maxWords);
      wordsByText.set(c.sentence.text, words);
    }
    return words;
  });

  // 2. TF-IDF vectors, unit length.
  const n = kept.length;
  const df = new Map<string, number>();
  for (const words of wordsOf)
    for (const key of new Set(words.map((w) => w.key))) df.set(key, (df.get(key) ?? 0) + 1);
  const idf = (key: string) => Math.log((1 + n) / (1 + (df.get(key) ?? 0))) + 1;
  const sentences: Sentence[] = kept.map((c, order) => {
    const counts = new Map<string, number>();
    for (const w of wordsOf[order]!) counts.set(w.key, (counts.get(w.key) ?? 0) + 1);
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [key, count] of counts) {
      const weight = (1 + Math.log(count)) * idf(key);
      vector.set(key, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [key, weight] of vector) vector.set(key, weight / norm);
    return { ...c.sentence, order, sameness: c.sameness, vector, words: wordsOf[order]! };
  });

  // 3. Pairwise similarities through an inverted index: only pairs sharing a word cost anything.
  // Single precision: 9 MB for the largest n, and more than enough to rank similarities.
  const sim = new Float32Array(n * n);
  const postings = new Map<string, { indices: number[]; weights: number[] }>();
  for (const s of sentences) {
    for (const [key, weight] of s.vector) {
      const list = postings.get(key) ?? { indices: [], weights: [] };
      if (list.indices.length === 0) postings.set(key, list);
      list.indices.push(s.order);
      list.weights.push(weight);
    }
  }
  for (const { indices, weights } of postings.values()) {
    const count = indices.length;
    for (let x = 0; x < count; x++) {
      const row = indices[x]! * n;
      const wx = weights[x]!;
      // Postings are in sentence order, so indices[x] < indices[y]: the upper triangle, mirrored below.
      for (let y = x + 1; y < count; y++) {
        const at = row + indices[y]!;
        sim[at] = sim[at]! + wx * weights[y]!;
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[j * n + i] = sim[i * n + j]!;

  // 4. Average-linkage clustering by nearest-neighbour chains, which gives the same tree as
  //    always merging the most similar pair but in O(n²): follow each cluster to its most
  //    similar one until two clusters are each other's nearest, and merge those. A cluster whose
  //    nearest is below the threshold never merges again (an average of values below the
  //    threshold stays below it), so it is set aside. `sim` holds cluster similarities, updated
  //    in place on merge (Lance–Williams: the size-weighted average of the two rows).
  const members: number[][] = sentences.map((_, i) => [i]);
  const active = new Uint8Array(n).fill(1);
  const settled = new Uint8Array(n);
  // A merged cluster keeps the lower index, so the next chain starts from the lowest open one.
  let start = 0;
  for (;;) {
    while (start < n && (!active[start] || settled[start])) start++;
    if (start >= n) break;
    const chain: number[] = [start];
    while (chain.length > 0) {
      const a = chain.at(-1)!;
      const previous = chain.length >= 2 ? chain.at(-2)! : -1;
      // Ties go to the previous link of the chain (so the chain ends), then to the lower index.
      let best = previous;
      let bestSim = previous >= 0 ? sim[a * n + previous]! : -1;
      for (let c = 0; c < n; c++) {
        if (c === a || c === previous || !active[c] || settled[c]) continue;
        const s = sim[a * n + c]!;
        if (s > bestSim) {
          best = c;
          bestSim = s;
        }
      }
      if (best < 0 || bestSim < threshold) {
        settled[a] = 1;
        chain.pop();
        continue;
      }
      if (best !== previous) {
        chain.push(best);
        continue;
      }
      chain.pop();
      chain.pop();
      const [keep, drop] = a < best ? [a, best] : [best, a];
      const sizeKeep = members[keep]!.length;
      const sizeDrop = members[drop]!.length;
      for (let c = 0; c < n; c++) {
        if (!active[c] || c === keep || c === drop) continue;
        const merged =
          (sizeKeep * sim[keep * n + c]! + sizeDrop * sim[drop * n + c]!) / (sizeKeep + sizeDrop);
        sim[keep * n + c] = merged;
        sim[c * n + keep] = merged;
      }
      members[keep] = [...members[keep]!, ...members[drop]!].sort((x, y) => x - y);
      active[drop] = 0;
      start = Math.min(start, keep);
    }
  }

  const clusters = members.filter((_, i) => active[i]);
  const topicClusters = clusters.filter((m) => m.length >= minTopicSize);
  const rest = clusters
    .filter((m) => m.length < minTopicSize)
    .flat()
    .sort((x, y) => x - y);

  const surfaceOf = mostWrittenSurfaces(sentences);
  const topics = topicClusters
    .map((m) => ({
      m,
      ...describe(m, sentences, maxRepresentatives, true),
      keywords: topicKeywords(m, sentences, df, maxKeywords).map((key) => surfaceOf.get(key) ?? key),
    }))
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
    // The remainder has no centre; its first sentences (of different towns) stand for it.
    const d = describe(rest, sentences, maxRepresentatives, false);
    topics.push({
      id: OTHER_TOPIC_ID,
      label: otherLabel,
      keywords: [],
      itemIds: d.itemIds,
      municipalityIds: d.municipalityIds,
      representativeSentences: d.representativeSentences,
      sentences: d.sentences,
    });
  }
  return { topics, leftOutSentenceCount: leftOut };
}

/**
 * Items, towns and representative sentences of a cluster. Representatives are ranked by how
 * similar they are to the rest of the topic (the dot product with the sum of the members'
 * unit vectors, linear in the topic's words) or, for the remainder, by input order; then chosen
 * never twice the same text, first one per municipality, then one per answer, then any.
 */
function describe(memberIdx: number[], sentences: Sentence[], max: number, byCentrality: boolean) {
  const list = memberIdx.map((i) => sentences[i]!);
  let ranked = list;
  if (byCentrality) {
    const sum = new Map<string, number>();
    for (const s of list) for (const [k, w] of s.vector) sum.set(k, (sum.get(k) ?? 0) + w);
    const centrality = new Map<number, number>();
    for (const s of list) {
      let dot = 0;
      for (const [k, w] of s.vector) dot += w * (sum.get(k) ?? 0);
      centrality.set(s.order, dot);
    }
    ranked = [...list].sort(
      (x, y) => centrality.get(y.order)! - centrality.get(x.order)! || x.order - y.order,
    );
  }
  const chosen: Sentence[] = [];
  const texts = new Set<string>();
  const pass = (isNew: (s: Sentence) => boolean) => {
    for (const s of ranked) {
      if (chosen.length >= max) return;
      if (texts.has(s.sameness) || !isNew(s)) continue;
      texts.add(s.sameness);
      chosen.push(s);
    }
  };
  pass((s) => !chosen.some((c) => c.municipalityId === s.municipalityId));
  pass((s) => !chosen.some((c) => c.itemId === s.itemId));
  pass(() => true);
  return {
    itemIds: unique(list.map((s) => s.itemId)),
    municipalityIds: unique(list.map((s) => s.municipalityId)),
    representativeSentences: chosen.map(publicSentence),
    sentences: list.map(publicSentence),
  };
}

/**
 * Keywords of a topic: words found in most of its sentences and rare elsewhere (in-topic
 * sentence count × global IDF); a longer word wins a tie, and a word contained in (or containing)
 * a chosen one is skipped so that セキュリティ does not also show as 情報セキュリティ.
 */
function topicKeywords(memberIdx: number[], all: Sentence[], df: Map<string, number>, max: number): string[] {
  const inTopic = new Map<string, number>();
  for (const i of memberIdx)
    for (const key of all[i]!.vector.keys()) inTopic.set(key, (inTopic.get(key) ?? 0) + 1);
  const minCount = memberIdx.length >= 2 ? 2 : 1;
  const n = all.length;
  const scored = [...inTopic.entries()]
    .filter(([, c]) => c >= minCount)
    .map(([key, c]) => ({ key, score: c * (Math.log((1 + n) / (1 + (df.get(key) ?? 0))) + 1) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        [...b.key].length - [...a.key].length ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  const chosen: string[] = [];
  for (const { key } of scored) {
    if (chosen.length >= max) break;
    if (chosen.some((c) => c.includes(key) || key.includes(c))) continue;
    chosen.push(key);
  }
  return chosen;
}

/** The way each word is most often written (RPA rather than rpa), the first seen on a tie. */
function mostWrittenSurfaces(sentences: Sentence[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const s of sentences) {
    for (const w of s.words) {
      const forms = counts.get(w.key) ?? new Map<string, number>();
      forms.set(w.surface, (forms.get(w.surface) ?? 0) + 1);
      counts.set(w.key, forms);
    }
  }
  const out = new Map<string, string>();
  for (const [key, forms] of counts) {
    let best = '';
    let bestCount = 0;
    for (const [surface, c] of forms) {
      if (c > bestCount) {
        best = surface;
        bestCount = c;
      }
    }
    out.set(key, best);
  }
  return out;
}

function publicSentence(s: Sentence): VoiceSentence {
  return { itemId: s.itemId, municipalityId: s.municipalityId, text: s.text };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
