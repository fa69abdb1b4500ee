import { Link, useParams } from 'react-router';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n';
import { usePublicCase } from './api';
import { CaseArticle } from './parts';

/** One published case on a page of its own, laid out to print on one A4 page (no sign-in). */
export default function PublicCasePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const query = usePublicCase(id);
  return (
    <QueryState query={query}>
      {(c) => (
        <div className="print-page flex max-w-4xl flex-col gap-6">
          <div className="print:hidden">
            <PageHeader
              title={c.title}
              breadcrumbs={[{ label: t('cases.title'), to: '/cases' }, { label: c.title }]}
              actions={
                <Button variant="secondary" onClick={() => window.print()}>
                  {t('cases.print')}
                </Button>
              }
            />
          </div>
          {/* On paper the title is the page's heading, without the screen's breadcrumbs and buttons. */}
          <p aria-hidden="true" className="hidden text-std-28B-150 print:block">
            {c.title}
          </p>
          <CaseArticle c={c} headingLevel={1} />
          <p className="print:hidden">
            <Link to="/cases">{t('cases.backToList')}</Link>
          </p>
        </div>
      )}
    </QueryState>
  );
}
