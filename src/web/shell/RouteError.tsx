import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Alert } from '../components/Alert';
import { useT } from '../i18n';
import { usePageTitle } from '../lib/page-title';

/**
 * When a page crashes or its code cannot be loaded (e.g. after a deploy the
 * old chunk is gone): say so plainly and offer a reload, instead of a blank page.
 */
export function RouteError() {
  const error = useRouteError();
  const t = useT();
  usePageTitle(t('errors.crashTitle'));
  const isNotFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-12">
      <h1 className="text-std-32B-150">{isNotFound ? t('errors.notFoundTitle') : t('errors.crashTitle')}</h1>
      <Alert tone="error">{isNotFound ? t('errors.notFoundBody') : t('errors.crashBody')}</Alert>
      <p className="flex flex-wrap gap-6 text-std-16N-170">
        <a href={window.location.href}>{t('errors.reload')}</a>
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </div>
  );
}
