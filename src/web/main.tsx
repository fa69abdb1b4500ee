import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { queryClient } from './api/query-client';
import { fetchSession, sessionQueryKey } from './api/session';
import { I18nProvider } from './i18n';
import { createRouter } from './routes';
import './styles.css';

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
