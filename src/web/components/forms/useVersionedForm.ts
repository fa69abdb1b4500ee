import { useCallback, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { FieldError } from '../../../shared/errors';
import { toFieldErrors } from '../../../shared/validation';
import { ApiError, isApiError, type LocalizedText } from '../../api/client';
import { useI18n } from '../../i18n';

/**
 * The one form hook. It holds, for one form:
 * - the field values (optional: pass `initial`), with `set(name)` for inputs;
 * - the client-side check against the shared zod schema the server applies (`check`);
 * - the error state: a general message and messages per field, from the schema or from the
 *   server's 422 (`fields` with paths, in ja and en), shown by <FormErrors> and beside each field;
 * - the 409 conflict (someone saved first) with the record as it is now on the server (`conflict`).
 * Field ids are `${formId}-${path}`, so the error summary can link to each failing field.
 */

export function fieldIdOf(formId: string, path: readonly (string | number)[]): string {
  return `${formId}-${path.join('-')}`;
}

/** Validates with the schema the server uses; [] when the values pass. */
export function validateWith(schema: z.ZodType, values: unknown): FieldError[] {
  const result = schema.safeParse(values);
  return result.success ? [] : toFieldErrors(result.error.issues);
}

interface ErrorState {
  message: LocalizedText | null;
  fields: FieldError[];
  /** Changes on every failed submit, so the summary takes focus each time. */
  attempt: number;
}

const empty: ErrorState = { message: null, fields: [], attempt: 0 };

const validationMessage: LocalizedText = {
  ja: '入力内容に誤りがあります。各項目をご確認ください。',
  en: 'Some fields are invalid. Please check each field.',
};

const unknownFailure: LocalizedText = {
  ja: 'エラーが発生しました。もう一度お試しください。',
  en: 'Something went wrong. Please try again.',
};

export interface VersionedFormOptions<Values> {
  /** Prefix of every field id; unique on the page. */
  id: string;
  /** Starting values of the fields the hook holds (leave out to keep values elsewhere). */
  initial?: Values;
}

export function useVersionedForm<Values extends object = Record<string, never>, Current = unknown>(
  idOrOptions: string | VersionedFormOptions<Values>,
) {
  const options = typeof idOrOptions === 'string' ? { id: idOrOptions } : idOrOptions;
  const formId = options.id;
  const { pick } = useI18n();
  const [state, setState] = useState<ErrorState>(empty);
  const [values, setValues] = useState<Values>(() => options.initial ?? ({} as Values));
  const [conflict, setConflict] = useState<{ current: Current | undefined } | null>(null);
  const summaryRef = useRef<HTMLElement>(null);

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

  /** Any failure as the summary shows it: the server's message and fields, or a generic one. */
  const showError = useCallback((error: unknown) => {
    const message = error instanceof ApiError ? error.localized : unknownFailure;
    const fields = error instanceof ApiError ? error.fields : [];
    setState((s) => ({ message, fields, attempt: s.attempt + 1 }));
  }, []);

  /**
   * For a mutation's onError: a 409 becomes the conflict notice (with the current record) instead
   * of the summary; everything else goes to the summary. Returns whether it was a conflict.
   */
  const onError = useCallback(
    (error: unknown): boolean => {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        clear();
        setConflict({ current: error.current as Current | undefined });
        return true;
      }
      showError(error);
      return false;
    },
    [clear, showError],
  );

  /** After a save or a reload of the latest version. */
  const resolveConflict = useCallback(() => setConflict(null), []);

  /**
   * Checks values with the shared schema (and any extra rule's problems); shows the problems and
   * answers false when there are some, so a submit reads `if (!form.check(schema, body)) return;`.
   */
  const check = useCallback(
    // A passing body is what the schema accepts, so the caller may send it as the typed request body.
    <S extends z.ZodType>(schema: S | null, body: unknown, extra: FieldError[] = []): body is z.output<S> => {
      const problems = [...(schema ? validateWith(schema, body) : []), ...extra];
      if (problems.length === 0) return true;
      showFields(problems);
      return false;
    },
    [showFields],
  );

  const set = useCallback(
    <K extends keyof Values>(name: K) =>
      (value: Values[K]) =>
        setValues((current) => ({ ...current, [name]: value })),
    [],
  );

  const helpers = useMemo(() => {
    const byPath = new Map<string, FieldError>();
    for (const field of state.fields) {
      const key = field.path.join('.');
      if (!byPath.has(key)) byPath.set(key, field);
    }
    return {
      /** The first error for a field path, e.g. fieldError(['deadline', 'date']). */
      fieldError(path: readonly (string | number)[]): FieldError | undefined {
        return byPath.get(path.join('.'));
      },
      /** The message for a field in the page's language, for an input's `error` prop. */
      fieldMessage(...path: (string | number)[]): string | undefined {
        const field = byPath.get(path.join('.'));
        return field ? pick(field) : undefined;
      },
      id(path: readonly (string | number)[]): string {
        return fieldIdOf(formId, path);
      },
    };
  }, [state.fields, formId, pick]);

  return {
    ...state,
    ...helpers,
    formId,
    summaryRef,
    values,
    setValues,
    set,
    conflict,
    resolveConflict,
    clear,
    showFields,
    keepFields,
    showError,
    onError,
    check,
    hasErrors: state.message !== null,
  };
}

/** What <FormErrors>, <ErrorSummary> and shared field groups need of a form. */
export type FormErrors = Pick<
  ReturnType<typeof useVersionedForm>,
  'message' | 'fields' | 'attempt' | 'summaryRef' | 'formId' | 'fieldError' | 'id' | 'conflict'
>;
