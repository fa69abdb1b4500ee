import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { DescriptionList } from '../../components/DescriptionList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import {
  type SourceKind,
  SourceInput,
  SourceKindSelect,
  type SourceLabels,
} from '../../components/forms/LinkOrFileFields';
import { seminarsCalls, useInvalidateSeminars } from './api';
import { fromJstInputValue, toJstInputValue } from '../../lib/jst-input';
import { formatJstRange } from './datetime';
import type { SeminarArchive, SeminarEventDetail } from './types';

/** The administrator sets the recording: a link or an uploaded file, its window and who may watch. */
function ArchiveSettingsForm({ event }: { event: SeminarEventDetail }) {
  const { t } = useI18n();
  const invalidate = useInvalidateSeminars();
  const archive = event.archive;
  const errors = useVersionedForm(`seminar-archive-${event.id}`);
  const [kind, setKind] = useState<SourceKind>(archive?.kind ?? 'link');
  const labels: SourceLabels = {
    kind: t('seminars.archive.kind'),
    kindLink: t('seminars.archive.kindLink'),
    kindFile: t('seminars.archive.kindFile'),
    url: t('seminars.archive.url'),
    file: t('seminars.archive.file'),
  };
  const [url, setUrl] = useState(archive?.kind === 'link' ? (archive.url ?? '') : '');
  const [file, setFile] = useState<File | null>(null);
  const [opensAt, setOpensAt] = useState(toJstInputValue(archive?.opensAt));
  const [closesAt, setClosesAt] = useState(toJstInputValue(archive?.closesAt));
  const [entitlement, setEntitlement] = useState<SeminarArchive['entitlement']>(
    archive?.entitlement ?? 'registered',
  );
  const [countsTowardReach, setCountsTowardReach] = useState(archive?.countsTowardReach ?? true);
  const [isSaved, setIsSaved] = useState(false);

  const save = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('kind', kind);
      if (kind === 'link') form.set('url', url.trim());
      if (kind === 'file' && file) form.set('file', file);
      form.set('opensAt', fromJstInputValue(opensAt) ?? opensAt);
      form.set('closesAt', fromJstInputValue(closesAt) ?? closesAt);
      form.set('entitlement', entitlement);
      form.set('countsTowardReach', String(countsTowardReach));
      return seminarsCalls.saveArchive(event.id, form);
    },
    onSuccess: async () => {
      errors.clear();
      setIsSaved(true);
      await invalidate();
    },
    onError: (error) => {
      setIsSaved(false);
      errors.showError(error);
    },
  });

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      <ErrorSummary errors={errors} />
      {isSaved && (
        <Alert tone="success" isLive>
          {t('seminars.archive.saved')}
        </Alert>
      )}
      <div className="grid gap-5 md:grid-cols-2">
        <SourceKindSelect errors={errors} labels={labels} value={kind} onChange={setKind} />
        <SourceInput
          errors={errors}
          labels={labels}
          kind={kind}
          url={url}
          onUrl={setUrl}
          onFile={setFile}
          // Saving without a new file keeps the one stored.
          fileHint={archive?.kind === 'file' ? t('seminars.archive.fileKept') : undefined}
        />
        <TextField
          id={errors.id(['opensAt'])}
          type="datetime-local"
          label={t('seminars.archive.opensAt')}
          hint={t('seminars.event.jstHint')}
          required
          value={opensAt}
          onChange={(e) => setOpensAt(e.target.value)}
          error={errors.fieldMessage('opensAt')}
          inputClassName="max-w-72"
        />
        <TextField
          id={errors.id(['closesAt'])}
          type="datetime-local"
          label={t('seminars.archive.closesAt')}
          hint={t('seminars.event.jstHint')}
          required
          value={closesAt}
          onChange={(e) => setClosesAt(e.target.value)}
          error={errors.fieldMessage('closesAt')}
          inputClassName="max-w-72"
        />
        <Select
          id={errors.id(['entitlement'])}
          label={t('seminars.archive.entitlement')}
          value={entitlement}
          onChange={(e) => setEntitlement(e.target.value as SeminarArchive['entitlement'])}
        >
          <option value="registered">{t('seminars.archive.entitlementRegistered')}</option>
          <option value="audience">{t('seminars.archive.entitlementAudience')}</option>
        </Select>
        <div className="flex items-end pb-2">
          <Checkbox
            id={errors.id(['countsTowardReach'])}
            label={t('seminars.archive.countsTowardReach')}
            checked={countsTowardReach}
            onChange={(e) => setCountsTowardReach(e.target.checked)}
          />
        </div>
      </div>
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('seminars.archive.save')}
        </Button>
      </div>
    </form>
  );
}

/**
 * The limited archive. The administrator sets it; a user of an entitled
 * municipality watches it within its window. Watching goes through the
 * server, which records the view and checks entitlement again on the file.
 */
export function ArchivePanel({ event }: { event: SeminarEventDetail }) {
  // The prefecture sets the archive up; everyone else watches it when entitled.
  const canEdit = event.can.edit;
  const { t, locale } = useI18n();
  const invalidate = useInvalidateSeminars();
  const errors = useVersionedForm(`seminar-archive-view-${event.id}`);
  const [watchUrl, setWatchUrl] = useState<string | null>(null);
  const archive = event.archive;
  const watch = useMutation({
    mutationFn: () => seminarsCalls.watchArchive(event.id),
    onSuccess: async (result) => {
      errors.clear();
      setWatchUrl(result.url);
      await invalidate();
    },
    onError: errors.showError,
  });

  return (
    <Section title={t('seminars.archive.title')} description={t('seminars.archive.description')}>
      {archive ? (
        <DescriptionList
          items={[
            {
              term: t('seminars.archive.window'),
              value: formatJstRange(archive.opensAt, archive.closesAt, locale),
            },
            {
              term: t('seminars.archive.entitlement'),
              value:
                archive.entitlement === 'registered'
                  ? t('seminars.archive.entitlementRegistered')
                  : t('seminars.archive.entitlementAudience'),
            },
          ]}
        />
      ) : (
        <p className="text-std-16N-170">{t('seminars.archive.none')}</p>
      )}
      {!canEdit && archive && (
        <>
          <ErrorSummary errors={errors} />
          {archive.isAvailableToMe ? (
            watchUrl ? (
              <p className="text-std-16N-170">
                <a href={watchUrl} target="_blank" rel="noreferrer" className="text-std-16B-170">
                  {t('seminars.archive.open')}
                </a>
              </p>
            ) : (
              <div>
                <Button onClick={() => watch.mutate()} isBusy={watch.isPending}>
                  {t('seminars.archive.watch')}
                </Button>
              </div>
            )
          ) : (
            <Alert tone="info">{t('seminars.archive.notEntitled')}</Alert>
          )}
        </>
      )}
      {canEdit && (
        <Section title={t('seminars.archive.settings')} level={3} boxed>
          <ArchiveSettingsForm event={event} />
        </Section>
      )}
    </Section>
  );
}
