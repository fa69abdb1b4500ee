import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ShareConfig, shareConfigSchema } from '../../../shared/schemas/surveys';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Checkbox, CheckboxGroup } from '../../components/Checkbox';
import { ErrorSummary } from '../../components/ErrorSummary';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import {
  type QuestionResult,
  type SurveyDetail,
  shareConfigKey,
  surveysCalls,
  useInvalidateSurveys,
  useShareConfig,
} from './api';

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
  const { t } = useI18n();
  // The saved settings (with the survey version to save against): the form starts from them, so
  // saving never silently replaces what was published before.
  const saved = useShareConfig(survey.id);
  return (
    <Section title={t('surveys.sharing.title')} description={t('surveys.sharing.description')} boxed>
      <QueryState query={saved}>
        {(config) => <SharingForm survey={survey} questions={questions} initial={config} />}
      </QueryState>
    </Section>
  );
}

function SharingForm({
  survey,
  questions,
  initial,
}: {
  survey: SurveyDetail;
  questions: QuestionResult[];
  initial: ShareConfig;
}) {
  const { t, pick } = useI18n();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateSurveys();
  const errors = useVersionedForm('survey-sharing');
  const [version, setVersion] = useState(initial.version);
  const [isPublished, setIsPublished] = useState(initial.isPublished);
  const [includeNames, setIncludeNames] = useState(initial.includeMunicipalityNames);
  const [rawKeys, setRawKeys] = useState<string[]>(initial.rawAnswerKeys);
  const load = (config: ShareConfig) => {
    setVersion(config.version);
    setIsPublished(config.isPublished);
    setIncludeNames(config.includeMunicipalityNames);
    setRawKeys(config.rawAnswerKeys);
    queryClient.setQueryData(shareConfigKey(survey.id), config);
  };
  const save = useMutation({
    mutationFn: () =>
      surveysCalls.saveShareConfig(survey.id, {
        version,
        isPublished,
        includeMunicipalityNames: includeNames,
        rawAnswerKeys: rawKeys,
      } satisfies ShareConfig),
    onSuccess: async (config) => {
      errors.clear();
      errors.resolveConflict();
      load(config);
      await invalidate();
    },
    onError: (error) => {
      // A 409 becomes the conflict notice; anything else goes to the error summary.
      if (!errors.onError(error)) return;
      // Someone saved in between: the form shows what is saved now, to be checked and saved again,
      // so the notice needs no reload button.
      const current = shareConfigSchema.safeParse(isApiError(error) ? error.current : undefined);
      if (current.success) load(current.data);
      void invalidate();
    },
  });
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      <ErrorSummary errors={errors} />
      {errors.conflict && (
        <Alert tone="warning" isLive>
          {t('surveys.sharing.conflict')}
        </Alert>
      )}
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
  );
}
