import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MutationCallbacks } from '../../api/mutation';
import { type BodyOf, type ResponseOf, apiClient } from '../../api/typed-client';

export const notificationsKey = ['notifications'] as const;
const pageSize = 30;

/** The badge in the header: refreshed every minute, and whenever the inbox changes. */
export function useUnreadCount(isSignedIn: boolean) {
  return useQuery({
    queryKey: [...notificationsKey, 'unread-count'],
    queryFn: () => apiClient.get('/api/notifications/unread-count'),
    enabled: isSignedIn,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** Own notifications, newest first, a page at a time. */
export function useNotifications(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: [...notificationsKey, 'list', unreadOnly],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiClient.get('/api/notifications', {
        params: {
          query: { limit: pageSize, before: pageParam, unreadOnly: unreadOnly ? 'true' : undefined },
        },
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string): Promise<unknown> =>
      apiClient.post('/api/notifications/{id}/read', { params: { path: { id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.post('/api/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export const preferencesKey = [...notificationsKey, 'preferences'] as const;

export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => apiClient.get('/api/notifications/preferences'),
  });
}

type PreferencesBody = BodyOf<'/api/notifications/preferences', 'put'>;

export function useSavePreferences(
  callbacks?: MutationCallbacks<ResponseOf<'/api/notifications/preferences', 'put'>, PreferencesBody>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PreferencesBody) => apiClient.put('/api/notifications/preferences', { body }),
    ...callbacks,
    onSuccess: (data, variables, result, context) => {
      queryClient.setQueryData(preferencesKey, data);
      callbacks?.onSuccess?.(data, variables, result, context);
    },
  });
}
