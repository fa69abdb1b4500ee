import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n';
import { type AnswerSection, type AnswerValue, type Answers, visibleQuestionKeys } from './answer-model';
import { QuestionField } from './QuestionField';

/**
 * The saved questions as a respondent will see them, drawn by the answer form's own
 * QuestionField with the same show-if rules, so the prefecture can try the conditions before
 * publishing. What is typed here stays in the page: there is no draft to save and no submit.
 */
export function SurveyPreview({ sections }: { sections: AnswerSection[] }) {
  const { t, pick } = useI18n();
  const [answers, setAnswers] = useState<Answers>({});
  const visible = useMemo(() => visibleQuestionKeys(sections, answers), [sections, answers]);
  const hasQuestions = sections.some((s) => s.questions.length > 0);
  let number = 0;
  return (
    <details className="rounded-12 border border-solid-gray-420 bg-white">
      <summary className="cursor-pointer p-4 text-std-18B-160 sm:p-5">{t('surveys.draft.preview')}</summary>
      <div className="flex flex-col gap-6 border-t border-solid-gray-420 p-4 sm:p-5">
        <p className="text-std-16N-170 text-solid-gray-700">{t('surveys.draft.previewHint')}</p>
        {!hasQuestions && <p className="text-std-16N-170">{t('surveys.draft.previewEmpty')}</p>}
        {sections.map((section) => {
          const questions = section.questions.filter((q) => visible.has(q.key));
          if (questions.length === 0) return null;
          return (
            <section
              key={section.key}
              aria-labelledby={`preview-section-${section.key}`}
              className="flex flex-col gap-6 rounded-8 border border-solid-gray-420 p-4 sm:p-5"
            >
              <div className="flex flex-col gap-1">
                <h3 id={`preview-section-${section.key}`} className="text-std-20B-150 text-solid-gray-900">
                  {pick(section.title)}
                </h3>
                {section.description && (
                  <p className="text-std-16N-170 text-solid-gray-700">{pick(section.description)}</p>
                )}
              </div>
              {questions.map((q) => {
                number += 1;
                return (
                  <QuestionField
                    key={q.key}
                    number={number}
                    question={q}
                    value={answers[q.key]}
                    onChange={(v: AnswerValue) => setAnswers((prev) => ({ ...prev, [q.key]: v }))}
                    fieldId={`preview-${section.key}-${q.key}`}
                  />
                );
              })}
            </section>
          );
        })}
      </div>
    </details>
  );
}
