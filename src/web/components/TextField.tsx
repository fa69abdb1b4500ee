import { type ComponentProps, forwardRef, type ReactNode, useId } from 'react';
import { useT } from '../i18n';
import { cx } from '../lib/cx';

/**
 * A labelled input in the DADS style. The hint and the error are tied to the
 * input with aria-describedby, and aria-invalid marks a failing value, so a
 * screen reader reads label, value, hint and error together.
 */

export const inputClass =
  'w-full max-w-full rounded-8 border border-solid-gray-600 bg-white px-4 text-oln-16N-100 text-solid-gray-800 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1 read-only:border-dashed read-only:bg-solid-gray-50';

export function FieldLabel({
  htmlFor,
  id,
  children,
  isRequired,
  isOptional,
}: {
  htmlFor?: string;
  id?: string;
  children: ReactNode;
  isRequired?: boolean;
  isOptional?: boolean;
}) {
  const t = useT();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={htmlFor} id={id} className="text-std-16B-170 text-solid-gray-800">
        {children}
      </label>
      {/* The input's own required state is what assistive technology announces; this is the visual cue. */}
      {isRequired && (
        <span aria-hidden="true" className="text-dns-14N-130 text-error-2">
          {t('form.required')}
        </span>
      )}
      {isOptional && (
        <span aria-hidden="true" className="text-dns-14N-130 text-solid-gray-700">
          {t('form.optional')}
        </span>
      )}
    </div>
  );
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-std-16N-170 text-solid-gray-700">
      {children}
    </p>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-dns-16N-130 text-error-2">
      <span aria-hidden="true">＊</span>
      {children}
    </p>
  );
}

/** ids of hint and error, in reading order, for aria-describedby. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length > 0 ? list.join(' ') : undefined;
}

export type TextFieldProps = Omit<ComponentProps<'input'>, 'size'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  isOptional?: boolean;
  /** Width of the input; full by default. */
  inputClassName?: string;
  size?: 'md' | 'lg';
};

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, hint, error, id, required, isOptional, className, inputClassName, size = 'md', ...rest },
  ref,
) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={cx('flex flex-col gap-2', className)}>
      <FieldLabel htmlFor={inputId} isRequired={required} isOptional={isOptional}>
        {label}
      </FieldLabel>
      {hint && hintId && <FieldHint id={hintId}>{hint}</FieldHint>}
      <input
        ref={ref}
        id={inputId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        className={cx(inputClass, size === 'lg' ? 'h-14' : 'h-12', inputClassName)}
        {...rest}
      />
      {error && errorId && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
});

export type TextAreaProps = ComponentProps<'textarea'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  isOptional?: boolean;
};

export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea(
  { label, hint, error, id, required, isOptional, className, rows = 4, ...rest },
  ref,
) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={cx('flex flex-col gap-2', className)}>
      <FieldLabel htmlFor={inputId} isRequired={required} isOptional={isOptional}>
        {label}
      </FieldLabel>
      {hint && hintId && <FieldHint id={hintId}>{hint}</FieldHint>}
      <textarea
        ref={ref}
        id={inputId}
        rows={rows}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        className={cx(inputClass, 'py-3 text-std-16N-170')}
        {...rest}
      />
      {error && errorId && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
});
