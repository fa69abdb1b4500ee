import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  type SurveyAudience,
  type SurveyKind,
  surveyAudiences,
  surveyCreateSchema,
  surveyKinds,
} from '../../../shared/schemas/surveys';
import type { BodyOf } from '../../api/typed-client';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { fromJstInputValue } from '../../lib/jst-input';
import { type SurveySummary, surveysCalls, useInvalidateSurveys } from './api';

/** Creates a survey in a fiscal year, optionally starting from another survey's questions. */
export function CreateSurveyForm({
  years,
  surveys,
}: {
  years: { id: string; label: { ja: string; en: string } }[];
  surveys: SurveySummary[];
}) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const invalidate = useInvalidateSurveys();
  const errors = useVersionedForm('survey-create');
  const [fiscalYearId, setFiscalYearId] = useState(years[0]?.id ?? '');
  const [titleJa, setTitleJa] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [kind, setKind] = useState<SurveyKind>('needs');
  const [audience, setAudience] = useState<SurveyAudience>('municipalities');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [copyFromId, setCopyFromId] = useState('');
  const create = useMutation({
    mutationFn: (body: BodyOf<'/api/surveys', 'post'>) => surveysCalls.create(body),
    onSuccess: async (created) => {
      await invalidate();
      navigate(`/surveys/${created.id}/edit`);
    },
    onError: errors.showError,
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const body = {
      fiscalYearId,
      title: { ja: titleJa.trim(), en: titleEn.trim() },
      kind,
      audience,
      opensAt: fromJstInputValue(opensAt) ?? opensAt,
      closesAt: fromJstInputValue(closesAt) ?? closesAt,
      ...(copyFromId ? { copyFromId } : {}),
    };
    if (!errors.check(surveyCreateSchema, body)) return;
    create.mutate(body);
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      <ErrorSummary errors={errors} />
      <div className="grid gap-6 md:grid-cols-2">
        <Select
          id={errors.id(['fiscalYearId'])}
          label={t('surveys.fiscalYear')}
          value={fiscalYearId}
          onChange={(e) => setFiscalYearId(e.target.value)}
          error={errors.fieldMessage('fiscalYearId')}
          required
        >
          {years.map((y) => (
            <option key={y.id} value={y.id}>
              {pick(y.label)}
            </option>
          ))}
        </Select>
        <Select
          id={errors.id(['copyFromId'])}
          label={t('surveys.builder.copyLastYear')}
          value={copyFromId}
          onChange={(e) => setCopyFromId(e.target.value)}
        >
          <option value="">{t('common.none')}</option>
          {surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {pick(s.title)}
            </option>
          ))}
        </Select>
        <TextField
          id={errors.id(['title', 'ja'])}
          label={t('surveys.name')}
          value={titleJa}
          onChange={(e) => setTitleJa(e.target.value)}
          error={errors.fieldMessage('title', 'ja')}
          required
          maxLength={500}
        />
        <TextField
          id={errors.id(['title', 'en'])}
          label={t('surveys.builder.titleEn')}
          value={titleEn}
          onChange={(e) => setTitleEn(e.target.value)}
          error={errors.fieldMessage('title', 'en')}
          isOptional
          lang="en"
          maxLength={500}
        />
        <Select
          id={errors.id(['kind'])}
          label={t('surveys.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as SurveyKind)}
        >
          {surveyKinds.map((k) => (
            <option key={k} value={k}>
              {t(`surveys.kinds.${k}`)}
            </option>
          ))}
        </Select>
        <Select
          id={errors.id(['audience'])}
          label={t('surveys.audience')}
          value={audience}
          onChange={(e) => setAudience(e.target.value as SurveyAudience)}
        >
          {surveyAudiences.map((a) => (
            <option key={a} value={a}>
              {t(`surveys.audiences.${a}`)}
            </option>
          ))}
        </Select>
        <TextField
          id={errors.id(['opensAt'])}
          type="datetime-local"
          label={t('surveys.builder.windowOpens')}
          hint={t('surveys.builder.jstHint')}
          value={opensAt}
          onChange={(e) => setOpensAt(e.target.value)}
          error={errors.fieldMessage('opensAt')}
          required
        />
        <TextField
          id={errors.id(['closesAt'])}
          type="datetime-local"
          label={t('surveys.builder.windowCloses')}
          hint={t('surveys.builder.jstHint')}
          value={closesAt}
          onChange={(e) => setClosesAt(e.target.value)}
          error={errors.fieldMessage('closesAt')}
          required
        />
      </div>
      <div>
        <Button type="submit" isBusy={create.isPending}>
          {t('surveys.builder.create')}
        </Button>
      </div>
    </form>
  );
}
