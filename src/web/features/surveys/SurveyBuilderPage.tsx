import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { ConflictNotice } from '../../components/forms/ConflictNotice';
import { fromJstInputValue, toJstInputValue } from '../../lib/jst-input';
import { formatDateTime, formatNumber } from '../../lib/format';
import type { Locale } from '../../i18n/locale';
import { SurveyPreview } from './SurveyPreview';
import { type SurveyDetail, surveysCalls, useInvalidateSurveys, useSurvey } from './api';
import type { AnswerOption, AnswerQuestion, AnswerSection, QuestionType } from './answer-model';
import { questionTypes as schemaQuestionTypes } from '../../../shared/schemas/surveys';

const questionTypes: readonly QuestionType[] = schemaQuestionTypes;

type BuilderQuestion = AnswerQuestion & { maturityArea?: ChallengeArea | null };
type BuilderSection = Omit<AnswerSection, 'questions'> & { questions: BuilderQuestion[] };

/** One option per line; an edited line keeps the stable value (and English label) of its position. */
const linesToOptions = (text: string, previous: AnswerOption[]): AnswerOption[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const old = previous[i];
      return old
        ? { ...old, label: { ja: l, en: old.label.ja === l ? old.label.en : l } }
        : { value: `o${i + 1}`, label: { ja: l, en: l } };
    });

