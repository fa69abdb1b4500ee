import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type Program,
  type ProgramKind,
  programCreateSchema,
  programKinds,
  programPatchSchema,
} from '../../../shared/schemas/fiscal-years';
import { api, isApiError } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Select } from '../../components/Select';
import { TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useFormErrors, validateWith } from '../../lib/form-errors';
import { useInvalidatePlan } from './api';
import { ConflictNotice } from '../../components/forms/ConflictNotice';
import { programKindLabels } from './labels';

/** Creates a program in a year, or edits one (with the version it read). */
export function ProgramForm({
  fiscalYearId,
  program,
  onDone,
  onCancel,
}: {
  fiscalYearId: string;
  program?: Program;
  onDone: (program: Program) => void;
  onCancel?: () => void;
}) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidatePlan();
  const formId = program ? `program-${program.id}` : 'program-new';
  const errors = useFormErrors(formId);
  const [kind, setKind] = useState<ProgramKind>(program?.kind ?? 'advisor_dispatch');
  const [name, setName] = useState(program?.name ?? '');
  const [nameEn, setNameEn] = useState(program?.nameEn ?? '');
  const [description, setDescription] = useState(program?.description ?? '');
  const [budget, setBudget] = useState(
    program?.budgetThousandYen == null ? '' : String(program.budgetThousandYen),
  );
  const [hasConflict, setHasConflict] = useState(false);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      program
        ? api.patch<Program>(`/api/programs/${program.id}`, body)
        : api.post<Program>(`/api/fiscal-years/${fiscalYearId}/programs`, body),
    onSuccess: async (saved) => {
      await invalidate();
      onDone(saved);
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        errors.clear();
        setHasConflict(true);
        return;
      }
      errors.showError(error);
    },
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const cleanedBudget = budget.replace(/[,，\s]/g, '');
    const budgetValue = cleanedBudget === '' ? null : Number(cleanedBudget);
    if (budgetValue !== null && !Number.isInteger(budgetValue)) {
      return errors.showFields([
        {
          path: ['budgetThousandYen'],
          code: 'not_integer',
          ja: '予算は千円単位の整数（半角数字）で入力してください。',
          en: 'Enter the budget as a whole number of thousand yen.',
        },
      ]);
    }
    const fields = {
      kind,
      name: name.trim(),
      nameEn: nameEn.trim(),
      description: description.trim(),
      budgetThousandYen: budgetValue,
    };
    const body = program ? { version: program.version, ...fields } : fields;
    const problems = validateWith(program ? programPatchSchema : programCreateSchema, body);
    if (problems.length > 0) return errors.showFields(problems);
    save.mutate(body);
  }

  const message = (path: string) => {
    const field = errors.fieldError([path]);
    return field ? pick(field) : undefined;
  };

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      {hasConflict && <ConflictNotice onReload={() => invalidate()} />}
      <ErrorSummary errors={errors} />
      <div className="grid gap-6 md:grid-cols-2">
        <Select
          id={errors.id(['kind'])}
          label={t('fiscalYears.programKind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as ProgramKind)}
          error={message('kind')}
          required
        >
          {programKinds.map((k) => (
            <option key={k} value={k}>
              {pick(programKindLabels[k])}
            </option>
          ))}
        </Select>
        <TextField
          id={errors.id(['budgetThousandYen'])}
          label={t('fiscalYears.budgetField')}
          hint={t('fiscalYears.budgetHint')}
          inputMode="numeric"
          value={budget}
          onChange={(e) => setBudget(e.target.value)}
          error={message('budgetThousandYen')}
          isOptional
          inputClassName="max-w-60"
        />
        <TextField
          id={errors.id(['name'])}
          label={t('fiscalYears.programName')}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={message('name')}
          maxLength={200}
        />
        <TextField
          id={errors.id(['nameEn'])}
          label={t('fiscalYears.programNameEn')}
          required
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
          error={message('nameEn')}
          maxLength={200}
          lang="en"
        />
      </div>
      <TextArea
        id={errors.id(['description'])}
        label={t('fiscalYears.programDescription')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={message('description')}
        isOptional
        maxLength={4000}
      />
      <div className="flex flex-wrap gap-4">
        <Button type="submit" isBusy={save.isPending}>
          {program ? t('common.save') : t('fiscalYears.addProgram')}
        </Button>
        {onCancel && (
          <Button variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
