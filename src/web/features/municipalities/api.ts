import { useQuery } from '@tanstack/react-query';
import type { Municipality } from '../../../shared/schemas/municipalities';
import { api } from '../../api/client';

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
