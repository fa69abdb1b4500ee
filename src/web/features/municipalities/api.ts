import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type Municipality,
  type MunicipalityKind,
  type MunicipalityPage,
  municipalityPageMax,
} from '../../../shared/schemas/municipalities';
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

/** Rows of the list page: what a screen shows without scrolling through a national-scale list. */
export const municipalityListPageSize = 100;

function fetchMunicipalityPage(
  filters: MunicipalityFilters,
  page: { limit: number; offset: number },
  signal: AbortSignal,
): Promise<MunicipalityPage> {
  return apiClient.get('/api/municipalities', {
    // The kind comes from the URL as it was typed; the server answers 422 for an unknown one.
    params: { query: { ...filters, kind: filters.kind as MunicipalityKind | undefined, ...page } },
    signal,
  });
}

/** One page of the list (the list page): filters and paging run on the server. */
export function useMunicipalityPage(filters: MunicipalityFilters, pageIndex: number) {
  return useQuery({
    queryKey: ['municipalities', 'page', filters, pageIndex],
    queryFn: ({ signal }) =>
      fetchMunicipalityPage(
        filters,
        { limit: municipalityListPageSize, offset: pageIndex * municipalityListPageSize },
        signal,
      ),
    placeholderData: (previous) => previous,
  });
}

/**
 * Every matching municipality, for pickers (a select of towns): the server's largest pages read
 * one after another, so no single request grows with the prefecture.
 */
export function useMunicipalities(filters: MunicipalityFilters) {
  return useQuery({
    queryKey: ['municipalities', 'list', filters],
    queryFn: async ({ signal }): Promise<Municipality[]> => {
      const items: Municipality[] = [];
      for (;;) {
        const page = await fetchMunicipalityPage(
          filters,
          { limit: municipalityPageMax, offset: items.length },
          signal,
        );
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) return items;
      }
    },
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
