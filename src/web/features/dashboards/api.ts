import { useQuery } from '@tanstack/react-query';
import type { Topology } from 'topojson-specification';
import { apiClient } from '../../api/typed-client';

export const dashboardsKey = ['dashboards'] as const;

export function useCoverage(fiscalYear: number | undefined) {
  return useQuery({
    queryKey: [...dashboardsKey, 'coverage', fiscalYear ?? 'default'],
    queryFn: () => apiClient.get('/api/dashboards/coverage', { params: { query: { fiscalYear } } }),
    placeholderData: (previous) => previous,
  });
}

export function useMaturity(fiscalYear: number | undefined) {
  return useQuery({
    queryKey: [...dashboardsKey, 'maturity', fiscalYear ?? 'default'],
    queryFn: () => apiClient.get('/api/dashboards/maturity', { params: { query: { fiscalYear } } }),
    placeholderData: (previous) => previous,
  });
}

export function useSeminarReachDashboard(fiscalYear: number | undefined) {
  return useQuery({
    queryKey: [...dashboardsKey, 'seminars', fiscalYear ?? 'default'],
    queryFn: () => apiClient.get('/api/dashboards/seminars', { params: { query: { fiscalYear } } }),
    placeholderData: (previous) => previous,
  });
}

export function useLeftBehind(fiscalYear: number | undefined) {
  return useQuery({
    queryKey: [...dashboardsKey, 'left-behind', fiscalYear ?? 'default'],
    queryFn: () => apiClient.get('/api/dashboards/left-behind', { params: { query: { fiscalYear } } }),
    placeholderData: (previous) => previous,
  });
}

/** The prefecture's municipality boundaries; they do not change while the app runs. */
export function useBoundaries() {
  return useQuery({
    queryKey: [...dashboardsKey, 'boundaries'],
    queryFn: async () => (await apiClient.get('/api/dashboards/boundaries')) as unknown as Topology,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Where one dashboard table downloads from. */
export function exportUrl(
  table: string,
  format: 'csv' | 'xlsx',
  fiscalYear: number | null | undefined,
): string {
  const params = new URLSearchParams({ table, format });
  if (fiscalYear) params.set('fiscalYear', String(fiscalYear));
  return `/api/dashboards/export?${params}`;
}
