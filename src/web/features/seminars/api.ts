import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type BodyOf, apiClient, urlQuery } from '../../api/typed-client';

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
    queryFn: () => apiClient.get('/api/seminar-series').then((r) => r.items),
  });
}

export function useSeminarEvents(filters: EventFilters) {
  return useQuery({
    queryKey: [...seminarsKey, 'events', filters],
    queryFn: ({ signal }) =>
      apiClient
        .get('/api/seminar-events', {
          params: {
            query: urlQuery<'/api/seminar-events', 'get'>({
              audience: filters.audience,
              regionId: filters.regionId,
              fiscalYear: filters.fiscalYear === undefined ? undefined : String(filters.fiscalYear),
              upcoming: filters.isUpcoming ? 'true' : undefined,
            }),
          },
          signal,
        })
        .then((r) => r.items),
    placeholderData: (previous) => previous,
  });
}

export function useSeminarEvent(id: string) {
  return useQuery({
    queryKey: [...seminarsKey, 'event', id],
    queryFn: () => apiClient.get('/api/seminar-events/{id}', { params: { path: { id } } }),
  });
}

/** Registrations of an event: all of them for the administrator, the own municipality's otherwise. */
export function useEventRegistrations(eventId: string, isEnabled = true) {
  return useQuery({
    queryKey: [...seminarsKey, 'event', eventId, 'registrations'],
    queryFn: () =>
      apiClient
        .get('/api/seminar-events/{id}/registrations', { params: { path: { id: eventId } } })
        .then((r) => r.items),
    enabled: isEnabled,
  });
}

export function useMyRegistrations() {
  return useQuery({
    queryKey: [...seminarsKey, 'my-registrations'],
    queryFn: () => apiClient.get('/api/seminar-registrations').then((r) => r.items),
  });
}

export function useReach(fiscalYear: number | undefined) {
  return useQuery({
    queryKey: [...seminarsKey, 'reach', fiscalYear ?? 'all'],
    queryFn: () => apiClient.get('/api/seminar-reach', { params: { query: { fiscalYear } } }),
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
      return apiClient.postForm('/api/seminar-events/{id}/attendance-imports', form, {
        path: { id: eventId },
      });
    },
  });
}

/** The calls that change seminars data; pages wrap them in mutations and then useInvalidateSeminars(). */
export const seminarsCalls = {
  createSeries: (body: BodyOf<'/api/seminar-series', 'post'>) =>
    apiClient.post('/api/seminar-series', { body }),
  createEvent: (seriesId: string, body: BodyOf<'/api/seminar-series/{id}/events', 'post'>) =>
    apiClient.post('/api/seminar-series/{id}/events', { params: { path: { id: seriesId } }, body }),
  updateEvent: (id: string, body: BodyOf<'/api/seminar-events/{id}', 'patch'>) =>
    apiClient.patch('/api/seminar-events/{id}', { params: { path: { id } }, body }),
  register: (eventId: string, body: BodyOf<'/api/seminar-events/{id}/registrations', 'post'>) =>
    apiClient.post('/api/seminar-events/{id}/registrations', { params: { path: { id: eventId } }, body }),
  cancelRegistration: (registration: { id: string; version: number }) =>
    apiClient.post('/api/seminar-registrations/{id}/cancel', {
      params: { path: { id: registration.id } },
      body: { version: registration.version },
    }),
  markAttendance: (id: string, body: BodyOf<'/api/seminar-registrations/{id}/attendance', 'post'>) =>
    apiClient.post('/api/seminar-registrations/{id}/attendance', { params: { path: { id } }, body }),
  confirmAttendanceImport: (
    eventId: string,
    body: BodyOf<'/api/seminar-events/{id}/attendance-imports/confirm', 'post'>,
  ) =>
    apiClient.post('/api/seminar-events/{id}/attendance-imports/confirm', {
      params: { path: { id: eventId } },
      body,
    }),
  deleteMaterial: (id: string) =>
    apiClient.delete('/api/seminar-materials/{id}', { params: { path: { id } } }),
  /** multipart: the link or file of the event's archive with its window and entitlement. */
  saveArchive: (eventId: string, form: FormData) =>
    apiClient.postForm('/api/seminar-events/{id}/archive', form, { path: { id: eventId } }),
  /** multipart: a link or an uploaded file, as material or workshop output. */
  addMaterial: (eventId: string, form: FormData) =>
    apiClient.postForm('/api/seminar-events/{id}/materials', form, { path: { id: eventId } }),
  /** Records the view and answers the short-lived address of the archive file. */
  watchArchive: (eventId: string) =>
    apiClient.post('/api/seminar-events/{id}/archive/views', { params: { path: { id: eventId } } }),
};

/** Removes a material or workshop output; the event is read again. */
export function useDeleteMaterial() {
  const invalidate = useInvalidateSeminars();
  return useMutation({
    mutationFn: (material: { id: string }) => seminarsCalls.deleteMaterial(material.id),
    onSuccess: () => invalidate(),
  });
}
