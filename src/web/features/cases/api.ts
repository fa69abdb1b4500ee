import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CaseStatus, PublicCaseQuery } from '../../../shared/schemas/cases';
import { type BodyOf, apiClient } from '../../api/typed-client';

/** Every query of this feature starts with this key, so one invalidation refreshes it all. */
export const casesKey = ['cases-feature'] as const;

/** The public library: one page of published cases with the filters' options. */
export function usePublicCases(query: PublicCaseQuery) {
  return useQuery({
    queryKey: [...casesKey, 'public', query],
    queryFn: () => apiClient.get('/api/public/cases', { params: { query } }),
    placeholderData: (previous) => previous,
  });
}

export function usePublicCase(id: string) {
  return useQuery({
    queryKey: [...casesKey, 'public', 'case', id],
    queryFn: () => apiClient.get('/api/public/cases/{id}', { params: { path: { id } } }),
  });
}

export function usePublicCollection() {
  return useQuery({
    queryKey: [...casesKey, 'public', 'collection'],
    queryFn: () => apiClient.get('/api/public/cases/collection', { params: { query: {} } }),
  });
}

/** The whole collection as xlsx (a plain link: the browser downloads it). */
export const publicWorkbookHref = '/api/public/cases/export';

export function useCases(status: CaseStatus | '') {
  return useQuery({
    queryKey: [...casesKey, 'list', status],
    queryFn: () => apiClient.get('/api/cases', { params: { query: { status: status || undefined } } }),
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: [...casesKey, 'case', id],
    queryFn: () => apiClient.get('/api/cases/{id}', { params: { path: { id } } }),
    enabled: id !== '',
  });
}

export function useInvalidateCases() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: casesKey }), [queryClient]);
}

const withVersion = (version: number) => ({ version });

/** The calls that change data; pages wrap them in mutations and then useInvalidateCases(). */
export const casesCalls = {
  create: (body: BodyOf<'/api/cases', 'post'>) => apiClient.post('/api/cases', { body }),
  fromProject: (projectId: string) => apiClient.post('/api/cases/from-project', { body: { projectId } }),
  update: (id: string, body: BodyOf<'/api/cases/{id}', 'patch'>) =>
    apiClient.patch('/api/cases/{id}', { params: { path: { id } }, body }),
  submit: (id: string, version: number) =>
    apiClient.post('/api/cases/{id}/submit', { params: { path: { id } }, body: withVersion(version) }),
  approve: (id: string, version: number) =>
    apiClient.post('/api/cases/{id}/approve', { params: { path: { id } }, body: withVersion(version) }),
  returnCase: (id: string, version: number, comment: string) =>
    apiClient.post('/api/cases/{id}/return', { params: { path: { id } }, body: { version, comment } }),
  unpublish: (id: string, version: number) =>
    apiClient.post('/api/cases/{id}/unpublish', { params: { path: { id } }, body: withVersion(version) }),
};
