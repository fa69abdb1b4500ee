import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { request } from '../../api/client';
import { type BodyOf, apiClient } from '../../api/typed-client';
import type { HistoryImportReport } from '../../../shared/schemas/applications';
import { isRunPending } from './helpers';

/** Every query of this feature starts with this key, so one invalidation refreshes it all. */
export const applicationsKey = ['applications-feature'] as const;

export function useCalls(fiscalYearId: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'calls', fiscalYearId],
    queryFn: () => apiClient.get('/api/calls', { params: { query: { fiscalYearId } } }).then((r) => r.items),
    enabled: fiscalYearId !== '',
  });
}

export function useCall(id: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', id],
    queryFn: () => apiClient.get('/api/calls/{id}', { params: { path: { id } } }),
  });
}

export function useCallApplications(callId: string, enabled = true) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', callId, 'applications'],
    queryFn: () =>
      apiClient
        .get('/api/calls/{id}/applications', { params: { path: { id: callId } } })
        .then((r) => r.items),
    enabled,
  });
}

export function usePrefill(callId: string, municipalityId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', callId, 'prefill', municipalityId ?? ''],
    queryFn: () =>
      apiClient.get('/api/calls/{id}/prefill', {
        params: { path: { id: callId }, query: { municipalityId } },
      }),
    enabled,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'application', id],
    queryFn: () => apiClient.get('/api/applications/{id}', { params: { path: { id } } }),
  });
}

export function useRuns(callId: string, enabled = true) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', callId, 'runs'],
    queryFn: () =>
      apiClient.get('/api/calls/{id}/runs', { params: { path: { id: callId } } }).then((r) => r.items),
    enabled,
    // A queued run is solved by the job runner: keep the list fresh until every run is settled.
    refetchInterval: (query) =>
      query.state.data?.some((r) => isRunPending(r.status, r.counterfactualsPending)) ? 1_000 : false,
  });
}

/** A run, polled every second while the job runner has not finished it. */
export function useRun(id: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'run', id],
    queryFn: () => apiClient.get('/api/runs/{id}', { params: { path: { id } } }),
    enabled: id !== '',
    refetchInterval: (query) =>
      isRunPending(query.state.data?.status, query.state.data?.counterfactualsPending) ? 1_000 : false,
  });
}

export interface PlannerInputs {
  budgetThousandYen?: number | undefined;
  averageCostThousandYen?: number | undefined;
  totalCapacity?: number | undefined;
}

export function usePlanner(callId: string, inputs: PlannerInputs) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', callId, 'planner', inputs],
    queryFn: () =>
      apiClient.get('/api/calls/{id}/planner', { params: { path: { id: callId }, query: { ...inputs } } }),
    placeholderData: (previous) => previous,
  });
}

export function useSupportProjects(fiscalYearId: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'support-projects', fiscalYearId],
    queryFn: () =>
      apiClient
        .get('/api/support-projects', { params: { query: { fiscalYearId: fiscalYearId || undefined } } })
        .then((r) => r.items),
  });
}

/** After any change: calls, applications, runs, projects and the home page's tasks may be stale. */
export function useInvalidateApplications() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: applicationsKey }),
        queryClient.invalidateQueries({ queryKey: ['home'] }),
      ]),
    [queryClient],
  );
}

const withVersion = (version: number) => ({ version });

/** The calls that change data; pages wrap them in mutations and then useInvalidateApplications(). */
export const applicationsCalls = {
  updateCall: (id: string, body: BodyOf<'/api/calls/{id}', 'patch'>) =>
    apiClient.patch('/api/calls/{id}', { params: { path: { id } }, body }),
  createApplication: (callId: string, body: BodyOf<'/api/calls/{id}/applications', 'post'>) =>
    apiClient.post('/api/calls/{id}/applications', { params: { path: { id: callId } }, body }),
  updateApplication: (id: string, body: BodyOf<'/api/applications/{id}', 'patch'>) =>
    apiClient.patch('/api/applications/{id}', { params: { path: { id } }, body }),
  submit: (id: string, version: number) =>
    apiClient.post('/api/applications/{id}/submit', { params: { path: { id } }, body: withVersion(version) }),
  confirm: (id: string, version: number) =>
    apiClient.post('/api/applications/{id}/confirm', {
      params: { path: { id } },
      body: withVersion(version),
    }),
  withdraw: (id: string, version: number) =>
    apiClient.post('/api/applications/{id}/withdraw', {
      params: { path: { id } },
      body: withVersion(version),
    }),
  lock: (id: string, body: BodyOf<'/api/applications/{id}/lock', 'put'>) =>
    apiClient.put('/api/applications/{id}/lock', { params: { path: { id } }, body }),
  createRun: (callId: string, body: BodyOf<'/api/calls/{id}/runs', 'post'>) =>
    apiClient.post('/api/calls/{id}/runs', { params: { path: { id: callId } }, body }),
  approveRun: (id: string, version: number) =>
    apiClient.post('/api/runs/{id}/approve', { params: { path: { id } }, body: withVersion(version) }),
  publishRun: (id: string, version: number) =>
    apiClient.post('/api/runs/{id}/publish', { params: { path: { id } }, body: withVersion(version) }),
  /** multipart with `?dryRun=true` for the check: the typed client's postForm takes no query, so the plain request does. */
  importHistory: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.set('file', file);
    return request<HistoryImportReport>('POST', '/api/support-projects/import', {
      query: { dryRun: dryRun ? 'true' : undefined },
      body: form,
    });
  },
};
