import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type FiscalYearStatus,
  fiscalYearCreateSchema,
  fiscalYearStatuses,
} from '../../../shared/schemas/fiscal-years';
import { fiscalYearOf } from '../../../shared/fiscal-year';
import { isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { FormErrors } from '../../components/forms/FormErrors';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { formatFiscalYear, formatNumber, formatThousandYen } from '../../lib/format';
import { useCreateFiscalYear, useFiscalYears } from './api';
import { fiscalYearStatusLabels, fiscalYearStatusTones } from './labels';
import { PrepareNextYear } from './PrepareNextYear';

function CreateFiscalYearForm({
  existing,
}: {
  existing: { id: string; year: number; label: { ja: string; en: string } }[];
}) {
  const { t, pick, locale } = useI18n();
  const navigate = useNavigate();
  // The current fiscal year while it does not exist, else the year after the latest (as "prepare next year").
  const current = fiscalYearOf(new Date());
  const latest = Math.max(...existing.map((y) => y.year), Number.NEGATIVE_INFINITY);
  const nextYear = existing.some((y) => y.year === current) ? latest + 1 : Math.max(current, latest + 1);
  const [year, setYear] = useState(String(nextYear));
  const [status, setStatus] = useState<FiscalYearStatus>('planning');
  const [copyFrom, setCopyFrom] = useState(existing[0]?.id ?? '');
  const form = useVersionedForm('fy-create');
  const create = useCreateFiscalYear();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const body = { year: Number(year), status, ...(copyFrom ? { copyFrom } : {}) };
    if (!form.check(fiscalYearCreateSchema, body)) return;
    create.mutate(body, {
      onSuccess: (created) =>
        navigate(`/fiscal-years/${created.id}`, {
          state: { adjustedDeadlines: created.adjustedDeadlines, isNew: true },
        }),
      onError: form.showError,
    });
  }

  const parsedYear = Number(year);
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      <FormErrors form={form} />
      <div className="grid gap-6 md:grid-cols-3">
        <TextField
          id={form.id(['year'])}
          label={t('fiscalYears.create.year')}
          hint={
            Number.isInteger(parsedYear) && parsedYear >= 2000 && parsedYear <= 2100
              ? formatFiscalYear(parsedYear, locale)
              : t('fiscalYears.create.yearHint')
          }
          inputMode="numeric"
          required
          value={year}
          onChange={(e) => setYear(e.target.value)}
          error={form.fieldMessage('year')}
          inputClassName="max-w-40"
        />
        <Select
          id={form.id(['status'])}
          label={t('fiscalYears.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as FiscalYearStatus)}
        >
          {fiscalYearStatuses.map((s) => (
            <option key={s} value={s}>
              {pick(fiscalYearStatusLabels[s])}
            </option>
          ))}
        </Select>
        <Select
          id={form.id(['copyFrom'])}
          label={t('fiscalYears.create.copyFrom')}
          hint={t('fiscalYears.create.copyFromHint')}
          value={copyFrom}
          onChange={(e) => setCopyFrom(e.target.value)}
        >
          <option value="">{t('fiscalYears.create.noCopy')}</option>
          {existing.map((y) => (
            <option key={y.id} value={y.id}>
              {pick(y.label)}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Button type="submit" isBusy={create.isPending}>
          {t('fiscalYears.create.submit')}
        </Button>
      </div>
    </form>
  );
}

export default function FiscalYearListPage() {
  const { t, locale, pick } = useI18n();
  const user = useCurrentUser();
  const isAdmin = isPrefectureAdmin(user);
  const years = useFiscalYears();

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('fiscalYears.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('fiscalYears.title') }]}
        description={isAdmin ? t('fiscalYears.descriptionAdmin') : t('fiscalYears.descriptionReadOnly')}
      />
      <QueryState query={years}>
        {(items) => (
          <>
            {items.length === 0 ? (
              <EmptyState title={t('fiscalYears.emptyTitle')}>
                {isAdmin ? t('fiscalYears.emptyAdmin') : t('fiscalYears.emptyBody')}
              </EmptyState>
            ) : (
              <Table caption={t('fiscalYears.tableCaption')}>
                <THead>
                  <tr>
                    <Th>{t('fiscalYears.year')}</Th>
                    <Th>{t('fiscalYears.status')}</Th>
                    <Th numeric>{t('fiscalYears.programCount')}</Th>
                    <Th numeric>{t('fiscalYears.totalBudget')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {items.map((fy) => (
                    <Tr key={fy.id}>
                      <Td>
                        <Link to={`/fiscal-years/${fy.id}`} className="text-std-16B-170">
                          {pick(fy.label)}
                        </Link>
                      </Td>
                      <Td>
                        <Badge tone={fiscalYearStatusTones[fy.status]}>
                          {pick(fiscalYearStatusLabels[fy.status])}
                        </Badge>
                      </Td>
                      <Td numeric>{formatNumber(fy.programCount, locale)}</Td>
                      <Td numeric>
                        <span className="flex flex-col items-end">
                          <span>
                            {fy.totalBudgetThousandYen === null
                              ? t('fiscalYears.budgetUndecided')
                              : formatThousandYen(fy.totalBudgetThousandYen, locale)}
                          </span>
                          {fy.undecidedBudgetCount > 0 && fy.totalBudgetThousandYen !== null && (
                            <span className="text-dns-14N-130 text-solid-gray-700">
                              {t('fiscalYears.undecidedCount', { count: fy.undecidedBudgetCount })}
                            </span>
                          )}
                        </span>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
            {isAdmin && items.length > 0 && (
              <Section
                title={t('yearSetup.prepareTitle')}
                description={t('yearSetup.prepareDescription')}
                boxed
              >
                <PrepareNextYear />
              </Section>
            )}
            {isAdmin && (
              <Section
                title={t('fiscalYears.create.title')}
                description={t('fiscalYears.create.description')}
                boxed
              >
                <CreateFiscalYearForm existing={items} />
              </Section>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
