import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { FiscalYearDetail, FiscalYearList } from '../../../shared/schemas/fiscal-years';
import { api } from '../../api/client';

export const fiscalYearsKey = ['fiscal-years'] as const;

export function useFiscalYears() {
  return useQuery({
    queryKey: [...fiscalYearsKey, 'list'],
    queryFn: () => api.get<FiscalYearList>('/api/fiscal-years').then((r) => r.items),
  });
}

export function useFiscalYear(id: string) {
  return useQuery({
    queryKey: [...fiscalYearsKey, id],
    queryFn: () => api.get<FiscalYearDetail>(`/api/fiscal-years/${encodeURIComponent(id)}`),
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
