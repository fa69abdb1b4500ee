import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Municipality, MunicipalityKind } from '../../../shared/schemas/municipalities';
import { type BodyOf, apiClient } from '../../api/typed-client';
import type { ImportReport } from './import-report';

export interface Region {
  id: string;
  name: string;
  nameEn: string;
  areas: { id: string; name: string; nameEn: string }[];
}

export interface MunicipalityFilters {
  regionId?: string;
  areaId?: string;
  kind?: string;
  q?: string;
}

export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: (): Promise<Region[]> => apiClient.get('/api/regions').then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

export function useMunicipalities(filters: MunicipalityFilters) {
  return useQuery({
    queryKey: ['municipalities', 'list', filters],
    queryFn: ({ signal }): Promise<Municipality[]> =>
      apiClient
        // The kind comes from the URL as it was typed; the server answers 422 for an unknown one.
        .get('/api/municipalities', {
          params: { query: { ...filters, kind: filters.kind as MunicipalityKind | undefined } },
          signal,
        })
        .then((r) => r.items),
    placeholderData: (previous) => previous,
  });
}

export function municipalityQueryKey(id: string) {
  return ['municipalities', id] as const;
}

export function useMunicipality(id: string) {
  return useQuery({
    queryKey: municipalityQueryKey(id),
    queryFn: (): Promise<Municipality> =>
      apiClient.get('/api/municipalities/{id}', { params: { path: { id } } }),
  });
}

/**
 * Uploads a master list. A dry run only reports; a real import that went
 * through changes the list, so every municipality query (and the regions,
 * which an import may add) is read again.
 */
export function useMunicipalityImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, isDryRun }: { file: File; isDryRun: boolean }) => {
      const form = new FormData();
      form.set('file', file);
      if (isDryRun) form.set('dryRun', 'true');
      return apiClient.postForm('/api/municipalities/import', form) as Promise<ImportReport>;
    },
    onSuccess: async (report) => {
      if (!report.isImported) return;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['municipalities'] }),
        queryClient.invalidateQueries({ queryKey: ['regions'] }),
      ]);
    },
  });
}

/** Saves population and source with the version read; the record and the list are then current. */
export function useUpdateMunicipality(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/municipalities/{id}', 'patch'>): Promise<Municipality> =>
      apiClient.patch('/api/municipalities/{id}', { params: { path: { id } }, body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(municipalityQueryKey(updated.id), updated);
      queryClient.invalidateQueries({ queryKey: ['municipalities', 'list'] });
    },
  });
}
