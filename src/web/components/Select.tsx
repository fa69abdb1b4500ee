import { type ComponentProps, forwardRef, type ReactNode, useId } from 'react';
import { cx } from '../lib/cx';
import { describedBy, FieldError, FieldHint, FieldLabel } from './TextField';

export type SelectProps = Omit<ComponentProps<'select'>, 'size'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  isOptional?: boolean;
};

/** A native select (best for keyboards and screen readers) in DADS dress. */
export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select(
  { label, hint, error, id, required, isOptional, className, children, ...rest },
  ref,
) {
  const generated = useId();
  const selectId = id ?? generated;
  const hintId = hint ? `${selectId}-hint` : undefined;
  const errorId = error ? `${selectId}-error` : undefined;
  return (
    <div className={cx('flex flex-col gap-2', className)}>
      <FieldLabel htmlFor={selectId} isRequired={required} isOptional={isOptional}>
        {label}
      </FieldLabel>
      {hint && hintId && <FieldHint id={hintId}>{hint}</FieldHint>}
      <div className="relative">
        <select
          ref={ref}
          id={selectId}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, errorId)}
          className="h-12 w-full appearance-none rounded-8 border border-solid-gray-600 bg-white pr-11 pl-4 text-oln-16N-100 text-solid-gray-800 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1"
          {...rest}
        >
          {children}
        </select>
        <svg
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-4 -translate-y-1/2 text-solid-gray-800"
          width="16"
          height="16"
          viewBox="0 0 16 16"
        >
          <path d="M2.5 5.5 8 11l5.5-5.5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      </div>
      {error && errorId && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
});
