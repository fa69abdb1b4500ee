import {
  type Program,
  type ProgramKind,
  programCreateSchema,
  programKinds,
  programPatchSchema,
} from '../../../shared/schemas/fiscal-years';
import { Button } from '../../components/Button';
import { FormErrors } from '../../components/forms/FormErrors';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { Select } from '../../components/Select';
import { TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useInvalidatePlan, useSaveProgram } from './api';
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
  const form = useVersionedForm({
    id: formId,
    initial: {
      kind: program?.kind ?? ('advisor_dispatch' as ProgramKind),
      name: program?.name ?? '',
      nameEn: program?.nameEn ?? '',
      description: program?.description ?? '',
      budget: program?.budgetThousandYen == null ? '' : String(program.budgetThousandYen),
    },
  });
  const { kind, name, nameEn, description, budget } = form.values;
  const save = useSaveProgram(fiscalYearId, program?.id);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const cleanedBudget = budget.replace(/[,，\s]/g, '');
    const budgetValue = cleanedBudget === '' ? null : Number(cleanedBudget);
    if (budgetValue !== null && !Number.isInteger(budgetValue)) {
      return form.showFields([
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
    if (!form.check(program ? programPatchSchema : programCreateSchema, body)) return;
    save.mutate(body, { onSuccess: (saved) => onDone(saved), onError: form.onError });
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      <FormErrors form={form} onReload={() => invalidate()} />
      <div className="grid gap-6 md:grid-cols-2">
        <Select
          id={form.id(['kind'])}
          label={t('fiscalYears.programKind')}
          value={kind}
          onChange={(e) => form.set('kind')(e.target.value as ProgramKind)}
          error={form.fieldMessage('kind')}
          required
        >
          {programKinds.map((k) => (
            <option key={k} value={k}>
              {pick(programKindLabels[k])}
            </option>
          ))}
        </Select>
        <TextField
          id={form.id(['budgetThousandYen'])}
          label={t('fiscalYears.budgetField')}
          hint={t('fiscalYears.budgetHint')}
          inputMode="numeric"
          value={budget}
          onChange={(e) => form.set('budget')(e.target.value)}
          error={form.fieldMessage('budgetThousandYen')}
          isOptional
          inputClassName="max-w-60"
        />
        <TextField
          id={form.id(['name'])}
          label={t('fiscalYears.programName')}
          required
          value={name}
          onChange={(e) => form.set('name')(e.target.value)}
          error={form.fieldMessage('name')}
          maxLength={200}
        />
        <TextField
          id={form.id(['nameEn'])}
          label={t('fiscalYears.programNameEn')}
          required
          value={nameEn}
          onChange={(e) => form.set('nameEn')(e.target.value)}
          error={form.fieldMessage('nameEn')}
          maxLength={200}
          lang="en"
        />
      </div>
      <TextArea
        id={form.id(['description'])}
        label={t('fiscalYears.programDescription')}
        value={description}
        onChange={(e) => form.set('description')(e.target.value)}
        error={form.fieldMessage('description')}
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
