import { analyzeVoices, type VoiceAnalysis } from '../../domain/voices';
import type { RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { allQuestions } from './answers';
import { loadForResults } from './surveys.common';
import { findSubmittedWithPlace } from './surveys.repository';

/** What a page view needs of the grouping: topics without their full sentence lists. */
interface CachedVoices {
  topics: {
    id: string;
    label: string;
    keywords: string[];
    municipalityIds: string[];
    representativeSentences: { itemId: string; municipalityId: string; text: string }[];
    sentenceCount: number;
  }[];
  leftOutSentenceCount: number;
}

/** A small least-recently-used map: a hit moves the entry to the back, the oldest goes first. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface SurveyVoicesOptions {
  /** The grouping; replaced in tests to count how often it runs. */
  analyze?: (items: Parameters<typeof analyzeVoices>[0]) => VoiceAnalysis;
  /** Surveys whose grouping is kept in memory (default 16; an entry is at most a few hundred KB). */
  cacheEntries?: number;
}

/**
 * Municipal voices: the free-text answers of a survey grouped into topics, with town names.
 * Grouping costs up to a few hundred milliseconds on the largest survey, so the result is kept
 * per survey version and set of submitted responses: the key holds the survey's version, the
 * number of submitted responses, the latest submission time and every response's own version,
 * so a new, withdrawn or edited submission (even within the same clock tick) misses the cache
 * and nothing has to be invalidated by hand. Town names are applied on every view.
 */
export function createSurveyVoices(deps: ServiceDeps, options: SurveyVoicesOptions = {}) {
  const { db } = deps;
  const analyze = options.analyze ?? analyzeVoices;
  const cache = new LruCache<string, CachedVoices>(options.cacheEntries ?? 16);
  return {
    async voices(ctx: RequestContext, id: string) {
      const { survey } = await loadForResults(db, ctx, id);
      const rows = await findSubmittedWithPlace(db, id);
      const names = new Map(rows.map((r) => [r.municipalityId, r.name]));
      const latestSubmission = Math.max(0, ...rows.map((r) => r.submittedAt?.getTime() ?? 0));
      const key = [
        survey.id,
        survey.version,
        rows.length,
        latestSubmission,
        rows.map((r) => `${r.responseId}@${r.responseVersion}`).join(','),
      ].join('|');
      let grouped = cache.get(key);
      if (!grouped) {
        const textKeys = allQuestions(survey.definition)
          .filter((q) => q.type === 'long_text')
          .map((q) => q.key);
        const items = rows.flatMap((r) =>
          textKeys.flatMap((k) => {
            const v = r.answers[k];
            return typeof v === 'string' && v.trim() !== ''
              ? [{ id: `${r.municipalityId}:${k}`, municipalityId: r.municipalityId, text: v }]
              : [];
          }),
        );
        const analysis = analyze(items);
        grouped = {
          topics: analysis.topics.map((t) => ({
            id: t.id,
            label: t.label,
            keywords: t.keywords,
            municipalityIds: t.municipalityIds,
            representativeSentences: t.representativeSentences,
            sentenceCount: t.sentences.length,
          })),
          leftOutSentenceCount: analysis.leftOutSentenceCount,
        };
        cache.set(key, grouped);
      }
      return {
        topics: grouped.topics.map((t) => ({
          ...t,
          municipalityNames: t.municipalityIds.map((m) => names.get(m) ?? ''),
          representativeSentences: t.representativeSentences.map((s) => ({
            ...s,
            municipalityName: names.get(s.municipalityId) ?? '',
          })),
        })),
        leftOutSentenceCount: grouped.leftOutSentenceCount,
      };
    },
  };
}
