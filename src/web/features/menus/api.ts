import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CatalogQuery, ProposalStatus } from '../../../shared/schemas/menus';
import { type BodyOf, apiClient } from '../../api/typed-client';

/** Every menus query starts with this key, so one invalidation refreshes the feature. */
export const menusKey = ['menus'] as const;
const enc = encodeURIComponent;

export function useMenuSettings(fiscalYearId: string) {
  return useQuery({
    queryKey: [...menusKey, 'settings', fiscalYearId],
    queryFn: () => apiClient.get('/api/menus/settings', { params: { query: { fiscalYearId } } }),
    enabled: fiscalYearId !== '',
  });
}

export function useProposals(fiscalYearId: string, status?: ProposalStatus) {
  return useQuery({
    queryKey: [...menusKey, 'proposals', fiscalYearId, status ?? ''],
    queryFn: () =>
      apiClient
        .get('/api/menus/proposals', { params: { query: { fiscalYearId, status } } })
        .then((r) => r.items),
    enabled: fiscalYearId !== '',
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: [...menusKey, 'proposal', id],
    queryFn: () => apiClient.get('/api/menus/proposals/{id}', { params: { path: { id } } }),
  });
}

export function useProposalReviews(id: string, enabled = true) {
  return useQuery({
    queryKey: [...menusKey, 'proposal', id, 'reviews'],
    queryFn: () => apiClient.get('/api/menus/proposals/{id}/reviews', { params: { path: { id } } }),
    enabled,
  });
}

export function useReviewers(enabled = true) {
  return useQuery({
    queryKey: [...menusKey, 'reviewers'],
    queryFn: () => apiClient.get('/api/menus/reviewers').then((r) => r.items),
    enabled,
  });
}

export function useMyReviews(fiscalYearId: string) {
  return useQuery({
    queryKey: [...menusKey, 'reviews', 'mine', fiscalYearId],
    queryFn: () => apiClient.get('/api/menus/reviews/mine', { params: { query: { fiscalYearId } } }),
    enabled: fiscalYearId !== '',
  });
}

export function useRanking(fiscalYearId: string) {
  return useQuery({
    queryKey: [...menusKey, 'ranking', fiscalYearId],
    queryFn: () => apiClient.get('/api/menus/ranking', { params: { query: { fiscalYearId } } }),
    enabled: fiscalYearId !== '',
  });
}

export function useCatalog(query: CatalogQuery) {
  return useQuery({
    queryKey: [...menusKey, 'catalog', query],
    queryFn: ({ signal }) =>
      apiClient
        .get('/api/menus/catalog', {
          params: { query: { ...query } },
          signal,
        })
        .then((r) => r.items),
    enabled: query.fiscalYearId !== '',
    placeholderData: (previous) => previous,
  });
}

export function useMenuDetail(id: string) {
  return useQuery({
    queryKey: [...menusKey, 'catalog', 'detail', id],
    queryFn: () => apiClient.get('/api/menus/catalog/{id}', { params: { path: { id } } }),
  });
}

export function useRecommendations(fiscalYearId: string, municipalityId?: string) {
  return useQuery({
    queryKey: [...menusKey, 'recommendations', fiscalYearId, municipalityId ?? ''],
    queryFn: () =>
      apiClient.get('/api/menus/recommendations', { params: { query: { fiscalYearId, municipalityId } } }),
    enabled: fiscalYearId !== '',
  });
}

export function useAdvisors(organizationId?: string) {
  return useQuery({
    queryKey: [...menusKey, 'advisors', organizationId ?? ''],
    queryFn: () =>
      apiClient.get('/api/menus/advisors', { params: { query: { organizationId } } }).then((r) => r.items),
  });
}

export function useAdvisorProfile(userId: string) {
  return useQuery({
    queryKey: [...menusKey, 'advisor', userId],
    queryFn: () => apiClient.get('/api/menus/advisors/{userId}', { params: { path: { userId } } }),
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

/** The calls that change menus data; pages wrap them in mutations and then useInvalidateMenus(). */
export const menusCalls = {
  saveSettings: (fiscalYearId: string, body: BodyOf<'/api/menus/settings/{fiscalYearId}', 'put'>) =>
    apiClient.put('/api/menus/settings/{fiscalYearId}', { params: { path: { fiscalYearId } }, body }),
  saveAdvisor: (userId: string, body: BodyOf<'/api/menus/advisors/{userId}', 'put'>) =>
    apiClient.put('/api/menus/advisors/{userId}', { params: { path: { userId } }, body }),
  createProposal: (body: BodyOf<'/api/menus/proposals', 'post'>) =>
    apiClient.post('/api/menus/proposals', { body }),
  updateProposal: (id: string, body: BodyOf<'/api/menus/proposals/{id}', 'patch'>) =>
    apiClient.patch('/api/menus/proposals/{id}', { params: { path: { id } }, body }),
  submitProposal: (id: string, body: BodyOf<'/api/menus/proposals/{id}/submit', 'post'>) =>
    apiClient.post('/api/menus/proposals/{id}/submit', { params: { path: { id } }, body }),
  decide: (id: string, body: BodyOf<'/api/menus/proposals/{id}/decision', 'post'>) =>
    apiClient.post('/api/menus/proposals/{id}/decision', { params: { path: { id } }, body }),
  assign: (proposalId: string, body: BodyOf<'/api/menus/proposals/{id}/assignments', 'post'>) =>
    apiClient.post('/api/menus/proposals/{id}/assignments', { params: { path: { id: proposalId } }, body }),
  assignMany: (body: BodyOf<'/api/menus/assignments/bulk', 'post'>) =>
    apiClient.post('/api/menus/assignments/bulk', { body }),
  unassign: (assignment: { id: string; version: number }): Promise<unknown> =>
    apiClient.delete('/api/menus/assignments/{id}', {
      params: { path: { id: assignment.id }, query: { version: assignment.version } },
    }),
  saveReview: (id: string, body: BodyOf<'/api/menus/reviews/{id}', 'put'>) =>
    apiClient.put('/api/menus/reviews/{id}', { params: { path: { id } }, body }),
  submitReview: (id: string, body: BodyOf<'/api/menus/reviews/{id}/submit', 'post'>) =>
    apiClient.post('/api/menus/reviews/{id}/submit', { params: { path: { id } }, body }),
  declareConflict: (id: string, body: BodyOf<'/api/menus/reviews/{id}/conflict', 'post'>) =>
    apiClient.post('/api/menus/reviews/{id}/conflict', { params: { path: { id } }, body }),
};
