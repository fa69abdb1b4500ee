import { useState } from 'react';
import { useParams } from 'react-router';
import type { Planner } from '../../../shared/schemas/applications';
import { Button } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { formatFiscalYear, formatNumber, formatThousandYen } from '../../lib/format';
import { type PlannerInputs, useCall, usePlanner } from './api';
import { parseWholeNumber } from './helpers';
import { useProgramName } from './parts';

/** The years shown as columns: every year from the earliest support on record (at least three back) to the latest. */
function yearColumns(planner: Planner): number[] {
  const years = planner.municipalities.flatMap((m) => m.supportedYears);
  const first = Math.min(planner.fromYear - 3, ...years);
  const last = Math.max(planner.fromYear - 1, ...years);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Per municipality the years supported (● plus text, never colour alone), who never was, and a what-if. */
export default function PlannerPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const call = useCall(id);
  const programName = useProgramName();
  const [inputs, setInputs] = useState<PlannerInputs>({});
  const planner = usePlanner(id, inputs);
  const form = useVersionedForm<{ budget: string; cost: string; capacity: string }>({
    id: 'planner',
    initial: { budget: '', cost: '', capacity: '' },
  });
  const names = new Map((planner.data?.municipalities ?? []).map((m) => [m.municipalityId, m.name]));
  const sep = locale === 'ja' ? '、' : ', ';

  function calculate(event: React.FormEvent) {
    event.preventDefault();
    const values = {
      budgetThousandYen: parseWholeNumber(form.values.budget),
      averageCostThousandYen: parseWholeNumber(form.values.cost),
      totalCapacity: parseWholeNumber(form.values.capacity),
    };
    const bad = (Object.entries(values) as [keyof PlannerInputs, number | undefined][])
      .filter(([, v]) => v !== undefined && Number.isNaN(v))
      .map(([key]) => ({
        path: [key],
        code: 'invalid_number',
        ja: '0以上の整数を入力してください。',
        en: 'Enter a whole number of 0 or more.',
      }));
    if (bad.length > 0) {
      form.showFields(bad);
      return;
    }
    form.clear();
    setInputs(values);
  }

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('applications.planner.title')}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('applications.calls.title'), to: '/calls' },
          ...(call.data ? [{ label: programName(call.data), to: `/calls/${call.data.id}` }] : []),
          { label: t('applications.planner.title') },
        ]}
        description={t('applications.planner.description')}
      />
      <QueryState query={planner}>
        {(data) => (
          <>
            <Section title={t('applications.planner.neverTitle')}>
              {data.neverSupported.length === 0 ? (
                <p>{t('applications.planner.neverNone')}</p>
              ) : (
                <p>
                  <strong>
                    {t('applications.planner.neverCount', { count: data.neverSupported.length })}
                  </strong>
                  {t('applications.common.colon')}
                  {data.neverSupported.map((m) => names.get(m) ?? m).join(sep)}
                </p>
              )}
            </Section>
            <Section
              title={t('applications.planner.whatIf')}
              description={t('applications.planner.whatIfDescription')}
              boxed
            >
              <form noValidate onSubmit={calculate} className="flex flex-col gap-4">
                <ErrorSummary errors={form} />
                <div className="grid gap-4 md:grid-cols-3">
                  <TextField
                    id={form.id(['budgetThousandYen'])}
                    label={t('applications.planner.budget')}
                    inputMode="numeric"
                    placeholder={String(data.budgetThousandYen)}
                    value={form.values.budget}
                    onChange={(e) => form.set('budget')(e.target.value)}
                    error={form.fieldMessage('budgetThousandYen')}
                  />
                  <TextField
                    id={form.id(['averageCostThousandYen'])}
                    label={t('applications.planner.averageCost')}
                    inputMode="numeric"
                    placeholder={String(data.averageCostThousandYen)}
                    value={form.values.cost}
                    onChange={(e) => form.set('cost')(e.target.value)}
                    error={form.fieldMessage('averageCostThousandYen')}
                  />
                  <TextField
                    id={form.id(['totalCapacity'])}
                    label={t('applications.planner.totalCapacity')}
                    inputMode="numeric"
                    placeholder={String(data.totalCapacity)}
                    value={form.values.capacity}
                    onChange={(e) => form.set('capacity')(e.target.value)}
                    error={form.fieldMessage('totalCapacity')}
                  />
                </div>
                <div>
                  <Button type="submit" isBusy={planner.isFetching}>
                    {t('applications.planner.calculate')}
                  </Button>
                </div>
              </form>
              <div aria-live="polite" className="flex flex-col gap-4">
                <p className="text-std-16N-170 text-solid-gray-700">
                  {t('applications.planner.inputsUsed', {
                    budget: formatThousandYen(data.budgetThousandYen, locale),
                    cost: formatThousandYen(data.averageCostThousandYen, locale),
                    capacity: formatNumber(data.totalCapacity, locale),
                  })}
                </p>
                <DescriptionList
                  items={[
                    {
                      term: t('applications.planner.projectsPerYear'),
                      value: formatNumber(data.projectsPerYear, locale),
                    },
                    {
                      term: t('applications.planner.yearsUntil'),
                      value:
                        data.yearsUntilAllSupported === null
                          ? t('applications.planner.yearsNever')
                          : t('applications.planner.yearsValue', { count: data.yearsUntilAllSupported }),
                    },
                  ]}
                />
                {data.schedule.length > 0 && (
                  <Table caption={t('applications.planner.scheduleCaption')} dense>
                    <THead>
                      <tr>
                        <Th>{t('applications.planner.year')}</Th>
                        <Th>{t('applications.planner.scheduled')}</Th>
                      </tr>
                    </THead>
                    <TBody>
                      {data.schedule.map((s) => (
                        <Tr key={s.year}>
                          <Th scope="row" className="text-std-16N-170">
                            {formatFiscalYear(s.year, locale)}
                          </Th>
                          <Td>
                            {t('applications.common.municipalitiesValue', {
                              count: s.municipalityIds.length,
                            })}
                            {t('applications.common.colon')}
                            {s.municipalityIds.map((m) => names.get(m) ?? m).join(sep)}
                          </Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                )}
              </div>
            </Section>
            <Section
              title={t('applications.planner.supportedCaption', { count: data.municipalities.length })}
            >
              <Table
                caption={t('applications.planner.supportedCaption', { count: data.municipalities.length })}
                captionHidden
                dense
              >
                <THead>
                  <tr>
                    <Th>{t('applications.common.municipality')}</Th>
                    {yearColumns(data).map((y) => (
                      <Th key={y}>{formatFiscalYear(y, locale)}</Th>
                    ))}
                  </tr>
                </THead>
                <TBody>
                  {data.municipalities.map((m) => (
                    <Tr key={m.municipalityId}>
                      <Th scope="row" className="text-std-16N-170">
                        {m.name}
                      </Th>
                      {yearColumns(data).map((y) => (
                        <Td key={y}>
                          {m.supportedYears.includes(y) ? (
                            <span className="font-bold text-green-1000">
                              {t('applications.planner.supportedMark')}
                            </span>
                          ) : (
                            <span className="text-solid-gray-700">
                              {t('applications.planner.notSupportedMark')}
                            </span>
                          )}
                        </Td>
                      ))}
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Section>
          </>
        )}
      </QueryState>
    </div>
  );
}
