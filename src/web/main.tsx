import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { isApiError } from './api/client';
import { fetchSession, sessionQueryKey } from './api/session';
import { I18nProvider } from './i18n';
import { createRouter } from './routes';
import './styles.css';

/** A session that ended (timeout, sign-out elsewhere) sends the person back to the login page. */
function onApiError(error: unknown) {
  if (isApiError(error, 'UNAUTHENTICATED')) queryClient.setQueryData(sessionQueryKey, null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; a dropped connection might.
      retry: (failureCount, error) =>
        failureCount < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
    },
  },
});

// Ask who is signed in now, beside the first page's chunks, instead of after they arrive and the
// layout renders: one round trip less before a signed-in page shows. useSession picks this up.
void queryClient.prefetchQuery({
  queryKey: sessionQueryKey,
  queryFn: fetchSession,
  staleTime: 5 * 60_000,
  retry: false,
});

const router = createRouter();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
