import { type ReactNode, useId } from 'react';
import { cx } from '../../lib/cx';
import { FieldError } from '../../components/TextField';

/** Native radio buttons in a fieldset: arrow keys move between options, the legend names the question. */
export function RadioGroup<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
  id,
  isInline = false,
}: {
  legend: ReactNode;
  name: string;
  value: T | '';
  options: { value: T; label: ReactNode }[];
  onChange: (value: T) => void;
  error?: string | undefined;
  id?: string;
  isInline?: boolean;
}) {
  const generated = useId();
  const groupId = id ?? generated;
  const errorId = error ? `${groupId}-error` : undefined;
  return (
    <fieldset id={groupId} tabIndex={-1} aria-describedby={errorId} className="flex flex-col gap-2">
      <legend className="mb-1 text-std-16B-170 text-solid-gray-800">{legend}</legend>
      <div className={cx('flex gap-x-5 gap-y-1', isInline ? 'flex-row flex-wrap' : 'flex-col')}>
        {options.map((option) => {
          const optionId = `${groupId}-${option.value}`;
          return (
            <label
              key={option.value}
              htmlFor={optionId}
              className="flex cursor-pointer items-center gap-2 py-1"
            >
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                className="size-5 cursor-pointer accent-blue-900"
              />
              <span className="text-dns-16N-130 text-solid-gray-800">{option.label}</span>
            </label>
          );
        })}
      </div>
      {error && errorId && <FieldError id={errorId}>{error}</FieldError>}
    </fieldset>
  );
}
