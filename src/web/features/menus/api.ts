import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  AdvisorList,
  AdvisorProfile,
  CatalogList,
  CatalogQuery,
  MenuDetail,
  MenuSettings,
  MyReviewList,
  Proposal,
  ProposalList,
  ProposalReviews,
  ProposalStatus,
  Ranking,
  RecommendationList,
  ReviewerList,
} from '../../../shared/schemas/menus';
import { api } from '../../api/client';

/** Every menus query starts with this key, so one invalidation refreshes the feature. */
export const menusKey = ['menus'] as const;
const enc = encodeURIComponent;

export function useMenuSettings(fiscalYearId: string) {
  return useQuery({
    queryKey: [...menusKey, 'settings', fiscalYearId],
    queryFn: () => api.get<MenuSettings>('/api/menus/settings', { fiscalYearId }),
    enabled: fiscalYearId !== '',
  });
}

export function useProposals(fiscalYearId: string, status?: ProposalStatus) {
  return useQuery({
    queryKey: [...menusKey, 'proposals', fiscalYearId, status ?? ''],
    queryFn: () =>
      api.get<ProposalList>('/api/menus/proposals', { fiscalYearId, status }).then((r) => r.items),
    enabled: fiscalYearId !== '',
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: [...menusKey, 'proposal', id],
    queryFn: () => api.get<Proposal>(`/api/menus/proposals/${enc(id)}`),
  });
}

export function useProposalReviews(id: string, enabled = true) {
  return useQuery({
    queryKey: [...menusKey, 'proposal', id, 'reviews'],
    queryFn: () => api.get<ProposalReviews>(`/api/menus/proposals/${enc(id)}/reviews`),
    enabled,
  });
}

export function useReviewers(enabled = true) {
  return useQuery({
    queryKey: [...menusKey, 'reviewers'],
    queryFn: () => api.get<ReviewerList>('/api/menus/reviewers').then((r) => r.items),
    enabled,
  });
}

export function useMyReviews(fiscalYearId: string) {
  return useQuery({
    queryKey: [...menusKey, 'reviews', 'mine', fiscalYearId],
    queryFn: () => api.get<MyReviewList>('/api/menus/reviews/mine', { fiscalYearId }),
    enabled: fiscalYearId !== '',
  });
}

export function useRanking(fiscalYearId: string) {
  return useQuery({
    queryKey: [...menusKey, 'ranking', fiscalYearId],
    queryFn: () => api.get<Ranking>('/api/menus/ranking', { fiscalYearId }),
    enabled: fiscalYearId !== '',
  });
}

export function useCatalog(query: CatalogQuery) {
  return useQuery({
    queryKey: [...menusKey, 'catalog', query],
    queryFn: ({ signal }) =>
      api.get<CatalogList>('/api/menus/catalog', { ...query }, signal).then((r) => r.items),
    enabled: query.fiscalYearId !== '',
    placeholderData: (previous) => previous,
  });
}

export function useMenuDetail(id: string) {
  return useQuery({
    queryKey: [...menusKey, 'catalog', 'detail', id],
    queryFn: () => api.get<MenuDetail>(`/api/menus/catalog/${enc(id)}`),
  });
}

export function useRecommendations(fiscalYearId: string, municipalityId?: string) {
  return useQuery({
    queryKey: [...menusKey, 'recommendations', fiscalYearId, municipalityId ?? ''],
    queryFn: () =>
      api.get<RecommendationList>('/api/menus/recommendations', { fiscalYearId, municipalityId }),
    enabled: fiscalYearId !== '',
  });
}

export function useAdvisors(organizationId?: string) {
  return useQuery({
    queryKey: [...menusKey, 'advisors', organizationId ?? ''],
    queryFn: () => api.get<AdvisorList>('/api/menus/advisors', { organizationId }).then((r) => r.items),
  });
}

export function useAdvisorProfile(userId: string) {
  return useQuery({
    queryKey: [...menusKey, 'advisor', userId],
    queryFn: () => api.get<AdvisorProfile>(`/api/menus/advisors/${enc(userId)}`),
  });
}

/** After any change: proposals, reviews, ranking, catalog and the home page may all be stale. */
export function useInvalidateMenus() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: menusKey }),
        queryClient.invalidateQueries({ queryKey: ['home'] }),
      ]),
    [queryClient],
  );
}

export function exportUrl(kind: 'proposals' | 'scores' | 'catalog', fiscalYearId: string): string {
  return `/api/menus/exports/${kind}.xlsx?fiscalYearId=${enc(fiscalYearId)}`;
}
