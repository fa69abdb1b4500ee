import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { useI18n } from '../i18n';
import { Alert } from './Alert';
import { Button } from './Button';
import { Spinner } from './Spinner';

/** What QueryState reads from a TanStack query (plain or infinite). */
type QueryLike<T> =
  | {
      isPending: true;
      isError: false;
      data: undefined;
      error: null;
      isFetching: boolean;
      refetch: () => unknown;
    }
  | {
      isPending: false;
      isError: true;
      data: T | undefined;
      error: unknown;
      isFetching: boolean;
      refetch: () => unknown;
    }
  | { isPending: false; isError: false; data: T; error: null; isFetching: boolean; refetch: () => unknown };

/** The three states of data from the API: loading, failed (with a retry) and ready. */
export function QueryState<T>({
  query,
  loadingLabel,
  children,
}: {
  query: QueryLike<T>;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  const { t, pick } = useI18n();
  if (query.isPending) return <Spinner label={loadingLabel} />;
  if (query.isError) {
    const error = query.error;
    return (
      <Alert
        tone="error"
        title={t('state.loadFailed')}
        actions={
          <Button variant="secondary" size="sm" onClick={() => query.refetch()} isBusy={query.isFetching}>
            {t('state.retry')}
          </Button>
        }
      >
        {isApiError(error) ? pick(error.localized) : t('state.unknownError')}
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
