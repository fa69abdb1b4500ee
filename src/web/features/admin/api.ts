import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type BodyOf, apiClient, urlQuery } from '../../api/typed-client';

export const organizationsKey = ['organizations'] as const;
const usersKey = ['users'] as const;

export function useOrganizations(kind?: string) {
  return useQuery({
    queryKey: [...organizationsKey, kind ?? 'all'],
    queryFn: () =>
      apiClient
        .get('/api/organizations', { params: { query: urlQuery<'/api/organizations', 'get'>({ kind }) } })
        .then((r) => r.items),
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/organizations', 'post'>) =>
      apiClient.post('/api/organizations', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

export function useUpdateOrganization(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/organizations/{id}', 'patch'>) =>
      apiClient.patch('/api/organizations/{id}', { params: { path: { id } }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

/** Users, filtered by the page's URL (organization, role, text, status). */
export function useUsers(filters: Partial<Record<string, string>> = {}) {
  return useQuery({
    queryKey: [...usersKey, filters],
    queryFn: ({ signal }) =>
      apiClient
        .get('/api/users', { params: { query: urlQuery<'/api/users', 'get'>(filters) }, signal })
        .then((r) => r.items),
    placeholderData: (previous) => previous,
  });
}

export function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: usersKey });
}

export function useUpdateUser(id: string) {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/users/{id}', 'patch'>) =>
      apiClient.patch('/api/users/{id}', { params: { path: { id } }, body }),
    onSuccess: () => refresh(),
  });
}

export type UserAction = 'unlock' | 'invitation' | 'mfa-reset';

/** Unlocks an account, sends a new invitation or resets the second factor. */
export function useUserAction(id: string) {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: async (kind: UserAction): Promise<unknown> => {
      const params = { path: { id } };
      if (kind === 'unlock') return apiClient.post('/api/users/{id}/unlock', { params });
      if (kind === 'invitation') return apiClient.post('/api/users/{id}/invitation', { params });
      return apiClient.post('/api/users/{id}/mfa-reset', { params });
    },
    onSuccess: () => refresh(),
  });
}

export function useInviteUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/users/invitations', 'post'>) =>
      apiClient.post('/api/users/invitations', { body }),
    onSuccess: () => refresh(),
  });
}

export const auditPageSize = 50;

/** The audit log, newest first, a page at a time. */
export function useAuditEntries(filters: Partial<Record<string, string>>) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      apiClient.get('/api/audit', {
        params: {
          query: { ...urlQuery<'/api/audit', 'get'>(filters), limit: auditPageSize, before: pageParam },
        },
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

export function useOutbox(status: string) {
  return useQuery({
    queryKey: ['outbox', status],
    queryFn: () =>
      apiClient.get('/api/admin/outbox', {
        params: { query: { ...urlQuery<'/api/admin/outbox', 'get'>({ status }), limit: 100 } },
      }),
    placeholderData: (previous) => previous,
  });
}
