import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  Application,
  ApplicationCreate,
  ApplicationLock,
  ApplicationPatch,
  Call,
  CallPatch,
  HistoryImportReport,
  Planner,
  RunCreate,
  RunDetail,
  RunSummary,
  SupportProject,
  prefillSchema,
} from '../../../shared/schemas/applications';
import { request } from '../../api/client';
import { isRunPending } from './helpers';

/*
 * The calls, applications and allocation API (contract: shared/schemas/applications.ts). The
 * responses are typed by the shared zod schemas the server validates against.
 */

/** Every query of this feature starts with this key, so one invalidation refreshes it all. */
export const applicationsKey = ['applications-feature'] as const;
const enc = encodeURIComponent;
type Items<T> = { items: T[] };
export type Prefill = z.infer<typeof prefillSchema>;

export function useCalls(fiscalYearId: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'calls', fiscalYearId],
    queryFn: () =>
      request<Items<Call>>('GET', '/api/calls', { query: { fiscalYearId } }).then((r) => r.items),
    enabled: fiscalYearId !== '',
  });
}

export function useCall(id: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', id],
    queryFn: () => request<Call>('GET', `/api/calls/${enc(id)}`),
  });
}

export function useCallApplications(callId: string, enabled = true) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', callId, 'applications'],
    queryFn: () =>
      request<Items<Application>>('GET', `/api/calls/${enc(callId)}/applications`).then((r) => r.items),
    enabled,
  });
}

export function usePrefill(callId: string, municipalityId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', callId, 'prefill', municipalityId ?? ''],
    queryFn: () =>
      request<Prefill>('GET', `/api/calls/${enc(callId)}/prefill`, { query: { municipalityId } }),
    enabled,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'application', id],
    queryFn: () => request<Application>('GET', `/api/applications/${enc(id)}`),
  });
}

export function useRuns(callId: string, enabled = true) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', callId, 'runs'],
    queryFn: () => request<Items<RunSummary>>('GET', `/api/calls/${enc(callId)}/runs`).then((r) => r.items),
    enabled,
    // A queued run is solved by the job runner: keep the list fresh until every run is settled.
    refetchInterval: (query) => (query.state.data?.some((r) => isRunPending(r.status)) ? 1_000 : false),
  });
}

/** A run, polled every second while the job runner has not finished it. */
export function useRun(id: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'run', id],
    queryFn: () => request<RunDetail>('GET', `/api/runs/${enc(id)}`),
    enabled: id !== '',
    refetchInterval: (query) => (isRunPending(query.state.data?.status) ? 1_000 : false),
  });
}

export interface PlannerInputs {
  budgetThousandYen?: number;
  averageCostThousandYen?: number;
  totalCapacity?: number;
}

export function usePlanner(callId: string, inputs: PlannerInputs) {
  return useQuery({
    queryKey: [...applicationsKey, 'call', callId, 'planner', inputs],
    queryFn: () => request<Planner>('GET', `/api/calls/${enc(callId)}/planner`, { query: { ...inputs } }),
    placeholderData: (previous) => previous,
  });
}

export function useSupportProjects(fiscalYearId: string) {
  return useQuery({
    queryKey: [...applicationsKey, 'support-projects', fiscalYearId],
    queryFn: () =>
      request<Items<SupportProject>>('GET', '/api/support-projects', {
        query: { fiscalYearId: fiscalYearId || undefined },
      }).then((r) => r.items),
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

/** The calls that change data; pages wrap them in mutations and then useInvalidateApplications(). */
export const applicationsCalls = {
  updateCall: (id: string, body: CallPatch) => request<Call>('PATCH', `/api/calls/${enc(id)}`, { body }),
  createApplication: (callId: string, body: ApplicationCreate) =>
    request<Application>('POST', `/api/calls/${enc(callId)}/applications`, { body }),
  updateApplication: (id: string, body: ApplicationPatch) =>
    request<Application>('PATCH', `/api/applications/${enc(id)}`, { body }),
  submit: (id: string, version: number) =>
    request<Application>('POST', `/api/applications/${enc(id)}/submit`, { body: { version } }),
  confirm: (id: string, version: number) =>
    request<Application>('POST', `/api/applications/${enc(id)}/confirm`, { body: { version } }),
  withdraw: (id: string, version: number) =>
    request<Application>('POST', `/api/applications/${enc(id)}/withdraw`, { body: { version } }),
  lock: (id: string, body: ApplicationLock) =>
    request<Application>('PUT', `/api/applications/${enc(id)}/lock`, { body }),
  createRun: (callId: string, body: RunCreate) =>
    request<RunSummary>('POST', `/api/calls/${enc(callId)}/runs`, { body }),
  approveRun: (id: string, version: number) =>
    request<RunSummary>('POST', `/api/runs/${enc(id)}/approve`, { body: { version } }),
  publishRun: (id: string, version: number) =>
    request<RunSummary>('POST', `/api/runs/${enc(id)}/publish`, { body: { version } }),
  importHistory: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.set('file', file);
    if (dryRun) form.set('dryRun', 'true');
    return request<HistoryImportReport>('POST', '/api/support-projects/import', {
      query: { dryRun: dryRun ? 'true' : undefined },
      body: form,
    });
  },
};
