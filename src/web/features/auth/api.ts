import { useMutation, useQuery } from '@tanstack/react-query';
import type { MutationCallbacks } from '../../api/mutation';
import { type BodyOf, type ResponseOf, apiClient } from '../../api/typed-client';

export function useDemoAccounts() {
  return useQuery({
    queryKey: ['demo-accounts'],
    queryFn: () => apiClient.get('/api/auth/demo-accounts'),
    // The administrator's code changes every 30 seconds.
    refetchInterval: 10_000,
  });
}

type LoginBody = BodyOf<'/api/auth/login', 'post'>;
type LoginResult = ResponseOf<'/api/auth/login', 'post'>;

export function useLogin(callbacks?: MutationCallbacks<LoginResult, LoginBody>) {
  return useMutation({
    mutationFn: (body: LoginBody) => apiClient.post('/api/auth/login', { body }),
    ...callbacks,
  });
}

/** Starts TOTP enrolment: a new secret and its otpauth:// URI for the authenticator app. */
export function beginMfaSetup() {
  // A first enrolment during sign-in: no password again, the sign-in just checked it.
  return apiClient.post('/api/auth/mfa/setup', { body: {} });
}

/** The second step of sign-in: a code to enrol (setup) or to verify an enrolled factor. */
export function useMfaCode(isSetup: boolean, callbacks?: MutationCallbacks<unknown, { code: string }>) {
  return useMutation({
    mutationFn: (body: { code: string }): Promise<unknown> =>
      isSetup
        ? apiClient.post('/api/auth/mfa/confirm', { body })
        : apiClient.post('/api/auth/mfa/verify', { body }),
    ...callbacks,
  });
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiClient.get('/api/auth/invitations/{token}', { params: { path: { token } } }),
    enabled: token.length > 0,
  });
}

type AcceptBody = BodyOf<'/api/auth/invitations/accept', 'post'>;

export function useAcceptInvitation(callbacks?: MutationCallbacks<unknown, AcceptBody>) {
  return useMutation({
    mutationFn: (body: AcceptBody): Promise<unknown> =>
      apiClient.post('/api/auth/invitations/accept', { body }),
    ...callbacks,
  });
}

type ResetRequestBody = BodyOf<'/api/auth/password-reset/request', 'post'>;

export function useRequestPasswordReset(
  callbacks?: MutationCallbacks<ResponseOf<'/api/auth/password-reset/request', 'post'>, ResetRequestBody>,
) {
  return useMutation({
    mutationFn: (body: ResetRequestBody) => apiClient.post('/api/auth/password-reset/request', { body }),
    ...callbacks,
  });
}

type ResetConfirmBody = BodyOf<'/api/auth/password-reset/confirm', 'post'>;

export function useConfirmPasswordReset(callbacks?: MutationCallbacks<unknown, ResetConfirmBody>) {
  return useMutation({
    mutationFn: (body: ResetConfirmBody): Promise<unknown> =>
      apiClient.post('/api/auth/password-reset/confirm', { body }),
    ...callbacks,
  });
}
