import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { BodyOf } from '../../api/typed-client';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { seminarSeriesCreateSchema } from '../../../shared/schemas/seminars';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { useFiscalYears } from '../fiscal-years/api';
import { seminarsCalls, useInvalidateSeminars } from './api';
import { parseWholeNumber } from './numbers';

/** A new series for a fiscal year, with its cost per session in thousand yen. */
export function SeriesForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidateSeminars();
  const errors = useVersionedForm('seminar-series-new');
  const years = useFiscalYears();
  const [fiscalYearId, setFiscalYearId] = useState('');
  const [title, setTitle] = useState('');
  const [cost, setCost] = useState('');
  const [sessions, setSessions] = useState('4');

  const save = useMutation({
    mutationFn: (body: BodyOf<'/api/seminar-series', 'post'>) => seminarsCalls.createSeries(body),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
    onError: errors.showError,
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const body = {
      fiscalYearId: fiscalYearId || (years.data?.[0]?.id ?? ''),
      title: title.trim(),
      costPerSessionThousandYen: parseWholeNumber(cost),
      sessionCount: parseWholeNumber(sessions),
    };
    if (!errors.check(seminarSeriesCreateSchema, body)) return;
    save.mutate(body);
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      <ErrorSummary errors={errors} />
      <div className="grid gap-6 md:grid-cols-2">
        <Select
          id={errors.id(['fiscalYearId'])}
          label={t('seminars.series.fiscalYear')}
          value={fiscalYearId || (years.data?.[0]?.id ?? '')}
          onChange={(e) => setFiscalYearId(e.target.value)}
          error={errors.fieldMessage('fiscalYearId')}
          required
        >
          {(years.data ?? []).map((y) => (
            <option key={y.id} value={y.id}>
              {pick(y.label)}
            </option>
          ))}
        </Select>
        <TextField
          id={errors.id(['title'])}
          label={t('seminars.series.name')}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.fieldMessage('title')}
          maxLength={200}
        />
        <TextField
          id={errors.id(['costPerSessionThousandYen'])}
          label={t('seminars.series.costPerSession')}
          hint={t('seminars.series.costHint')}
          inputMode="numeric"
          required
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          error={errors.fieldMessage('costPerSessionThousandYen')}
          inputClassName="max-w-60"
        />
        <TextField
          id={errors.id(['sessionCount'])}
          label={t('seminars.series.sessions')}
          inputMode="numeric"
          required
          value={sessions}
          onChange={(e) => setSessions(e.target.value)}
          error={errors.fieldMessage('sessionCount')}
          inputClassName="max-w-40"
        />
      </div>
      <div className="flex flex-wrap gap-4">
        <Button type="submit" isBusy={save.isPending}>
          {t('seminars.series.add')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
