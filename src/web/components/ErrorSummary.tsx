import { useEffect } from 'react';
import { useI18n } from '../i18n';
import type { FormErrors } from './forms/useVersionedForm';

/**
 * After a failed submit: what went wrong, with a link to each failing field.
 * Focus moves here so keyboard and screen-reader users learn of the failure
 * at once (the pattern of DADS and GOV.UK); a link moves focus to its field.
 */
export function ErrorSummary({ errors }: { errors: FormErrors }) {
  const { t, pick } = useI18n();
  const { message, fields, attempt, summaryRef, formId } = errors;

  useEffect(() => {
    if (attempt > 0 && message) summaryRef.current?.focus();
  }, [attempt, message, summaryRef]);

  if (!message) return null;
  const titleId = `${formId}-error-summary-title`;
  return (
    <section
      ref={summaryRef}
      tabIndex={-1}
      aria-labelledby={titleId}
      className="rounded-12 border-2 border-error-2 bg-red-50 p-4 text-solid-gray-800 sm:p-5"
    >
      <p id={titleId} className="flex items-center gap-2 text-std-17B-170 text-error-2">
        <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" className="shrink-0">
          <path d="M12 2.5 22.5 21h-21z" fill="currentColor" />
          <path d="M12 9v6M12 17v1.8" stroke="#fff" strokeWidth="2.2" />
        </svg>
        <span className="sr-only">{t('alert.error')}</span>
        {pick(message)}
      </p>
      {fields.length > 0 && (
        <ul className="mt-3 flex list-disc flex-col gap-1 pl-10 text-std-16N-170">
          {fields.map((field) => {
            const targetId = `${formId}-${field.path.join('-')}`;
            return (
              <li key={`${field.path.join('.')}-${field.code}`}>
                <a
                  href={`#${targetId}`}
                  className="text-error-2 hover:text-red-1000"
                  onClick={(event) => {
                    const target = document.getElementById(targetId);
                    if (!target) return;
                    event.preventDefault();
                    target.scrollIntoView({ block: 'center' });
                    target.focus();
                  }}
                >
                  {pick(field)}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
