import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  findPhaseDateProblems,
  type Phase,
  type PhaseKind,
  phaseCreateSchema,
  phaseKinds,
  phasePatchSchema,
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
  const errors = useFormErrors(phase ? `phase-${phase.id}` : `phase-new-${programId}`);
  const [kind, setKind] = useState<PhaseKind>(phase?.kind ?? 'survey');
  const [startsOn, setStartsOn] = useState(phase?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(phase?.endsOn ?? '');
  const [deadlineDate, setDeadlineDate] = useState(phase?.deadline?.date ?? '');
  const [deadlineTime, setDeadlineTime] = useState(phase?.deadline?.time ?? '17:00');
  const [note, setNote] = useState(phase?.note ?? '');
  const [hasConflict, setHasConflict] = useState(false);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      phase
        ? api.patch<Phase>(`/api/phases/${phase.id}`, body)
        : api.post<Phase>(`/api/programs/${programId}/phases`, body),
    onSuccess: async () => {
      await invalidate();
      onDone();
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
    const deadline = deadlineDate ? { date: deadlineDate, time: deadlineTime } : null;
    const fields = { kind, startsOn, endsOn, deadline, note: note.trim() };
    const body = phase ? { version: phase.version, ...fields } : fields;
    const problems = validateWith(phase ? phasePatchSchema : phaseCreateSchema, body);
    if (problems.length === 0) {
      // An edit that keeps an old deadline is not re-checked against today's holiday calendar.
      const isDeadlineUnchanged =
        !!phase?.deadline && deadline?.date === phase.deadline.date && deadline.time === phase.deadline.time;
      problems.push(
        ...findPhaseDateProblems({ startsOn, endsOn, deadline }, fiscalYear, {
          checkBusinessDay: !isDeadlineUnchanged,
        }),
      );
    }
    if (problems.length > 0) return errors.showFields(problems);
    save.mutate(body);
  }

  const message = (...path: string[]) => {
    const field = errors.fieldError(path);
    return field ? pick(field) : undefined;
  };

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      {hasConflict && <ConflictNotice onReload={() => invalidate()} />}
      <ErrorSummary errors={errors} />
      <div className="grid gap-6 md:grid-cols-3">
        <Select
          id={errors.id(['kind'])}
          label={t('fiscalYears.phase')}
          value={kind}
          onChange={(e) => setKind(e.target.value as PhaseKind)}
          error={message('kind')}
          required
        >
          {phaseKinds.map((k) => (
            <option key={k} value={k}>
              {pick(phaseKindLabels[k])}
            </option>
          ))}
        </Select>
        <TextField
          id={errors.id(['startsOn'])}
          type="date"
          label={t('fiscalYears.startsOn')}
          required
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
          error={message('startsOn')}
        />
        <TextField
          id={errors.id(['endsOn'])}
          type="date"
          label={t('fiscalYears.endsOn')}
          required
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
          error={message('endsOn')}
        />
      </div>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-std-16B-170">{t('fiscalYears.deadline')}</legend>
        <p className="text-std-16N-170 text-solid-gray-700">{t('fiscalYears.deadlineHint')}</p>
        <div className="grid gap-6 md:grid-cols-3">
          <TextField
            id={errors.id(['deadline', 'date'])}
            type="date"
            label={t('fiscalYears.deadlineDate')}
            value={deadlineDate}
            onChange={(e) => setDeadlineDate(e.target.value)}
            error={message('deadline', 'date')}
            isOptional
          />
          <TextField
            id={errors.id(['deadline', 'time'])}
            type="time"
            label={t('fiscalYears.deadlineTime')}
            value={deadlineTime}
            onChange={(e) => setDeadlineTime(e.target.value)}
            error={message('deadline', 'time')}
          />
        </div>
      </fieldset>
      <TextArea
        id={errors.id(['note'])}
        label={t('fiscalYears.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={message('note')}
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
