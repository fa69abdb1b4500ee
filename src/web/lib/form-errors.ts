import { useCallback, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { FieldError } from '../../shared/errors';
import { toFieldErrors } from '../../shared/validation';
import { ApiError, type LocalizedText } from '../api/client';

/**
 * Errors of one form: a general message and messages per field, from the
 * server (422 with field paths) or from the shared zod schema before sending.
 * Field ids are `${formId}-${path}`, so the error summary can link to them.
 */

export function fieldIdOf(formId: string, path: readonly (string | number)[]): string {
  return `${formId}-${path.join('-')}`;
}

export interface FormErrorState {
  message: LocalizedText | null;
  fields: FieldError[];
  /** Changes on every failed submit, so the summary takes focus each time. */
  attempt: number;
}

const empty: FormErrorState = { message: null, fields: [], attempt: 0 };

const validationMessage: LocalizedText = {
  ja: '入力内容に誤りがあります。各項目をご確認ください。',
  en: 'Some fields are invalid. Please check each field.',
};

/** Validates with the schema the server uses; [] when the values pass. */
export function validateWith(schema: z.ZodType, values: unknown): FieldError[] {
  const result = schema.safeParse(values);
  return result.success ? [] : toFieldErrors(result.error.issues);
}

export function useFormErrors(formId: string) {
  const [state, setState] = useState<FormErrorState>(empty);
  const summaryRef = useRef<HTMLDivElement>(null);

  const clear = useCallback(() => setState((s) => ({ ...empty, attempt: s.attempt })), []);

  const showFields = useCallback((fields: FieldError[], message: LocalizedText = validationMessage) => {
    setState((s) => ({ message, fields, attempt: s.attempt + 1 }));
  }, []);

  /**
   * Drops the field messages that no longer apply (e.g. a required answer now given) without
   * moving focus; when none is left the whole summary goes.
   */
  const keepFields = useCallback((keep: (field: FieldError) => boolean) => {
    setState((s) => {
      const fields = s.fields.filter(keep);
      if (fields.length === s.fields.length) return s;
      return fields.length === 0 ? { ...empty, attempt: s.attempt } : { ...s, fields };
    });
  }, []);

  const showError = useCallback((error: unknown) => {
    if (error instanceof ApiError) {
      setState((s) => ({ message: error.localized, fields: error.fields, attempt: s.attempt + 1 }));
      return;
    }
    setState((s) => ({
      message: {
        ja: 'エラーが発生しました。もう一度お試しください。',
        en: 'Something went wrong. Please try again.',
      },
      fields: [],
      attempt: s.attempt + 1,
    }));
  }, []);

  const helpers = useMemo(() => {
    const byPath = new Map<string, FieldError>();
    for (const field of state.fields) {
      const key = field.path.join('.');
      if (!byPath.has(key)) byPath.set(key, field);
    }
    return {
      /** The first message for a field path, e.g. fieldError(['deadline', 'date']). */
      fieldError(path: readonly (string | number)[]): FieldError | undefined {
        return byPath.get(path.join('.'));
      },
      id(path: readonly (string | number)[]): string {
        return fieldIdOf(formId, path);
      },
    };
  }, [state.fields, formId]);

  return {
    ...state,
    ...helpers,
    formId,
    summaryRef,
    clear,
    showFields,
    keepFields,
    showError,
    hasErrors: state.message !== null,
  };
}

export type FormErrors = ReturnType<typeof useFormErrors>;
