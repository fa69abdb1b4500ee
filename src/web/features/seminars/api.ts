import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import type {
  AttendanceImportPreview,
  ReachReport,
  SeminarEvent,
  SeminarEventDetail,
  SeminarRegistration,
  SeminarSeries,
} from './types';

export const seminarsKey = ['seminars'] as const;

export interface EventFilters {
  audience?: string;
  regionId?: string;
  fiscalYear?: number | undefined;
  isUpcoming?: boolean;
}

export function useSeminarSeries() {
  return useQuery({
    queryKey: [...seminarsKey, 'series'],
    queryFn: () => api.get<{ items: SeminarSeries[] }>('/api/seminar-series').then((r) => r.items),
  });
}

export function useSeminarEvents(filters: EventFilters) {
  return useQuery({
    queryKey: [...seminarsKey, 'events', filters],
    queryFn: ({ signal }) =>
      api
        .get<{ items: SeminarEvent[] }>(
          '/api/seminar-events',
          {
            audience: filters.audience,
            regionId: filters.regionId,
            fiscalYear: filters.fiscalYear,
            upcoming: filters.isUpcoming ? 'true' : undefined,
          },
          signal,
        )
        .then((r) => r.items),
    placeholderData: (previous) => previous,
  });
}

export function useSeminarEvent(id: string) {
  return useQuery({
    queryKey: [...seminarsKey, 'event', id],
    queryFn: () => api.get<SeminarEventDetail>(`/api/seminar-events/${encodeURIComponent(id)}`),
  });
}

/** Registrations of an event: all of them for the administrator, the own municipality's otherwise. */
export function useEventRegistrations(eventId: string, isEnabled = true) {
  return useQuery({
    queryKey: [...seminarsKey, 'event', eventId, 'registrations'],
    queryFn: () =>
      api
        .get<{ items: SeminarRegistration[] }>(
          `/api/seminar-events/${encodeURIComponent(eventId)}/registrations`,
        )
        .then((r) => r.items),
    enabled: isEnabled,
  });
}

export function useMyRegistrations() {
  return useQuery({
    queryKey: [...seminarsKey, 'my-registrations'],
    queryFn: () =>
      api.get<{ items: SeminarRegistration[] }>('/api/seminar-registrations').then((r) => r.items),
  });
}

export function useReach(fiscalYear: number | undefined) {
  return useQuery({
    queryKey: [...seminarsKey, 'reach', fiscalYear ?? 'all'],
    queryFn: () => api.get<ReachReport>('/api/seminar-reach', { fiscalYear }),
    placeholderData: (previous) => previous,
  });
}

/** After any change to seminars: every seminar query and the home page are stale. */
export function useInvalidateSeminars() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: seminarsKey }),
        queryClient.invalidateQueries({ queryKey: ['home'] }),
      ]),
    [queryClient],
  );
}

export function useAttendancePreview(eventId: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set('file', file);
      return api.postForm<AttendanceImportPreview>(
        `/api/seminar-events/${encodeURIComponent(eventId)}/attendance-imports`,
        form,
      );
    },
  });
}
