import {
  findPhaseDateProblems,
  type Phase,
  type PhaseKind,
  phaseCreateSchema,
  phaseKinds,
  phasePatchSchema,
} from '../../../shared/schemas/fiscal-years';
import { Button } from '../../components/Button';
import { FormErrors } from '../../components/forms/FormErrors';
import { Select } from '../../components/Select';
import { TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { useInvalidatePlan, useSavePhase } from './api';
import { phaseKindLabels } from './labels';

/**
 * Adds or edits a phase. The date rules (inside the year's window, deadline
 * inside the phase and on a business day) are the shared ones the server
 * applies, so the form names the problem, and the business day to use
 * instead, before anything is sent.
 */
export function PhaseForm({
  programId,
  fiscalYear,
  phase,
  onDone,
  onCancel,
}: {
  programId: string;
  fiscalYear: number;
  phase?: Phase;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidatePlan();
  const form = useVersionedForm({
    id: phase ? `phase-${phase.id}` : `phase-new-${programId}`,
    initial: {
      kind: phase?.kind ?? ('survey' as PhaseKind),
      startsOn: phase?.startsOn ?? '',
      endsOn: phase?.endsOn ?? '',
      deadlineDate: phase?.deadline?.date ?? '',
      deadlineTime: phase?.deadline?.time ?? '17:00',
      note: phase?.note ?? '',
    },
  });
  const { kind, startsOn, endsOn, deadlineDate, deadlineTime, note } = form.values;
  const save = useSavePhase(programId, phase?.id);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const deadline = deadlineDate ? { date: deadlineDate, time: deadlineTime } : null;
    const fields = { kind, startsOn, endsOn, deadline, note: note.trim() };
    const body = phase ? { version: phase.version, ...fields } : fields;
    const schema = phase ? phasePatchSchema : phaseCreateSchema;
    if (!form.check(schema, body)) return;
    // An edit that keeps an old deadline is not re-checked against today's holiday calendar.
    const isDeadlineUnchanged =
      !!phase?.deadline && deadline?.date === phase.deadline.date && deadline.time === phase.deadline.time;
    const dateProblems = findPhaseDateProblems({ startsOn, endsOn, deadline }, fiscalYear, {
      checkBusinessDay: !isDeadlineUnchanged,
    });
    if (!form.check(null, body, dateProblems)) return;
    save.mutate(body, { onSuccess: () => onDone(), onError: form.onError });
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      <FormErrors form={form} onReload={() => invalidate()} />
      <div className="grid gap-6 md:grid-cols-3">
        <Select
          id={form.id(['kind'])}
          label={t('fiscalYears.phase')}
          value={kind}
          onChange={(e) => form.set('kind')(e.target.value as PhaseKind)}
          error={form.fieldMessage('kind')}
          required
        >
          {phaseKinds.map((k) => (
            <option key={k} value={k}>
              {pick(phaseKindLabels[k])}
            </option>
          ))}
        </Select>
        <TextField
          id={form.id(['startsOn'])}
          type="date"
          label={t('fiscalYears.startsOn')}
          required
          value={startsOn}
          onChange={(e) => form.set('startsOn')(e.target.value)}
          error={form.fieldMessage('startsOn')}
        />
        <TextField
          id={form.id(['endsOn'])}
          type="date"
          label={t('fiscalYears.endsOn')}
          required
          value={endsOn}
          onChange={(e) => form.set('endsOn')(e.target.value)}
          error={form.fieldMessage('endsOn')}
        />
      </div>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-std-16B-170">{t('fiscalYears.deadline')}</legend>
        <p className="text-std-16N-170 text-solid-gray-700">{t('fiscalYears.deadlineHint')}</p>
        <div className="grid gap-6 md:grid-cols-3">
          <TextField
            id={form.id(['deadline', 'date'])}
            type="date"
            label={t('fiscalYears.deadlineDate')}
            value={deadlineDate}
            onChange={(e) => form.set('deadlineDate')(e.target.value)}
            error={form.fieldMessage('deadline', 'date')}
            isOptional
          />
          <TextField
            id={form.id(['deadline', 'time'])}
            type="time"
            label={t('fiscalYears.deadlineTime')}
            value={deadlineTime}
            onChange={(e) => form.set('deadlineTime')(e.target.value)}
            error={form.fieldMessage('deadline', 'time')}
          />
        </div>
      </fieldset>
      <TextArea
        id={form.id(['note'])}
        label={t('fiscalYears.note')}
        value={note}
        onChange={(e) => form.set('note')(e.target.value)}
        error={form.fieldMessage('note')}
        isOptional
        rows={2}
        maxLength={2000}
      />
      <div className="flex flex-wrap gap-4">
        <Button type="submit" isBusy={save.isPending}>
          {phase ? t('common.save') : t('fiscalYears.addPhase')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
