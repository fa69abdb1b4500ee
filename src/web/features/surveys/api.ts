import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiClient } from '../../api/typed-client';

import type { Crosstab } from '../../../shared/schemas/surveys';

export type {
  Crosstab,
  OptionCount,
  QuestionResult,
  ResponseStatus,
  SharedView,
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

export function useSurveyList(fiscalYearId: string | undefined) {
  return useQuery({
    queryKey: [...surveysKey, 'list', fiscalYearId ?? 'all'],
    queryFn: () =>
      apiClient.get('/api/surveys', { params: { query: { fiscalYearId } } }).then((r) => r.items),
  });
}

export function useSurvey(id: string) {
  return useQuery({
    queryKey: [...surveysKey, id],
    queryFn: () => apiClient.get('/api/surveys/{id}', { params: { path: { id } } }),
  });
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
