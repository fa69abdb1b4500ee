import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../shared/roles';
import { hasAnyRole, useSession } from '../api/session';
import { Alert } from '../components/Alert';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { useT } from '../i18n';

/** Pages behind sign-in: anyone else is sent to the login page, which brings them back afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  return (
    <QueryState query={session}>
      {(user) =>
        user ? (
          <Outlet />
        ) : (
          <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
        )
      }
    </QueryState>
  );
}

/** Hides a page from roles that cannot use it; the API refuses them anyway. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const { data: user } = useSession();
  const t = useT();
  if (!hasAnyRole(user, roles)) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader
          title={t('errors.forbiddenTitle')}
          breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('errors.forbiddenTitle') }]}
        />
        <Alert tone="warning">{t('errors.forbiddenBody')}</Alert>
      </div>
    );
  }
  return children ?? <Outlet />;
}
