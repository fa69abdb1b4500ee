import { groupVoices } from '../../domain/voices';
import type { RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { allQuestions } from './answers';
import { loadForResults } from './surveys.common';
import { findSubmittedWithPlace } from './surveys.repository';

/** Municipal voices: the free-text answers of a survey grouped into topics, with town names. */
export function createSurveyVoices(deps: ServiceDeps) {
  const { db } = deps;
  return {
    async voices(ctx: RequestContext, id: string) {
      const { survey } = await loadForResults(db, ctx, id);
      const rows = await findSubmittedWithPlace(db, id);
      const names = new Map(rows.map((r) => [r.municipalityId, r.name]));
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
      return groupVoices(items).map((t) => ({
        id: t.id,
        label: t.label,
        keywords: t.keywords,
        municipalityIds: t.municipalityIds,
        municipalityNames: t.municipalityIds.map((m) => names.get(m) ?? ''),
        representativeSentences: t.representativeSentences.map((s) => ({
          ...s,
          municipalityName: names.get(s.municipalityId) ?? '',
        })),
        sentenceCount: t.sentences.length,
      }));
    },
  };
}
