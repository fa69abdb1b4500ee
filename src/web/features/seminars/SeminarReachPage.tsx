import { useState } from 'react';
import { isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { PrintButton } from '../../components/PrintButton';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { buttonClass } from '../../components/Button';
import { formatFiscalYear, formatNumber, formatThousandYen } from '../../lib/format';
import { useFiscalYears } from '../fiscal-years/api';
import { useReach } from './api';
import { audienceLabels } from './labels';
import { type ReachMatrixRow, reachMatrix } from './reach-matrix';
import type { ReachReport, ReachRow } from './types';

function ReachCell({ row }: { row: ReachRow | undefined }) {
  const { t } = useI18n();
  if (!row || (!row.registered && !row.attended && !row.watchedArchive)) {
    return <span className="text-solid-gray-700">—</span>;
  }
  return (
    <span className="flex flex-wrap gap-1">
      {row.attended && <Badge tone="success">{t('seminars.reach.attended')}</Badge>}
      {row.watchedArchive && <Badge tone="info">{t('seminars.reach.watched')}</Badge>}
      {row.registered && !row.isReached && <Badge tone="neutral">{t('seminars.reach.registeredOnly')}</Badge>}
    </span>
  );
}

function ReachTable({ rows, caption }: { rows: ReachMatrixRow[]; caption: string }) {
  const { t, locale, pick } = useI18n();
  return (
    <Table caption={caption} captionHidden dense>
      <THead>
        <tr>
          <Th>{t('seminars.reach.fiscalYear')}</Th>
          <Th>{t('seminars.registration.municipality')}</Th>
          <Th>{pick(audienceLabels.heads)}</Th>
          <Th>{pick(audienceLabels.staff)}</Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={`${row.fiscalYear}-${row.municipality.id}`}>
            <Td className="whitespace-nowrap">{formatFiscalYear(row.fiscalYear, locale)}</Td>
            <Td>{locale === 'ja' ? row.municipality.name : row.municipality.nameEn}</Td>
            <Td>
              <ReachCell row={row.heads} />
            </Td>
            <Td>
              <ReachCell row={row.staff} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function Summary({ report }: { report: ReachReport }) {
  const { t, locale, pick } = useI18n();
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {report.summary.map((s) => (
        <div
          key={s.audience}
          className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white px-4 py-3"
        >
          <dt className="text-dns-16N-130 text-solid-gray-800">
            {t('seminars.reach.reachedOf', { audience: pick(audienceLabels[s.audience]) })}
          </dt>
          <dd className="text-std-24B-150 tabular-nums">
            {t('seminars.reach.reachedValue', {
              reached: formatNumber(s.reached, locale),
              total: formatNumber(s.total, locale),
            })}
          </dd>
        </div>
      ))}
      <div className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white px-4 py-3">
        <dt className="text-dns-16N-130 text-solid-gray-800">{t('seminars.reach.cost')}</dt>
        <dd className="text-std-24B-150 tabular-nums">
          {report.costThousandYen === null ? '—' : formatThousandYen(report.costThousandYen, locale)}
        </dd>
      </div>
      <div className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white px-4 py-3">
        <dt className="text-dns-16N-130 text-solid-gray-800">
          {t('seminars.reach.costPerMunicipality', {
            count: formatNumber(report.municipalitiesReached, locale),
          })}
        </dt>
        <dd className="text-std-24B-150 tabular-nums">
          {report.costPerMunicipalityReachedThousandYen === null
            ? '—'
            : formatThousandYen(report.costPerMunicipalityReachedThousandYen, locale)}
        </dd>
      </div>
    </dl>
  );
}

function NeverReached({ report }: { report: ReachReport }) {
  const { t, locale, pick } = useI18n();
  // A municipality that only registered is not reached; it stays on the list, marked as in the table.
  const name = (m: { name: string; nameEn: string; registeredOnly: boolean }) =>
    `${locale === 'ja' ? m.name : m.nameEn}${m.registeredOnly ? t('seminars.reach.registeredOnlySuffix') : ''}`;
  return (
    <Section title={t('seminars.reach.neverTitle')} description={t('seminars.reach.neverDescription')}>
      <div className="grid gap-6 md:grid-cols-2">
        {report.neverReached.map((group) => (
          <Section key={group.audience} title={pick(audienceLabels[group.audience])} level={3} boxed>
            <p className="text-std-16B-170">
              {t('seminars.reach.neverThisYear', { count: formatNumber(group.thisYear.length, locale) })}
            </p>
            <p className="text-std-16N-170">{group.thisYear.map(name).join('、') || t('common.none')}</p>
            <p className="text-std-16B-170">
              {t('seminars.reach.neverAllYears', { count: formatNumber(group.allYears.length, locale) })}
            </p>
            <p className="text-std-16N-170">{group.allYears.map(name).join('、') || t('common.none')}</p>
          </Section>
        ))}
      </div>
    </Section>
  );
}

/**
 * Which municipalities the seminars reached: per municipality, audience and
 * year, whether someone registered, attended or watched the archive. The
 * administrator sees every municipality, the never-reached lists and the
 * cost per municipality reached, and exports it all; a municipality user
 * sees the own municipality's history.
 */
export default function SeminarReachPage() {
  const { t, pick } = useI18n();
  const user = useCurrentUser();
  const isAdmin = isPrefectureAdmin(user);
  const years = useFiscalYears();
  const [fiscalYear, setFiscalYear] = useState<number | undefined>(isAdmin ? 2024 : undefined);
  const reach = useReach(fiscalYear);
  const title = isAdmin ? t('seminars.reach.title') : t('seminars.reach.myTitle');
  const exportUrl = `/api/seminar-reach/export${fiscalYear ? `?fiscalYear=${fiscalYear}` : ''}`;

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('seminars.title'), to: '/seminars' },
          { label: title },
        ]}
        description={isAdmin ? t('seminars.reach.description') : t('seminars.reach.myDescription')}
        actions={
          <>
            <PrintButton />
            {isAdmin && (
              <a href={exportUrl} className={buttonClass('secondary')} download>
                {t('seminars.reach.export')}
              </a>
            )}
          </>
        }
      />
      {isAdmin && (
        <div className="max-w-sm">
          <Select
            label={t('seminars.reach.fiscalYear')}
            value={fiscalYear === undefined ? '' : String(fiscalYear)}
            onChange={(e) => setFiscalYear(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">{t('seminars.reach.allYears')}</option>
            {(years.data ?? []).map((y) => (
              <option key={y.id} value={y.year}>
                {pick(y.label)}
              </option>
            ))}
          </Select>
        </div>
      )}
      <QueryState query={reach}>
        {(report) => (
          <>
            {isAdmin && <Summary report={report} />}
            {isAdmin && <NeverReached report={report} />}
            <Section title={t('seminars.reach.matrixTitle')}>
              <ReachTable rows={reachMatrix(report.rows)} caption={t('seminars.reach.matrixTitle')} />
            </Section>
          </>
        )}
      </QueryState>
    </div>
  );
}
