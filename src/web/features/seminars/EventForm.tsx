import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { BodyOf } from '../../api/typed-client';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Select } from '../../components/Select';
import { TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { seminarEventCreateSchema, seminarEventPatchSchema } from '../../../shared/schemas/seminars';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { formatFiscalYear } from '../../lib/format';
import { ConflictNotice } from '../../components/forms/ConflictNotice';
import { useRegions } from '../municipalities/api';
import { useSurveyList } from '../surveys/api';
import { seminarsCalls, useInvalidateSeminars } from './api';
import { fromJstInputValue, toJstInputValue } from '../../lib/jst-input';
import { audienceLabels } from './labels';
import { parseWholeNumber } from './numbers';
import { type Audience, audiences, type SeminarEventDetail, type SeminarSeries } from './types';

/**
 * Adds an event to a series, or edits one (with the version it read). Times
 * are typed as JST; the join URL and passcode are kept here and shown only to
 * registered attendees.
 */
export function EventForm({
  series,
  event,
  onDone,
  onCancel,
}: {
  series: SeminarSeries[];
  event?: SeminarEventDetail;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const { t, pick, locale } = useI18n();
  const navigate = useNavigate();
  const invalidate = useInvalidateSeminars();
  const regions = useRegions();
  const errors = useVersionedForm(event ? `seminar-event-${event.id}` : 'seminar-event-new');
  const [seriesId, setSeriesId] = useState(event?.seriesId ?? series[0]?.id ?? '');
  const [title, setTitle] = useState(event?.title ?? '');
  const [audience, setAudience] = useState<Audience>(event?.audience ?? 'staff');
  const [regionId, setRegionId] = useState(event?.region?.id ?? '');
  const [startsAt, setStartsAt] = useState(toJstInputValue(event?.startsAt));
  const [endsAt, setEndsAt] = useState(toJstInputValue(event?.endsAt));
  const [closesAt, setClosesAt] = useState(toJstInputValue(event?.registrationClosesAt));
  const [capacity, setCapacity] = useState(event ? String(event.capacity) : '100');
  const [seatCap, setSeatCap] = useState(
    event?.maxSeatsPerMunicipality != null ? String(event.maxSeatsPerMunicipality) : '',
  );
  const [threshold, setThreshold] = useState(event ? String(event.attendanceThresholdMinutes) : '30');
  const [joinUrl, setJoinUrl] = useState(event?.joinUrl ?? '');
  const [passcode, setPasscode] = useState(event?.passcode ?? '');
  const [programme, setProgramme] = useState(event?.programme ?? '');
  const [speakers, setSpeakers] = useState(event?.speakers ?? '');
  const [feedbackSurveyId, setFeedbackSurveyId] = useState(event?.feedbackSurveyId ?? '');

  const save = useMutation({
    mutationFn: (
      body: BodyOf<'/api/seminar-events/{id}', 'patch'> | BodyOf<'/api/seminar-series/{id}/events', 'post'>,
    ) =>
      event
        ? seminarsCalls.updateEvent(event.id, body as BodyOf<'/api/seminar-events/{id}', 'patch'>)
        : seminarsCalls.createEvent(seriesId, body as BodyOf<'/api/seminar-series/{id}/events', 'post'>),
    onSuccess: async (saved) => {
      await invalidate();
      if (event) onDone?.();
      else navigate(`/seminars/events/${saved.id}`);
    },
    // A 409 becomes the conflict notice; anything else goes to the error summary.
    onError: errors.onError,
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const fields = {
      title: title.trim(),
      audience,
      regionId: regionId || null,
      // An unreadable time goes as typed, so the server names the field.
      startsAt: fromJstInputValue(startsAt) ?? startsAt,
      endsAt: fromJstInputValue(endsAt) ?? endsAt,
      registrationClosesAt: fromJstInputValue(closesAt) ?? closesAt,
      capacity: parseWholeNumber(capacity),
      // Empty means no cap (null).
      maxSeatsPerMunicipality: parseWholeNumber(seatCap),
      attendanceThresholdMinutes: parseWholeNumber(threshold),
      joinUrl: joinUrl.trim(),
      passcode: passcode.trim(),
      programme: programme.trim(),
      speakers: speakers.trim(),
    };
    const body = event
      ? { version: event.version, ...fields, feedbackSurveyId: feedbackSurveyId || null }
      : fields;
    if (!errors.check(event ? seminarEventPatchSchema : seminarEventCreateSchema, body)) return;
    save.mutate(body);
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      {errors.conflict && <ConflictNotice onReload={() => invalidate()} />}
      <ErrorSummary errors={errors} />
      <div className="grid gap-6 md:grid-cols-2">
        {!event && (
          <Select
            id={errors.id(['seriesId'])}
            label={t('seminars.event.series')}
            value={seriesId}
            onChange={(e) => setSeriesId(e.target.value)}
            required
          >
            {series.map((s) => (
              <option key={s.id} value={s.id}>
                {formatFiscalYear(s.fiscalYear, locale)} {s.title}
              </option>
            ))}
          </Select>
        )}
        <TextField
          id={errors.id(['title'])}
          label={t('seminars.event.title')}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.fieldMessage('title')}
          maxLength={200}
        />
        <Select
          id={errors.id(['audience'])}
          label={t('seminars.event.audience')}
          value={audience}
          onChange={(e) => setAudience(e.target.value as Audience)}
          error={errors.fieldMessage('audience')}
          required
        >
          {audiences.map((a) => (
            <option key={a} value={a}>
              {pick(audienceLabels[a])}
            </option>
          ))}
        </Select>
        <Select
          id={errors.id(['regionId'])}
          label={t('seminars.event.region')}
          value={regionId}
          onChange={(e) => setRegionId(e.target.value)}
          error={errors.fieldMessage('regionId')}
          isOptional
        >
          <option value="">{t('seminars.allRegions')}</option>
          {(regions.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {locale === 'ja' ? r.name : r.nameEn}
            </option>
          ))}
        </Select>
        <TextField
          id={errors.id(['startsAt'])}
          type="datetime-local"
          label={t('seminars.event.startsAt')}
          hint={t('seminars.event.jstHint')}
          required
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          error={errors.fieldMessage('startsAt')}
          inputClassName="max-w-72"
        />
        <TextField
          id={errors.id(['endsAt'])}
          type="datetime-local"
          label={t('seminars.event.endsAt')}
          hint={t('seminars.event.jstHint')}
          required
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
          error={errors.fieldMessage('endsAt')}
          inputClassName="max-w-72"
        />
        <TextField
          id={errors.id(['registrationClosesAt'])}
          type="datetime-local"
          label={t('seminars.event.registrationClosesAt')}
          hint={t('seminars.event.jstHint')}
          required
          value={closesAt}
          onChange={(e) => setClosesAt(e.target.value)}
          error={errors.fieldMessage('registrationClosesAt')}
          inputClassName="max-w-72"
        />
        <TextField
          id={errors.id(['capacity'])}
          label={t('seminars.event.capacity')}
          inputMode="numeric"
          required
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          error={errors.fieldMessage('capacity')}
          inputClassName="max-w-40"
        />
        <TextField
          id={errors.id(['maxSeatsPerMunicipality'])}
          label={t('seminars.event.maxSeatsPerMunicipality')}
          hint={t('seminars.event.maxSeatsPerMunicipalityHint')}
          inputMode="numeric"
          value={seatCap}
          onChange={(e) => setSeatCap(e.target.value)}
          error={errors.fieldMessage('maxSeatsPerMunicipality')}
          isOptional
          inputClassName="max-w-40"
        />
        <TextField
          id={errors.id(['attendanceThresholdMinutes'])}
          label={t('seminars.event.threshold')}
          hint={t('seminars.event.thresholdHint')}
          inputMode="numeric"
          required
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          error={errors.fieldMessage('attendanceThresholdMinutes')}
          inputClassName="max-w-40"
        />
        <TextField
          id={errors.id(['joinUrl'])}
          type="url"
          label={t('seminars.event.joinUrl')}
          hint={t('seminars.event.joinUrlHint')}
          value={joinUrl}
          onChange={(e) => setJoinUrl(e.target.value)}
          error={errors.fieldMessage('joinUrl')}
          isOptional
          lang="en"
        />
        <TextField
          id={errors.id(['passcode'])}
          label={t('seminars.event.passcode')}
          value={passcode}
          onChange={(e) => setPasscode(e.target.value)}
          error={errors.fieldMessage('passcode')}
          isOptional
          autoComplete="off"
          inputClassName="max-w-60"
        />
      </div>
      <TextArea
        id={errors.id(['programme'])}
        label={t('seminars.event.programme')}
        value={programme}
        onChange={(e) => setProgramme(e.target.value)}
        error={errors.fieldMessage('programme')}
        isOptional
        maxLength={8000}
      />
      <TextArea
        id={errors.id(['speakers'])}
        label={t('seminars.event.speakers')}
        value={speakers}
        onChange={(e) => setSpeakers(e.target.value)}
        error={errors.fieldMessage('speakers')}
        isOptional
        rows={3}
        maxLength={4000}
      />
      {event && (
        <FeedbackSurveySelect
          id={errors.id(['feedbackSurveyId'])}
          fiscalYearId={series.find((s) => s.id === event.seriesId)?.fiscalYearId}
          value={feedbackSurveyId}
          onChange={setFeedbackSurveyId}
          error={errors.fieldMessage('feedbackSurveyId')}
        />
      )}
      <div className="flex flex-wrap gap-4">
        <Button type="submit" isBusy={save.isPending}>
          {event ? t('common.save') : t('seminars.event.add')}
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

/** The year's seminar feedback surveys (audience: seminar participants), or none. */
function FeedbackSurveySelect({
  id,
  fiscalYearId,
  value,
  onChange,
  error,
}: {
  id: string;
  fiscalYearId: string | undefined;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t, pick } = useI18n();
  const surveys = useSurveyList(fiscalYearId);
  const choices = (surveys.data ?? []).filter(
    (s) => s.kind === 'seminar_feedback' && s.audience === 'seminar_participants',
  );
  return (
    <Select
      id={id}
      label={t('seminars.feedback.survey')}
      hint={t('seminars.feedback.surveyHint')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      isOptional
    >
      <option value="">{t('seminars.feedback.none')}</option>
      {value && !choices.some((s) => s.id === value) && (
        <option value={value}>{t('seminars.feedback.current')}</option>
      )}
      {choices.map((s) => (
        <option key={s.id} value={s.id}>
          {pick(s.title)}
        </option>
      ))}
    </Select>
  );
}
