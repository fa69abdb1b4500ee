import { Link } from 'react-router';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';

export default function NotFoundPage() {
  const t = useT();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        title={t('errors.notFoundTitle')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('errors.notFoundTitle') }]}
      />
      <Alert tone="warning">{t('errors.notFoundBody')}</Alert>
      <p className="text-std-16N-170">
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </div>
  );
}
