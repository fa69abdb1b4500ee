import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SessionUser } from '../../shared/schemas/auth';
import type { Role } from '../../shared/roles';
import { isApiError } from './client';
import { apiClient } from './typed-client';

export type { SessionUser };

export const sessionQueryKey = ['session'] as const;

/** The signed-in user, or null when nobody is (or the second factor is still owed). */
export async function fetchSession(): Promise<SessionUser | null> {
  try {
    return await apiClient.get('/api/auth/me');
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.code === 'MFA_SETUP_REQUIRED')) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
}

/** For pages behind RequireSession, where a user is guaranteed. */
export function useCurrentUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser needs a signed-in user (use it under <RequireSession>)');
  return data;
}

export function hasAnyRole(
  user: Pick<SessionUser, 'roles'> | null | undefined,
  roles: readonly Role[],
): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

export function isPrefectureAdmin(user: Pick<SessionUser, 'roles'> | null | undefined): boolean {
  return hasAnyRole(user, ['prefecture_admin']);
}

/** Re-reads the session (after sign-in, MFA enrolment or sign-out). */
export function useRefreshSession() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: sessionQueryKey }), [queryClient]);
}

/** Signs out; whatever the server answers, `onSettled` runs (the page then forgets the user's data). */
export function useLogout(onSettled: () => void) {
  return useMutation({ mutationFn: () => apiClient.post('/api/auth/logout'), onSettled });
}

/** `?next=` must stay on this site: only a local path, never //host or a scheme. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}
