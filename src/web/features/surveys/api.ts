import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type BodyOf, type QueryOf, apiClient } from '../../api/typed-client';

import type { Crosstab } from '../../../shared/schemas/surveys';

export type {
  Crosstab,
  OptionCount,
  QuestionResult,
  ReminderPreview,
  ResponseStatus,
  SharedView,
  SurveyAbilities,
  SurveyDetail,
  SurveyResponse,
  SurveyResults,
  SurveySummary,
} from '../../../shared/schemas/surveys';

export type CrosstabDimension = Crosstab['dimension'];

/** A topic of municipal voices as the results route serves it (names are added when the server has them). */
export interface VoiceTopicView {
  id: string;
  label: string;
  keywords: string[];
  itemIds?: string[];
  municipalityIds: string[];
  municipalityNames?: string[];
  representativeSentences: {
    itemId: string;
    municipalityId: string;
    municipalityName?: string;
    text: string;
  }[];
  sentences?: unknown[];
  sentenceCount?: number;
}

export const surveysKey = ['surveys'] as const;

export function surveyPath(id: string, rest = ''): string {
  return `/api/surveys/${encodeURIComponent(id)}${rest}`;
}

/** The narrowing a link may carry (the admin home's grouped per-project surveys): kind, audience, week, pending. */
export type SurveyListFilter = Omit<QueryOf<'/api/surveys', 'get'>, 'fiscalYearId'>;

export function useSurveyList(fiscalYearId: string | undefined, filter: SurveyListFilter = {}) {
  return useQuery({
    queryKey: [...surveysKey, 'list', fiscalYearId ?? 'all', filter],
    queryFn: () =>
      apiClient.get('/api/surveys', { params: { query: { ...filter, fiscalYearId } } }).then((r) => r.items),
  });
}

export function surveyQuery(id: string) {
  return {
    queryKey: [...surveysKey, id],
    queryFn: () => apiClient.get('/api/surveys/{id}', { params: { path: { id } } }),
  };
}

export function useSurvey(id: string) {
  return useQuery(surveyQuery(id));
}

/** The respondent's own response, or a proxy draft for `municipalityId` (prefecture staff). */
export function useMyResponse(id: string, municipalityId?: string) {
  return useQuery({
    queryKey: [...surveysKey, id, 'response', municipalityId ?? 'mine'],
    queryFn: () =>
      municipalityId
        ? apiClient.get('/api/surveys/{id}/proxy/{municipalityId}', {
            params: { path: { id, municipalityId } },
          })
        : apiClient.get('/api/surveys/{id}/response', { params: { path: { id } } }),
    // The form keeps its own state once loaded: no background refetch may reset it, and the
    // cached copy is dropped when the page closes so that coming back reads the saved draft.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useSurveyResults(id: string) {
  return useQuery({
    queryKey: [...surveysKey, id, 'results'],
    queryFn: () => apiClient.get('/api/surveys/{id}/results', { params: { path: { id } } }),
  });
}

export function useCrosstab(id: string, questionKey: string, dimension: CrosstabDimension) {
  return useQuery({
    queryKey: [...surveysKey, id, 'crosstab', questionKey, dimension],
    queryFn: () =>
      apiClient.get('/api/surveys/{id}/results/crosstab', {
        params: { path: { id }, query: { questionKey, by: dimension } },
      }),
    enabled: questionKey !== '',
  });
}

export function useVoices(id: string) {
  return useQuery({
    queryKey: [...surveysKey, id, 'voices'],
    queryFn: () =>
      apiClient
        .get('/api/surveys/{id}/results/voices', { params: { path: { id } } })
        .then((r): { topics: VoiceTopicView[]; leftOutSentenceCount: number } => r),
  });
}

export function useInvalidateSurveys() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: surveysKey }),
        queryClient.invalidateQueries({ queryKey: ['home'] }),
      ]),
    [queryClient],
  );
}

/** The aggregated view the prefecture published for council members. */
export function useSharedView(id: string) {
  return useQuery({
    queryKey: [...surveysKey, id, 'shared'],
    queryFn: () => apiClient.get('/api/surveys/{id}/shared', { params: { path: { id } } }),
  });
}

/** A town's maturity levels; `submittedAt` is part of the key so a (re)submission reads them again. */
export function useMaturity(surveyId: string, municipalityId: string, submittedAt: string | null) {
  return useQuery({
    queryKey: [...surveysKey, surveyId, 'maturity', municipalityId, submittedAt ?? 'none'],
    queryFn: () =>
      apiClient.get('/api/surveys/{id}/maturity/{municipalityId}', {
        params: { path: { id: surveyId, municipalityId } },
      }),
  });
}

export const shareConfigKey = (surveyId: string) => [...surveysKey, surveyId, 'share'] as const;

/** The saved sharing settings; the form starts from them and owns them once loaded. */
export function useShareConfig(surveyId: string) {
  return useQuery({
    queryKey: shareConfigKey(surveyId),
    queryFn: () => apiClient.get('/api/surveys/{id}/share', { params: { path: { id: surveyId } } }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

type ResponseBody = BodyOf<'/api/surveys/{id}/response', 'put'>;

/**
 * The respondent's own response, or the proxy draft a prefecture user keeps for `municipalityId`:
 * the same calls on two paths (a proxy draft is never submitted by the prefecture).
 */
export function responseCalls(surveyId: string, municipalityId?: string) {
  if (municipalityId) {
    const params = { path: { id: surveyId, municipalityId } };
    // No submit: the town submits its own response; the prefecture only keeps the draft.
    return {
      saveDraft: (body: ResponseBody) =>
        apiClient.put('/api/surveys/{id}/proxy/{municipalityId}', { params, body }),
      read: () => apiClient.get('/api/surveys/{id}/proxy/{municipalityId}', { params }),
    };
  }
  const params = { path: { id: surveyId } };
  return {
    saveDraft: (body: ResponseBody) => apiClient.put('/api/surveys/{id}/response', { params, body }),
    submit: (body: ResponseBody) => apiClient.post('/api/surveys/{id}/response/submit', { params, body }),
    read: () => apiClient.get('/api/surveys/{id}/response', { params }),
  };
}

/** The calls that change surveys data; pages wrap them in mutations and then useInvalidateSurveys(). */
export const surveysCalls = {
  create: (body: BodyOf<'/api/surveys', 'post'>) => apiClient.post('/api/surveys', { body }),
  publish: (id: string, body: BodyOf<'/api/surveys/{id}/publish', 'post'>) =>
    apiClient.post('/api/surveys/{id}/publish', { params: { path: { id } }, body }),
  update: (id: string, body: BodyOf<'/api/surveys/{id}', 'patch'>) =>
    apiClient.patch('/api/surveys/{id}', { params: { path: { id } }, body }),
  saveShareConfig: (id: string, body: BodyOf<'/api/surveys/{id}/share', 'put'>) =>
    apiClient.put('/api/surveys/{id}/share', { params: { path: { id } }, body }),
  /** What sending reminders would do now (asked before the prefecture confirms). */
  reminderPreview: (id: string) =>
    apiClient.get('/api/surveys/{id}/reminders/preview', { params: { path: { id } } }),
  /** Queues a reminder mail to every municipality that has not submitted. */
  remind: (id: string) => apiClient.post('/api/surveys/{id}/reminders', { params: { path: { id } } }),
  /** Last year's answers for questions with the same key. */
  prefill: (id: string) => apiClient.get('/api/surveys/{id}/response/prefill', { params: { path: { id } } }),
};
