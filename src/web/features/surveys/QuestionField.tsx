import { useId } from 'react';
import { Checkbox, CheckboxGroup } from '../../components/Checkbox';
import { FieldError, FieldHint, TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import type { AnswerQuestion, AnswerValue } from './answer-model';

const scaleValues = ['1', '2', '3', '4', '5'] as const;

/** A radio button with its label; the 24 px target of DADS. */
function Radio({
  name,
  value,
  checked,
  label,
  onChange,
  id,
  disabled,
}: {
  name: string;
  value: string;
  checked: boolean;
  label: string;
  onChange: (value: string) => void;
  id: string;
  disabled?: boolean;
}) {
  return (
    <label htmlFor={id} className="flex w-fit cursor-pointer items-start gap-2 py-1">
      <span className="flex size-6 shrink-0 items-center justify-center">
        <input
          id={id}
          type="radio"
          name={name}
          value={value}
          checked={checked}
          disabled={disabled}
          onChange={() => onChange(value)}
          className="size-5 cursor-pointer accent-blue-900"
        />
      </span>
      <span className="pt-0.5 text-dns-16N-130 text-solid-gray-800">{label}</span>
    </label>
  );
}

/**
 * One question as the accessible control its type calls for: a fieldset with a legend for
 * choices and scales, a labelled input for numbers and text, and a table of radio groups (one row
 * header each) for a matrix. `fieldId` is the id the error summary links to.
 */
export function QuestionField({
  question,
  value,
  onChange,
  fieldId,
  error,
  disabled,
  number,
}: {
  question: AnswerQuestion;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  fieldId: string;
  error?: string | undefined;
  disabled?: boolean;
  number: number;
}) {
  const { t, pick } = useI18n();
  const uid = useId();
  const label = `${number}. ${pick(question.label)}`;
  const help = question.help ? pick(question.help) : undefined;
  const requiredMark = question.required ? (
    <span className="ml-2 text-dns-14N-130 text-error-2">{t('form.required')}</span>
  ) : null;

  switch (question.type) {
    case 'single_choice':
    case 'scale': {
      const options =
        question.type === 'scale' && question.options.length === 0
          ? scaleValues.map((v) => ({ value: v, label: { ja: v, en: v } }))
          : question.options;
      const hintId = help ? `${fieldId}-hint` : undefined;
      const errorId = error ? `${fieldId}-error` : undefined;
      return (
        <fieldset
          id={fieldId}
          tabIndex={-1}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          className="flex flex-col gap-2"
        >
          <legend className="mb-2 text-std-16B-170 text-solid-gray-800">
            {label}
            {requiredMark}
          </legend>
          {help && hintId && <FieldHint id={hintId}>{help}</FieldHint>}
          <div className={question.type === 'scale' ? 'flex flex-wrap gap-x-6' : 'flex flex-col gap-1'}>
            {options.map((o) => (
              <Radio
                key={o.value}
                id={`${uid}-${o.value}`}
                name={`${uid}-${question.key}`}
                value={o.value}
                checked={value === o.value}
                label={pick(o.label)}
                onChange={onChange}
                disabled={disabled}
              />
            ))}
          </div>
          {error && errorId && <FieldError id={errorId}>{error}</FieldError>}
        </fieldset>
      );
    }
    case 'multiple_choice': {
      const selected = Array.isArray(value) ? value : [];
      return (
        <CheckboxGroup
          id={fieldId}
          legend={
            <>
              {label}
              {requiredMark}
            </>
          }
          hint={help}
          error={error}
        >
          {question.options.map((o) => (
            <Checkbox
              key={o.value}
              label={pick(o.label)}
              checked={selected.includes(o.value)}
              disabled={disabled}
              onChange={(e) => {
                const next = e.target.checked
                  ? question.options.map((x) => x.value).filter((v) => v === o.value || selected.includes(v))
                  : selected.filter((v) => v !== o.value);
                onChange(next);
              }}
            />
          ))}
        </CheckboxGroup>
      );
    }
    case 'number':
      return (
        <TextField
          id={fieldId}
          label={label}
          hint={help}
          required={question.required}
          isOptional={!question.required}
          inputMode="decimal"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          error={error}
          disabled={disabled}
          inputClassName="max-w-40"
        />
      );
    case 'short_text':
      return (
        <TextField
          id={fieldId}
          label={label}
          hint={help}
          required={question.required}
          isOptional={!question.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          error={error}
          disabled={disabled}
          maxLength={200}
        />
      );
    case 'long_text':
      return (
        <TextArea
          id={fieldId}
          label={label}
          hint={help}
          required={question.required}
          isOptional={!question.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          error={error}
          disabled={disabled}
          maxLength={4000}
          rows={5}
        />
      );
    case 'matrix': {
      const rowValues = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<
        string,
        string
      >;
      const columns =
        question.options.length > 0
          ? question.options
          : scaleValues.map((v) => ({ value: v, label: { ja: v, en: v } }));
      const hintId = help ? `${fieldId}-hint` : undefined;
      const errorId = error ? `${fieldId}-error` : undefined;
      const legendId = `${uid}-legend`;
      return (
        <fieldset
          id={fieldId}
          tabIndex={-1}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          className="flex flex-col gap-2"
        >
          <legend id={legendId} className="mb-2 text-std-16B-170 text-solid-gray-800">
            {label}
            {requiredMark}
          </legend>
          {help && hintId && <FieldHint id={hintId}>{help}</FieldHint>}
          <div className="relative overflow-x-auto">
            <table className="w-full border-collapse text-dns-16N-130">
              <thead className="border-b-2 border-black bg-solid-gray-50">
                <tr>
                  <td className="p-2" />
                  {columns.map((c) => (
                    <th key={c.value} scope="col" className="p-2 text-center">
                      {pick(c.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {question.rows.map((row) => {
                  const rowHeaderId = `${uid}-row-${row.value}`;
                  return (
                    <tr key={row.value} className="border-b border-solid-gray-420">
                      <th id={rowHeaderId} scope="row" className="p-2 text-left font-normal">
                        {pick(row.label)}
                      </th>
                      {columns.map((c) => (
                        <td key={c.value} className="p-2 text-center">
                          <input
                            type="radio"
                            name={`${uid}-${row.value}`}
                            value={c.value}
                            checked={rowValues[row.value] === c.value}
                            disabled={disabled}
                            aria-label={`${pick(row.label)}：${pick(c.label)}`}
                            onChange={() => onChange({ ...rowValues, [row.value]: c.value })}
                            className="size-5 cursor-pointer accent-blue-900"
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {error && errorId && <FieldError id={errorId}>{error}</FieldError>}
        </fieldset>
      );
    }
  }
}
