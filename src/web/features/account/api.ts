import type { MutationCallbacks } from '../../api/mutation';
import { type BodyOf, type ResponseOf, apiClient } from '../../api/typed-client';
import { useMutation } from '@tanstack/react-query';

type ProfileBody = BodyOf<'/api/auth/me', 'patch'>;

/** The signed-in user's own profile (display name), with the version read. */
export function useUpdateProfile(
  callbacks?: MutationCallbacks<ResponseOf<'/api/auth/me', 'patch'>, ProfileBody>,
) {
  return useMutation({
    mutationFn: (body: ProfileBody) => apiClient.patch('/api/auth/me', { body }),
    ...callbacks,
  });
}

type PasswordBody = BodyOf<'/api/auth/password', 'post'>;

export function useChangePassword(callbacks?: MutationCallbacks<unknown, PasswordBody>) {
  return useMutation({
    mutationFn: (body: PasswordBody): Promise<unknown> => apiClient.post('/api/auth/password', { body }),
    ...callbacks,
  });
}

/** Enrols the second factor from the account page: begin (a new secret), then confirm a code. */
/** Starts enrolment; replacing an active authenticator needs the current password. */
export function useBeginMfaSetup(
  callbacks?: MutationCallbacks<ResponseOf<'/api/auth/mfa/setup', 'post'>, { currentPassword?: string }>,
) {
  return useMutation({
    mutationFn: (body: { currentPassword?: string }) => apiClient.post('/api/auth/mfa/setup', { body }),
    ...callbacks,
  });
}

export function useConfirmMfa(callbacks?: MutationCallbacks<unknown, { code: string }>) {
  return useMutation({
    mutationFn: (body: { code: string }): Promise<unknown> =>
      apiClient.post('/api/auth/mfa/confirm', { body }),
    ...callbacks,
  });
}
