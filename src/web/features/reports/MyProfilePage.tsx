import { Navigate } from 'react-router';
import { useCurrentUser } from '../../api/session';
import { EmptyState } from '../../components/EmptyState';
import { useI18n } from '../../i18n';

/** The nav's "our profile": a municipality user's own municipality. */
export default function MyProfilePage() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const own = user.organization.municipalityId;
  if (!own) return <EmptyState title={t('reports.profile.noMunicipality')} />;
  return <Navigate to={`/reports/municipalities/${own}`} replace />;
}
