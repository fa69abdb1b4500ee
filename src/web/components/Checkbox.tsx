import { type ComponentProps, forwardRef, type ReactNode, useId } from 'react';
import { cx } from '../lib/cx';
import { FieldError, FieldHint } from './TextField';

export type CheckboxProps = Omit<ComponentProps<'input'>, 'type'> & { label: ReactNode; hint?: ReactNode };

/** A DADS checkbox: a 24 px target with its label beside it; the whole label is clickable. */
export const Checkbox = forwardRef<HTMLInputElement, CheckboxProps>(function Checkbox(
  { label, hint, id, className, ...rest },
  ref,
) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <label htmlFor={inputId} className="flex w-fit cursor-pointer items-start gap-2 py-1">
        <span className="flex size-6 shrink-0 items-center justify-center">
          <input
            ref={ref}
            id={inputId}
            type="checkbox"
            aria-describedby={hintId}
            className="size-5 cursor-pointer accent-blue-900"
            {...rest}
          />
        </span>
        <span className="pt-0.5 text-dns-16N-130 text-solid-gray-800">{label}</span>
      </label>
      {hint && hintId && (
        <div className="pl-8">
          <FieldHint id={hintId}>{hint}</FieldHint>
        </div>
      )}
    </div>
  );
});

/** Several checkboxes answering one question: a fieldset whose legend names the question. */
export function CheckboxGroup({
  legend,
  hint,
  error,
  id,
  children,
  className,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  id?: string;
  children: ReactNode;
  className?: string;
}) {
  const generated = useId();
  const groupId = id ?? generated;
  const hintId = hint ? `${groupId}-hint` : undefined;
  const errorId = error ? `${groupId}-error` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      id={groupId}
      tabIndex={-1}
      aria-describedby={described}
      className={cx('flex flex-col gap-2', className)}
    >
      <legend className="mb-2 text-std-16B-170 text-solid-gray-800">{legend}</legend>
      {hint && hintId && <FieldHint id={hintId}>{hint}</FieldHint>}
      <div className="flex flex-col gap-1">{children}</div>
      {error && errorId && <FieldError id={errorId}>{error}</FieldError>}
    </fieldset>
  );
}
