import { Link, useSearchParams } from 'react-router';
import type { RunDetail } from '../../../shared/schemas/applications';
import { Alert } from '../../components/Alert';
import { DescriptionList } from '../../components/DescriptionList';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatThousandYen } from '../../lib/format';
import { useRun } from './api';
import { diffRuns, type OutcomeDifference, withNote } from './helpers';
import { ApplicationStatusBadge, RunStatusBadge, TotalsTable, WeightsText } from './parts';

/** Two runs side by side (`?a=&b=`): their settings and totals, and the applications they decide differently. */
export default function RunComparePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const runA = useRun(a);
  const runB = useRun(b);
  const header = (
    <PageHeader
      title={t('applications.compare.title')}
      breadcrumbs={[
        { label: t('nav.home'), to: '/' },
        { label: t('applications.calls.title'), to: '/calls' },
        { label: t('applications.compare.title') },
      ]}
      description={t('applications.compare.description')}
    />
  );
  if (!a || !b) {
    return (
      <div className="flex flex-col gap-8">
        {header}
        <Alert tone="info">{t('applications.compare.pickTwo')}</Alert>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-8">
      {header}
      <QueryState query={runA}>
        {(x) => <QueryState query={runB}>{(y) => <Comparison a={x} b={y} />}</QueryState>}
      </QueryState>
    </div>
  );
}

function Side({ run }: { run: RunDetail }) {
  const { t, locale } = useI18n();
  return (
    <Section level={3} title={<Link to={`/runs/${run.id}`}>{run.label}</Link>}>
      <DescriptionList
        items={[
          { term: t('applications.run.status'), value: <RunStatusBadge status={run.status} /> },
          { term: t('applications.run.budget'), value: formatThousandYen(run.budgetThousandYen, locale) },
          { term: t('applications.run.weights'), value: <WeightsText weights={run.priorityWeights} /> },
          { term: t('applications.run.seed'), value: String(run.seed) },
        ]}
      />
    </Section>
  );
}

function OutcomeCell({ side }: { side: OutcomeDifference['a'] }) {
  const { t, locale } = useI18n();
  if (!side) return <>{t('applications.compare.notConsidered')}</>;
  return (
    <span className="flex flex-col items-start gap-1">
      <ApplicationStatusBadge status={side.outcome} />
      {side.menuTitle && (
        <span>
          {side.rank === null
            ? side.menuTitle
            : withNote(side.menuTitle, t('applications.common.rankValue', { rank: side.rank }), locale)}
        </span>
      )}
    </span>
  );
}

function Comparison({ a, b }: { a: RunDetail; b: RunDetail }) {
  const { t } = useI18n();
  const differences = diffRuns(a, b);
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <Side run={a} />
        <Side run={b} />
      </div>
      {a.totals && b.totals && (
        <TotalsTable
          caption={t('applications.compare.totalsCaption')}
          a={a.totals}
          b={b.totals}
          aLabel={a.label}
          bLabel={b.label}
        />
      )}
      <Section title={t('applications.compare.differencesTitle')}>
        {differences.length === 0 ? (
          <p>{t('applications.compare.noDifferences')}</p>
        ) : (
          <Table
            caption={t('applications.compare.differencesCaption', { count: differences.length })}
            captionHidden
          >
            <THead>
              <tr>
                <Th>{t('applications.common.municipality')}</Th>
                <Th>{a.label}</Th>
                <Th>{b.label}</Th>
              </tr>
            </THead>
            <TBody>
              {differences.map((d) => (
                <Tr key={d.applicationId}>
                  <Th scope="row" className="text-std-16N-170">
                    <Link to={`/applications/${d.applicationId}`}>{d.municipalityName}</Link>
                  </Th>
                  <Td>
                    <OutcomeCell side={d.a} />
                  </Td>
                  <Td>
                    <OutcomeCell side={d.b} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
    </>
  );
}
