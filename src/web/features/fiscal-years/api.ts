import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type BodyOf, apiClient } from '../../api/typed-client';

export const fiscalYearsKey = ['fiscal-years'] as const;

export function useFiscalYears() {
  return useQuery({
    queryKey: [...fiscalYearsKey, 'list'],
    queryFn: () => apiClient.get('/api/fiscal-years').then((r) => r.items),
  });
}

export function useFiscalYear(id: string) {
  return useQuery({
    queryKey: [...fiscalYearsKey, id],
    queryFn: () => apiClient.get('/api/fiscal-years/{id}', { params: { path: { id } } }),
  });
}

/** After any change to a year, its programs or phases: the year, the list and the home page are stale. */
export function useInvalidatePlan() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: fiscalYearsKey }),
        queryClient.invalidateQueries({ queryKey: ['home'] }),
      ]),
    [queryClient],
  );
}

export function useCreateFiscalYear() {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/fiscal-years', 'post'>) => apiClient.post('/api/fiscal-years', { body }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateFiscalYear(id: string) {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/fiscal-years/{id}', 'patch'>) =>
      apiClient.patch('/api/fiscal-years/{id}', { params: { path: { id } }, body }),
    onSuccess: () => invalidate(),
  });
}

/** Creates a program in a year (no program yet) or edits one. */
export function useSaveProgram(fiscalYearId: string, programId: string | undefined) {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (
      body: BodyOf<'/api/fiscal-years/{id}/programs', 'post'> | BodyOf<'/api/programs/{id}', 'patch'>,
    ) =>
      programId
        ? apiClient.patch('/api/programs/{id}', {
            params: { path: { id: programId } },
            body: body as BodyOf<'/api/programs/{id}', 'patch'>,
          })
        : apiClient.post('/api/fiscal-years/{id}/programs', {
            params: { path: { id: fiscalYearId } },
            body: body as BodyOf<'/api/fiscal-years/{id}/programs', 'post'>,
          }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteProgram() {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (program: { id: string; version: number }) =>
      apiClient.delete('/api/programs/{id}', {
        params: { path: { id: program.id }, query: { version: program.version } },
      }),
    onSuccess: () => invalidate(),
  });
}

/** Adds a phase to a program (no phase yet) or edits one. */
export function useSavePhase(programId: string, phaseId: string | undefined) {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/programs/{id}/phases', 'post'> | BodyOf<'/api/phases/{id}', 'patch'>) =>
      phaseId
        ? apiClient.patch('/api/phases/{id}', {
            params: { path: { id: phaseId } },
            body: body as BodyOf<'/api/phases/{id}', 'patch'>,
          })
        : apiClient.post('/api/programs/{id}/phases', {
            params: { path: { id: programId } },
            body: body as BodyOf<'/api/programs/{id}/phases', 'post'>,
          }),
    onSuccess: () => invalidate(),
  });
}

export function useDeletePhase() {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (phase: { id: string; version: number }) =>
      apiClient.delete('/api/phases/{id}', {
        params: { path: { id: phase.id }, query: { version: phase.version } },
      }),
    onSuccess: () => invalidate(),
  });
}

/** The preview of "prepare next year" (prefecture admins only). */
export function useNextYearPreview(enabled: boolean) {
  return useQuery({
    queryKey: [...fiscalYearsKey, 'next-year'],
    queryFn: () => apiClient.get('/api/fiscal-years/next-year'),
    enabled,
  });
}

export function usePrepareNextYear() {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/fiscal-years/prepare-next', 'post'>) =>
      apiClient.post('/api/fiscal-years/prepare-next', { body }),
    onSuccess: () => invalidate(),
  });
}

export function useSetupChecklist(id: string) {
  return useQuery({
    queryKey: [...fiscalYearsKey, id, 'checklist'],
    queryFn: () => apiClient.get('/api/fiscal-years/{id}/checklist', { params: { path: { id } } }),
  });
}

export function useOpenPhase() {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (phase: { id: string; version: number }) =>
      apiClient.post('/api/phases/{id}/open', {
        params: { path: { id: phase.id } },
        body: { version: phase.version },
      }),
    onSuccess: () => invalidate(),
  });
}
