import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorCatalog } from '../../../shared/errors';
import { ApiError } from '../../api/client';
import { type Municipality, municipalityPatchSchema } from '../../../shared/schemas/municipalities';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { FormErrors } from '../../components/forms/FormErrors';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { formatPopulation } from '../../lib/format';
import { municipalityQueryKey, useUpdateMunicipality } from './api';

/** What a 409 tells about the record now (the stored row; only these fields are relied on). */
type CurrentValues = Pick<Municipality, 'population' | 'populationSource' | 'version'>;

function readCurrent(current: unknown): CurrentValues | null {
  if (typeof current !== 'object' || current === null) return null;
  const row = current as Record<string, unknown>;
  if (typeof row.version !== 'number') return null;
  return {
    version: row.version,
    population: typeof row.population === 'number' ? row.population : null,
    populationSource: typeof row.populationSource === 'string' ? row.populationSource : null,
  };
}

function readCurrentOf(error: unknown): CurrentValues | null {
  return error instanceof ApiError ? readCurrent(error.current) : null;
}

function toText(value: number | null) {
  return value === null ? '' : String(value);
}

/**
 * The prefecture records population from an official source, and the source
 * with it. Saving names the version that was read; if someone saved first,
 * the server answers 409 and the form shows their values beside a reload.
 */
export function PopulationForm({ municipality }: { municipality: Municipality }) {
  const { t, pick, locale } = useI18n();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(municipality);
  const form = useVersionedForm({
    id: 'population',
    initial: { population: toText(municipality.population), source: municipality.populationSource ?? '' },
  });
  const { population, source } = form.values;
  const conflict = form.conflict ? readCurrent(form.conflict.current) : null;
  const save = useUpdateMunicipality(municipality.id);

  function onSaveError(error: unknown) {
    if (form.onError(error) && !readCurrentOf(error)) {
      // Without the current values, reloading is the only safe way on.
      form.resolveConflict();
      queryClient.invalidateQueries({ queryKey: municipalityQueryKey(municipality.id) });
      form.showError(error);
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    save.reset();
    const cleaned = population.replace(/[,，\s]/g, '');
    const value = cleaned === '' ? null : Number(cleaned);
    if (value !== null && !Number.isInteger(value)) {
      return form.showFields([
        {
          path: ['population'],
          code: 'not_integer',
          ja: '人口は0以上の整数（半角数字）で入力してください。',
          en: 'Enter the population as a whole number (0 or more).',
        },
      ]);
    }
    const body = {
      version: base.version,
      population: value,
      populationSource: source.trim() === '' ? null : source.trim(),
    };
    const sourceMissing =
      value !== null && body.populationSource === null
        ? [
            {
              path: ['populationSource'],
              code: 'source_required',
              ja: '人口を登録するときは出典を入力してください。',
              en: 'Enter the source when you record a population.',
            },
          ]
        : [];
    if (!form.check(municipalityPatchSchema, body, sourceMissing)) return;
    save.mutate(body, {
      onSuccess: (updated) => {
        form.clear();
        form.resolveConflict();
        setBase(updated);
      },
      onError: onSaveError,
    });
  }

  function reloadLatest() {
    if (!conflict) return;
    const latest = { ...base, ...conflict };
    setBase(latest);
    form.setValues({ population: toText(conflict.population), source: conflict.populationSource ?? '' });
    queryClient.setQueryData(municipalityQueryKey(latest.id), latest);
    // The rest of the record may have changed too: read it again in the background.
    queryClient.invalidateQueries({ queryKey: municipalityQueryKey(latest.id) });
    queryClient.invalidateQueries({ queryKey: ['municipalities', 'list'] });
    form.resolveConflict();
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      {save.isSuccess && (
        <Alert tone="success" isLive>
          {t('municipalities.populationSaved')}
        </Alert>
      )}
      {conflict && (
        <Alert
          tone="error"
          isLive
          title={t('errors.conflictTitle')}
          actions={
            <Button variant="secondary" size="sm" onClick={reloadLatest}>
              {t('errors.reloadLatest')}
            </Button>
          }
        >
          <p>{pick(errorCatalog.VERSION_CONFLICT)}</p>
          <div className="mt-3 rounded-8 bg-white">
            <DescriptionList
              items={[
                {
                  term: t('municipalities.latestPopulation'),
                  value:
                    conflict.population === null
                      ? t('municipalities.populationMissing')
                      : formatPopulation(conflict.population, locale),
                },
                {
                  term: t('municipalities.populationSource'),
                  value: conflict.populationSource ?? t('common.none'),
                },
              ]}
            />
          </div>
        </Alert>
      )}
      <FormErrors form={form} />
      <div className="grid gap-6 md:grid-cols-2">
        <TextField
          id={form.id(['population'])}
          label={t('municipalities.population')}
          hint={t('municipalities.populationHint')}
          inputMode="numeric"
          autoComplete="off"
          value={population}
          onChange={(e) => form.set('population')(e.target.value)}
          error={form.fieldMessage('population')}
          isOptional
        />
        <TextField
          id={form.id(['populationSource'])}
          label={t('municipalities.populationSource')}
          hint={t('municipalities.populationSourceHint')}
          value={source}
          onChange={(e) => form.set('source')(e.target.value)}
          error={form.fieldMessage('populationSource')}
          maxLength={200}
          isOptional
        />
      </div>
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
