import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Municipality } from '../../../shared/schemas/municipalities';
import { api } from '../../api/client';
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
    queryFn: () => api.get<{ items: Region[] }>('/api/regions').then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

export function useMunicipalities(filters: MunicipalityFilters) {
  return useQuery({
    queryKey: ['municipalities', 'list', filters],
    queryFn: ({ signal }) =>
      api.get<{ items: Municipality[] }>('/api/municipalities', { ...filters }, signal).then((r) => r.items),
    placeholderData: (previous) => previous,
  });
}

export function municipalityQueryKey(id: string) {
  return ['municipalities', id] as const;
}

export function useMunicipality(id: string) {
  return useQuery({
    queryKey: municipalityQueryKey(id),
    queryFn: () => api.get<Municipality>(`/api/municipalities/${encodeURIComponent(id)}`),
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
      return api.postForm<ImportReport>('/api/municipalities/import', form);
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
