import { Link, useLocation, useParams } from 'react-router';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n';
import { useSetupChecklist } from './api';

const stateTones = { done: 'success', missing: 'error', later: 'neutral' } as const;

/** What a year still needs before it starts, each item linking to the page that sets it. */
export default function SetupChecklistPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const location = useLocation();
  const checklist = useSetupChecklist(id);
  const prepared = (location.state as { prepared?: boolean } | null)?.prepared === true;
  return (
    <QueryState query={checklist}>
      {(c) => (
        <div className="flex flex-col gap-8">
          <PageHeader
            title={t('yearSetup.checklistTitle', { year: pick(c.label) })}
            breadcrumbs={[
              { label: t('nav.home'), to: '/' },
              { label: t('fiscalYears.title'), to: '/fiscal-years' },
              { label: pick(c.label), to: `/fiscal-years/${id}` },
              { label: t('yearSetup.checklistLink') },
            ]}
            description={t('yearSetup.checklistDescription')}
          />
          {prepared && (
            <Alert tone="success" isLive>
              {t('yearSetup.prepared', { year: pick(c.label) })}
            </Alert>
          )}
          <Alert tone={c.isReady ? 'success' : 'warning'}>
            {c.isReady
              ? t('yearSetup.ready')
              : t('yearSetup.notReady', { count: c.items.filter((i) => i.state === 'missing').length })}
          </Alert>
          <ol className="flex flex-col gap-4" aria-label={t('yearSetup.checklistLink')}>
            {c.items.map((item) => (
              <li
                key={item.key}
                className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4 md:flex-row md:items-center md:justify-between"
              >
                <div className="flex flex-col gap-1">
                  <span className="flex flex-wrap items-center gap-3">
                    <Badge tone={stateTones[item.state]}>{t(`yearSetup.itemStates.${item.state}`)}</Badge>
                    <span className="text-std-17B-170">{pick(item.label)}</span>
                  </span>
                  <span className="text-std-16N-170">{pick(item.detail)}</span>
                </div>
                {item.state !== 'done' && (
                  <Link
                    to={item.href}
                    className="text-std-16B-170 underline"
                    aria-label={`${t('yearSetup.fix')}：${pick(item.label)}`}
                  >
                    {t('yearSetup.fix')}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </QueryState>
  );
}
