import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import {
  type AnswerSection,
  type AnswerValue,
  type Answers,
  keptAnswers,
  missingAnswers,
  visibleQuestionKeys,
} from './answer-model';
import { QuestionField } from './QuestionField';
import { ConflictNotice } from '../../components/forms/ConflictNotice';

export interface DraftState {
  answers: Answers;
  version: number | null;
}

export interface AnswerFormApi {
  /** Saves the draft with the version read; resolves to the new version. */
  saveDraft: (answers: Record<string, AnswerValue>, version: number | null) => Promise<number>;
  /** Left out where the form only keeps a draft: a proxy draft is submitted by the town itself. */
  submit?: (answers: Record<string, AnswerValue>, version: number | null) => Promise<void>;
  /** Latest saved draft from the server (after a conflict). */
  reload: () => Promise<DraftState>;
  /** Last year's answers for questions with the same key, or null when there are none. */
  prefill?: () => Promise<Answers | null>;
}

const AUTOSAVE_DELAY_MS = 1200;

/**
 * The answering form: every section and visible question, a debounced autosave of the draft with
 * its status in a live region, the 409 "someone saved first" case, and a submit that first checks
 * the required answers and lists what is missing in an error summary linking to each field.
 */
export function SurveyAnswerForm({
  sections,
  initial,
  api,
  isClosed,
  submitLabel,
  onSubmitted,
}: {
  sections: AnswerSection[];
  initial: DraftState;
  api: AnswerFormApi;
  isClosed: boolean;
  submitLabel: string;
  onSubmitted: () => void;
}) {
  const { t, pick, locale } = useI18n();
  const canSubmit = api.submit !== undefined;
  const errors = useVersionedForm('survey-answer');
  const [answers, setAnswers] = useState<Answers>(initial.answers);
  const versionRef = useRef<number | null>(initial.version);
  const [saveState, setSaveState] = useState<
    { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const dirty = useRef(false);
  const saving = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hasConflict = errors.conflict !== null;
  const { onError: showFailure } = errors;
  const latest = useRef(answers);
  latest.current = answers;

  const visible = useMemo(() => visibleQuestionKeys(sections, answers), [sections, answers]);
  // After a failed submit, a field's message goes away as soon as it is answered.
  const stillMissing = useMemo(
    () => new Set(missingAnswers(sections, answers).map((p) => p.key)),
    [sections, answers],
  );
  const { keepFields } = errors;
  useEffect(() => {
    keepFields((field) => field.code !== 'required' || stillMissing.has(String(field.path[0])));
  }, [keepFields, stillMissing]);

  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (saving.current) await saving.current;
    if (!dirty.current || hasConflict || isClosed) return;
    dirty.current = false;
    setSaveState({ kind: 'saving' });
    const run = api
      .saveDraft(keptAnswers(sections, latest.current), versionRef.current)
      .then((version) => {
        versionRef.current = version;
        setSaveState({ kind: 'saved', at: new Date() });
      })
      .catch((error: unknown) => {
        if (isApiError(error, 'VERSION_CONFLICT')) {
          showFailure(error);
          setSaveState({ kind: 'idle' });
          return;
        }
        dirty.current = true;
        setSaveState({
          kind: 'failed',
          message: isApiError(error) ? pick(error.localized) : t('state.unknownError'),
        });
      })
      .finally(() => {
        saving.current = null;
      });
    saving.current = run;
    await run;
  }, [api, sections, hasConflict, isClosed, pick, t, showFailure]);

  // Save what is pending when the person leaves the page.
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(
    () => () => {
      if (dirty.current) void flushRef.current();
    },
    [],
  );

  function change(key: string, value: AnswerValue) {
    setAnswers((prev) => ({ ...prev, [key]: value }));
    dirty.current = true;
    setNotice(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }

  async function reloadLatest() {
    const latestDraft = await api.reload();
    setAnswers(latestDraft.answers);
    versionRef.current = latestDraft.version;
    dirty.current = false;
    errors.resolveConflict();
  }

  async function prefill() {
    if (!api.prefill) return;
    const previous = await api.prefill();
    const keys = Object.keys(previous ?? {}).filter((k) =>
      sections.some((s) => s.questions.some((q) => q.key === k)),
    );
    if (!previous || keys.length === 0) {
      setNotice(t('surveys.answer.prefillNone'));
      return;
    }
    setAnswers((prev) => {
      const next = { ...prev };
      for (const k of keys) next[k] = previous[k];
      return next;
    });
    dirty.current = true;
    setNotice(t('surveys.answer.prefillDone', { count: keys.length }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (isSubmitting || !api.submit) return;
    const problems = missingAnswers(sections, answers);
    if (problems.length > 0) {
      errors.showFields(
        problems.map((p) => ({ path: [p.key], code: 'required', ja: p.message.ja, en: p.message.en })),
        { ja: t('surveys.answer.required'), en: t('surveys.answer.required') },
      );
      return;
    }
    setIsSubmitting(true);
    try {
      if (timer.current) clearTimeout(timer.current);
      if (saving.current) await saving.current;
      dirty.current = false;
      await api.submit(keptAnswers(sections, answers), versionRef.current);
      errors.clear();
      onSubmitted();
    } catch (error) {
      // A 409 becomes the conflict notice; anything else goes to the error summary.
      errors.onError(error);
    } finally {
      setIsSubmitting(false);
    }
  }

  const statusText =
    saveState.kind === 'saving'
      ? t('surveys.answer.saving')
      : saveState.kind === 'saved'
        ? t('surveys.answer.saved', {
            time: saveState.at.toLocaleTimeString(locale === 'ja' ? 'ja-JP' : 'en-GB', {
              timeZone: 'Asia/Tokyo',
              hour: '2-digit',
              minute: '2-digit',
            }),
          })
        : saveState.kind === 'failed'
          ? t('surveys.answer.saveFailed', { message: saveState.message })
          : t('surveys.answer.saveStatusIdle');

  let number = 0;
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-8">
      {hasConflict && (
        <ConflictNotice
          onReload={() => void reloadLatest()}
          message={t('surveys.answer.conflict')}
          reloadLabel={t('surveys.answer.loadLatest')}
        />
      )}
      <ErrorSummary errors={errors} />
      <div className="flex flex-wrap items-center justify-between gap-4 rounded-8 bg-solid-gray-50 p-4">
        <p role="status" aria-live="polite" className="text-dns-16N-130 text-solid-gray-800">
          {statusText}
        </p>
        {api.prefill && !isClosed && (
          <Button variant="secondary" size="sm" onClick={() => void prefill()}>
            {t('surveys.answer.prefill')}
          </Button>
        )}
      </div>
      {notice && (
        <Alert tone="info" isLive>
          {notice}
        </Alert>
      )}
      {sections.map((section) => {
        const questions = section.questions.filter((q) => visible.has(q.key));
        if (questions.length === 0) return null;
        return (
          <section
            key={section.key}
            aria-labelledby={`section-${section.key}`}
            className="flex flex-col gap-6 rounded-12 border border-solid-gray-420 bg-white p-5 sm:p-6"
          >
            <div className="flex flex-col gap-1">
              <h2 id={`section-${section.key}`} className="text-std-24B-150 text-solid-gray-900">
                {pick(section.title)}
              </h2>
              {section.description && (
                <p className="text-std-16N-170 text-solid-gray-700">{pick(section.description)}</p>
              )}
            </div>
            {questions.map((q) => {
              number += 1;
              const fieldError = stillMissing.has(q.key) ? errors.fieldError([q.key]) : undefined;
              return (
                <QuestionField
                  key={q.key}
                  number={number}
                  question={q}
                  value={answers[q.key]}
                  onChange={(v) => change(q.key, v)}
                  fieldId={errors.id([q.key])}
                  error={fieldError ? pick(fieldError) : undefined}
                  disabled={isClosed}
                />
              );
            })}
          </section>
        );
      })}
      {!isClosed && (
        <div className="flex flex-wrap gap-4">
          {canSubmit ? (
            <Button type="submit" isBusy={isSubmitting}>
              {submitLabel}
            </Button>
          ) : (
            <Button
              variant="secondary"
              onClick={() => {
                dirty.current = true;
                void flush();
              }}
            >
              {t('surveys.answer.saveDraft')}
            </Button>
          )}
        </div>
      )}
    </form>
  );
}
