import type { UseMutationOptions } from '@tanstack/react-query';

/** What a page adds to a feature's mutation hook: its own reactions to success and failure. */
export type MutationCallbacks<TData, TVariables> = Pick<
  UseMutationOptions<TData, Error, TVariables>,
  'onSuccess' | 'onError' | 'onSettled'
>;
