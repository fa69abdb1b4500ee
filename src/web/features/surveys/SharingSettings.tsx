import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ShareConfig } from '../../../shared/schemas/surveys';
import { isApiError, request } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Checkbox, CheckboxGroup } from '../../components/Checkbox';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { useFormErrors } from '../../lib/form-errors';
import { type QuestionResult, type SurveyDetail, surveyPath, useInvalidateSurveys } from './api';

/**
 * What the prefecture publishes to council members: on/off, municipality names or not, and the
 * questions whose individual answers may be read (opt-in per question; free text is never shared
 * otherwise).
 */
export function SharingSettings({
  survey,
  questions,
}: {
  survey: SurveyDetail;
  questions: QuestionResult[];
}) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidateSurveys();
  const errors = useFormErrors('survey-sharing');
  const [isPublished, setIsPublished] = useState(survey.isPublished);
  const [includeNames, setIncludeNames] = useState(false);
  const [rawKeys, setRawKeys] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () =>
      request<unknown>('PUT', surveyPath(survey.id, '/share'), {
        body: {
          version: survey.version,
          isPublished,
          includeMunicipalityNames: includeNames,
          rawAnswerKeys: rawKeys,
        } satisfies ShareConfig,
      }),
    onSuccess: async () => {
      errors.clear();
      await invalidate();
    },
    onError: (error) => {
      errors.showError(error);
      if (isApiError(error, 'VERSION_CONFLICT')) void invalidate();
    },
  });
  return (
    <Section title={t('surveys.sharing.title')} description={t('surveys.sharing.description')} boxed>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!save.isPending) save.mutate();
        }}
      >
        <ErrorSummary errors={errors} />
        <p>
          <Badge tone={survey.isPublished ? 'success' : 'neutral'}>
            {survey.isPublished ? t('surveys.sharing.published') : t('surveys.sharing.notPublished')}
          </Badge>
        </p>
        <Checkbox
          label={t('surveys.sharing.publish')}
          checked={isPublished}
          onChange={(e) => setIsPublished(e.target.checked)}
        />
        <Checkbox
          label={t('surveys.sharing.includeNames')}
          checked={includeNames}
          onChange={(e) => setIncludeNames(e.target.checked)}
        />
        <CheckboxGroup legend={t('surveys.sharing.rawQuestions')}>
          {questions.map((q) => (
            <Checkbox
              key={q.key}
              label={pick(q.label)}
              checked={rawKeys.includes(q.key)}
              onChange={(e) =>
                setRawKeys((prev) => (e.target.checked ? [...prev, q.key] : prev.filter((k) => k !== q.key)))
              }
            />
          ))}
        </CheckboxGroup>
        <div>
          <Button type="submit" isBusy={save.isPending}>
            {t('surveys.sharing.save')}
          </Button>
        </div>
        {save.isSuccess && (
          <Alert tone="success" isLive>
            {t('surveys.sharing.saved')}
          </Alert>
        )}
      </form>
    </Section>
  );
}
