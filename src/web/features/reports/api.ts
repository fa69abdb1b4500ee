import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/typed-client';

export const reportsKey = ['reports'] as const;

export function useBudgetReport() {
  return useQuery({
    queryKey: [...reportsKey, 'budget'],
    queryFn: () => apiClient.get('/api/reports/budget'),
  });
}

export function useSummarySheets() {
  return useQuery({
    queryKey: [...reportsKey, 'summary-sheets'],
    queryFn: () => apiClient.get('/api/reports/summary-sheets').then((r) => r.items),
  });
}

export function useSummarySheet(id: string) {
  return useQuery({
    queryKey: [...reportsKey, 'summary-sheet', id],
    queryFn: () => apiClient.get('/api/reports/summary-sheets/{id}', { params: { path: { id } } }),
  });
}

export function useMunicipalityProfile(id: string) {
  return useQuery({
    queryKey: [...reportsKey, 'profile', id],
    queryFn: () => apiClient.get('/api/reports/municipalities/{id}/profile', { params: { path: { id } } }),
  });
}

/** The public dataset catalog: no session needed. */
export function useOpenDataCatalog() {
  return useQuery({
    queryKey: ['open-data'],
    queryFn: () => apiClient.get('/api/open-data'),
  });
}

/** Where each report's files are downloaded (plain links: the browser saves them). */
export const exportUrls = {
  budget: (format: 'xlsx' | 'csv') => `/api/reports/budget/export?format=${format}`,
  summarySheet: (id: string, format: 'xlsx' | 'csv') =>
    `/api/reports/summary-sheets/${encodeURIComponent(id)}/export?format=${format}`,
  profile: (id: string, format: 'xlsx' | 'csv') =>
    `/api/reports/municipalities/${encodeURIComponent(id)}/profile/export?format=${format}`,
  openData: (file: string) => `/api/open-data/${encodeURIComponent(file)}`,
};