function QuestionEditor({
  question,
  earlier,
  onChange,
  onRemove,
  disabled,
  idPrefix,
}: {
  question: BuilderQuestion;
  earlier: BuilderQuestion[];
  onChange: (q: BuilderQuestion) => void;
  onRemove: () => void;
  disabled: boolean;
  idPrefix: string;
}) {
  const { t, pick } = useI18n();
  const hasOptions = question.type === 'single_choice' || question.type === 'multiple_choice';
  const conditionSource = earlier.find((q) => q.key === question.showIf?.questionKey);
  return (
    <fieldset className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4" disabled={disabled}>
      <legend className="px-1 text-std-16B-170">
        {pick(question.label) || t('surveys.builder.addQuestion')}
      </legend>
      <div className="grid gap-4 md:grid-cols-3">
        <Select
          id={`${idPrefix}-type`}
          label={t('surveys.builder.questionType')}
          value={question.type}
          onChange={(e) => onChange({ ...question, type: e.target.value as QuestionType })}
        >
          {questionTypes.map((type) => (
            <option key={type} value={type}>
              {t(`surveys.builder.types.${type}`)}
            </option>
          ))}
        </Select>
        <TextField
          id={`${idPrefix}-key`}
          label={t('surveys.builder.questionKey')}
          value={question.key}
          onChange={(e) => onChange({ ...question, key: e.target.value })}
          required
        />
        <Select
          id={`${idPrefix}-maturity`}
          label={t('surveys.builder.maturityArea')}
          value={question.maturityArea ?? ''}
          onChange={(e) =>
            onChange({ ...question, maturityArea: (e.target.value || null) as ChallengeArea | null })
          }
        >
          <option value="">{t('common.none')}</option>
          {challengeAreas.map((a) => (
            <option key={a} value={a}>
              {pick(challengeAreaLabels[a])}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id={`${idPrefix}-label`}
          label={t('surveys.builder.questionLabel')}
          value={question.label.ja}
          onChange={(e) => onChange({ ...question, label: { ...question.label, ja: e.target.value } })}
          required
        />
        <TextField
          id={`${idPrefix}-label-en`}
          label={t('surveys.builder.questionLabelEn')}
          value={question.label.en}
          lang="en"
          onChange={(e) => onChange({ ...question, label: { ...question.label, en: e.target.value } })}
          required
        />
      </div>
      <TextField
        id={`${idPrefix}-help`}
        label={t('surveys.builder.help')}
        isOptional
        value={question.help?.ja ?? ''}
        onChange={(e) =>
          onChange({ ...question, help: { ja: e.target.value, en: question.help?.en ?? e.target.value } })
        }
      />
      {hasOptions && (
        <TextArea
          id={`${idPrefix}-options`}
          label={t('surveys.builder.options')}
          value={question.options.map((o) => o.label.ja).join('\n')}
          onChange={(e) =>
            onChange({ ...question, options: linesToOptions(e.target.value, question.options) })
          }
        />
      )}
      {question.type === 'matrix' && (
        <TextArea
          id={`${idPrefix}-rows`}
          label={t('surveys.builder.rows')}
          value={question.rows.map((o) => o.label.ja).join('\n')}
          onChange={(e) => onChange({ ...question, rows: linesToOptions(e.target.value, question.rows) })}
        />
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Select
          id={`${idPrefix}-showif`}
          label={t('surveys.builder.showIf')}
          value={question.showIf?.questionKey ?? ''}
          onChange={(e) =>
            onChange({
              ...question,
              showIf: e.target.value ? { questionKey: e.target.value, anyOf: [] } : null,
            })
          }
        >
          <option value="">{t('surveys.builder.showIfNone')}</option>
          {earlier
            .filter((q) => q.type === 'single_choice' || q.type === 'multiple_choice')
            .map((q) => (
              <option key={q.key} value={q.key}>
                {pick(q.label)}
              </option>
            ))}
        </Select>
        {conditionSource && question.showIf && (
          <Select
            id={`${idPrefix}-showif-value`}
            label={`${t('surveys.builder.showIf')}：${pick(conditionSource.label)}`}
            value={question.showIf.anyOf[0] ?? ''}
            onChange={(e) =>
              onChange({ ...question, showIf: { questionKey: conditionSource.key, anyOf: [e.target.value] } })
            }
          >
            <option value="">{t('common.choose')}</option>
            {conditionSource.options.map((o) => (
              <option key={o.value} value={o.value}>
                {pick(o.label)}
              </option>
            ))}
          </Select>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-6">
        <Checkbox
          label={t('surveys.builder.required')}
          checked={question.required}
          onChange={(e) => onChange({ ...question, required: e.target.checked })}
        />
        <Button
          variant="tertiary"
          size="sm"
          onClick={onRemove}
          aria-label={`${t('common.delete')}：${pick(question.label) || question.key}`}
        >
          {t('common.delete')}
        </Button>
      </div>
    </fieldset>
  );
}

function Builder({ survey }: { survey: SurveyDetail }) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const invalidate = useInvalidateSurveys();
  const errors = useVersionedForm('survey-builder');
  const [sections, setSections] = useState<BuilderSection[]>(survey.sections as BuilderSection[]);
  const [opensAt, setOpensAt] = useState(toJstInputValue(survey.opensAt));
  const [closesAt, setClosesAt] = useState(toJstInputValue(survey.closesAt));
  const [saved, setSaved] = useState(false);
  useEffect(() => setSections(survey.sections as BuilderSection[]), [survey]);

  const save = useMutation({
    mutationFn: () =>
      surveysCalls.update(survey.id, {
        version: survey.version,
        opensAt: fromJstInputValue(opensAt) ?? opensAt,
        closesAt: fromJstInputValue(closesAt) ?? closesAt,
        sections,
      }),
    onSuccess: async (savedSurvey) => {
      errors.clear();
      errors.resolveConflict();
      setSaved(true);
      await invalidate();
      // A frozen survey is not changed: the server made a new version with its own id.
      if (savedSurvey.id !== survey.id) navigate(`/surveys/${savedSurvey.id}/edit`);
    },
    onError: (error) => {
      setSaved(false);
      // A 409 becomes the conflict notice; the builder then reads the survey as saved now, as before.
      if (errors.onError(error)) void invalidate();
    },
  });

  const all = sections.flatMap((s) => s.questions);
  const addQuestion = (si: number, q: BuilderQuestion) =>
    setSections((prev) => prev.map((s, i) => (i === si ? { ...s, questions: [...s.questions, q] } : s)));
  const updateQuestion = (si: number, qi: number, q: BuilderQuestion) =>
    setSections((prev) =>
      prev.map((s, i) => (i === si ? { ...s, questions: s.questions.map((x, j) => (j === qi ? q : x)) } : s)),
    );
  return (
    <form
      noValidate
      className="flex flex-col gap-8"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {errors.conflict && <ConflictNotice onReload={() => void invalidate().then(errors.resolveConflict)} />}
      <ErrorSummary errors={errors} />
      {survey.isFrozen && <Alert tone="warning" title={t('surveys.builder.frozen')} />}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id={errors.id(['opensAt'])}
          type="datetime-local"
          label={t('surveys.builder.windowOpens')}
          hint={t('surveys.builder.jstHint')}
          value={opensAt}
          onChange={(e) => setOpensAt(e.target.value)}
        />
        <TextField
          id={errors.id(['closesAt'])}
          type="datetime-local"
          label={t('surveys.builder.windowCloses')}
          hint={t('surveys.builder.jstHint')}
          value={closesAt}
          onChange={(e) => setClosesAt(e.target.value)}
        />
      </div>
      {sections.map((section, si) => (
        <Section key={section.key} title={pick(section.title)} boxed>
          {section.questions.map((q, qi) => (
            <QuestionEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: the key field is edited in place; keying by it would remount the editor and drop focus while typing.
              key={`${section.key}-${qi}`}
              idPrefix={errors.id(['sections', si, 'questions', qi])}
              question={q}
              earlier={all.slice(0, all.indexOf(q))}
              onChange={(next) => updateQuestion(si, qi, next)}
              onRemove={() =>
                setSections((prev) =>
                  prev.map((s, i) =>
                    i === si ? { ...s, questions: s.questions.filter((_, j) => j !== qi) } : s,
                  ),
                )
              }
              disabled={false}
            />
          ))}
          {
            <div>
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  addQuestion(si, {
                    key: `q${all.length + 1}`,
                    type: 'single_choice',
                    label: { ja: '', en: '' },
                    required: false,
                    options: [],
                    rows: [],
                  })
                }
              >
                {t('surveys.builder.addQuestion')}
              </Button>
            </div>
          }
        </Section>
      ))}
      {
        <div>
          <Button
            variant="secondary"
            onClick={() =>
              setSections((prev) => [
                ...prev,
                {
                  key: `s${prev.length + 1}`,
                  title: { ja: `セクション${prev.length + 1}`, en: `Section ${prev.length + 1}` },
                  questions: [],
                },
              ])
            }
          >
            {t('surveys.builder.addSection')}
          </Button>
        </div>
      }
      <div className="flex flex-wrap gap-4">
        <Button type="submit" isBusy={save.isPending}>
          {survey.isFrozen ? t('surveys.builder.newVersion') : t('surveys.builder.save')}
        </Button>
      </div>
      {saved && (
        <Alert tone="success" isLive>
          {t('surveys.builder.save')}
        </Alert>
      )}
    </form>
  );
}

/**
 * What publishing will do, in the words the confirmation uses: who is told, when, and how many
 * of them cannot be told by mail (no account registered), from the server's own count.
 */
function noticeSentences(
  survey: SurveyDetail,
  now: Date,
  t: ReturnType<typeof useI18n>['t'],
  locale: Locale,
) {
  const invitation = survey.invitation;
  const audience = t(`surveys.audiences.${survey.audience}`);
  if (!invitation) return [];
  const count = formatNumber(invitation.respondentCount, locale);
  if (!invitation.isMailed) return [t('surveys.draft.noticeNotMailed', { audience, count })];
  if (new Date(survey.closesAt) <= now) return [t('surveys.draft.noticeClosed')];
  const opensLater = new Date(survey.opensAt) > now;
  const first = opensLater
    ? t('surveys.draft.noticeLater', { audience, count, date: formatDateTime(survey.opensAt, locale) })
    : t('surveys.draft.noticeNow', { audience, count });
  const without = invitation.withoutAccountCount ?? 0;
  return [
    first,
    without > 0
      ? t('surveys.draft.withoutAccount', { count: formatNumber(without, locale) })
      : t('surveys.draft.allReached'),
  ];
}

/**
 * A draft is seen by nobody but the prefecture until it is published; publishing names the
 * version previewed, and is confirmed in place after saying who will be told (no modal, so the
 * keyboard focus is never trapped or lost).
 */
function PublishDraft({ survey, onPublished }: { survey: SurveyDetail; onPublished: () => void }) {
  const { t, pick, locale } = useI18n();
  const invalidate = useInvalidateSurveys();
  const [isAsking, setIsAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (isAsking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = isAsking;
  }, [isAsking]);
  const publish = useMutation({
    mutationFn: () => surveysCalls.publish(survey.id, { version: survey.version }),
    onSuccess: async () => {
      onPublished();
      await invalidate();
    },
  });
  const sentences = noticeSentences(survey, new Date(), t, locale);
  return (
    <Alert tone="warning" title={t('surveys.draft.title')}>
      <div className="flex flex-col gap-3">
        <p>{t('surveys.draft.body')}</p>
        {publish.isError && (
          <p role="alert" className="text-error-1">
            {isApiError(publish.error)
              ? [pick(publish.error.localized), ...publish.error.fields.map((f) => pick(f))].join(' ')
              : t('state.unknownError')}
          </p>
        )}
        {isAsking ? (
          <div className="flex flex-col gap-3 rounded-8 border border-solid-gray-536 bg-white p-4">
            {sentences.map((sentence) => (
              <p key={sentence} className="text-std-16N-170">
                {sentence}
              </p>
            ))}
            <p className="text-std-16B-170">{t('surveys.draft.confirmQuestion')}</p>
            <div className="flex flex-wrap gap-3">
              <Button ref={confirmRef} isBusy={publish.isPending} onClick={() => publish.mutate()}>
                {t('surveys.draft.confirm')}
              </Button>
              <Button variant="tertiary" onClick={() => setIsAsking(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <div>
            <Button ref={openRef} type="button" onClick={() => setIsAsking(true)}>
              {t('surveys.draft.publish')}
            </Button>
          </div>
        )}
      </div>
    </Alert>
  );
}

export default function SurveyBuilderPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const survey = useSurvey(id);
  const [justPublished, setJustPublished] = useState(false);
  const name = survey.data ? pick(survey.data.title) : t('surveys.builder.title');
  const title = `${name}：${t('surveys.builder.title')}`;
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('surveys.title'), to: '/surveys' },
          { label: title },
        ]}
      />
      <QueryState query={survey}>
        {(s) => (
          <>
            {s.isDraft ? (
              <>
                <PublishDraft survey={s} onPublished={() => setJustPublished(true)} />
                <SurveyPreview sections={s.sections as AnswerSection[]} />
              </>
            ) : (
              justPublished && (
                <Alert tone="success" isLive>
                  {t('surveys.draft.published')}
                </Alert>
              )
            )}
            <Builder survey={s} />
          </>
        )}
      </QueryState>
    </div>
  );
}
