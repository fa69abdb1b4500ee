import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Section } from '../../components/Section';
import { TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import {
  type SourceKind,
  SourceInput,
  SourceKindSelect,
  type SourceLabels,
} from '../../components/forms/LinkOrFileFields';
import { seminarsCalls, useDeleteMaterial, useInvalidateSeminars } from './api';
import type { MaterialPurpose, SeminarEventDetail, SeminarMaterial } from './types';

/** A link or an uploaded file added to the event's materials (or its workshop outputs). */
function AddMaterialForm({ event, purpose }: { event: SeminarEventDetail; purpose: MaterialPurpose }) {
  const { t } = useI18n();
  const invalidate = useInvalidateSeminars();
  const errors = useVersionedForm(`seminar-${purpose}-${event.id}`);
  const [kind, setKind] = useState<SourceKind>('link');
  const labels: SourceLabels = {
    kind: t('seminars.materials.kind'),
    kindLink: t('seminars.materials.kindLink'),
    kindFile: t('seminars.materials.kindFile'),
    url: t('seminars.materials.url'),
    file: t('seminars.materials.file'),
  };
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const save = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('purpose', purpose);
      form.set('kind', kind);
      form.set('title', title.trim());
      if (kind === 'link') form.set('url', url.trim());
      if (kind === 'file' && file) form.set('file', file);
      return seminarsCalls.addMaterial(event.id, form);
    },
    onSuccess: async () => {
      errors.clear();
      setTitle('');
      setUrl('');
      setFile(null);
      setFormKey((k) => k + 1);
      await invalidate();
    },
    onError: errors.showError,
  });
  return (
    <form
      key={formKey}
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      <ErrorSummary errors={errors} />
      <div className="grid gap-5 md:grid-cols-3">
        <SourceKindSelect errors={errors} labels={labels} value={kind} onChange={setKind} />
        <TextField
          id={errors.id(['title'])}
          label={t('seminars.materials.name')}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.fieldMessage('title')}
          maxLength={200}
        />
        <SourceInput
          errors={errors}
          labels={labels}
          kind={kind}
          url={url}
          onUrl={setUrl}
          onFile={setFile}
          isFileRequired
        />
      </div>
      <div>
        <Button type="submit" variant="secondary" isBusy={save.isPending}>
          {t('seminars.materials.add')}
        </Button>
      </div>
    </form>
  );
}

function MaterialList({
  items,
  canEdit,
  onDelete,
  emptyText,
}: {
  items: SeminarMaterial[];
  canEdit: boolean;
  onDelete: (material: SeminarMaterial) => void;
  emptyText: string;
}) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="text-std-16N-170">{emptyText}</p>;
  return (
    <ul className="flex flex-col gap-2">
      {items.map((m) => (
        <li key={m.id} className="flex flex-wrap items-center gap-3">
          <a href={m.url} className="text-std-16N-170" {...(m.kind === 'link' ? { rel: 'noreferrer' } : {})}>
            {m.title}
          </a>
          <span className="text-dns-14N-130 text-solid-gray-700">
            {m.kind === 'file' ? t('seminars.materials.kindFile') : t('seminars.materials.kindLink')}
          </span>
          {canEdit && (
            <ConfirmButton
              size="xs"
              label={t('common.delete')}
              question={t('seminars.materials.deleteQuestion', { name: m.title })}
              confirmLabel={t('common.delete')}
              onConfirm={() => onDelete(m)}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Handouts and slides of the event: links or files, added by the administrator. */
export function MaterialsPanel({ event }: { event: SeminarEventDetail }) {
  const canEdit = event.can.edit;
  const { t } = useI18n();
  const remove = useDeleteMaterial();
  return (
    <Section title={t('seminars.materials.title')}>
      <MaterialList
        items={event.materials}
        canEdit={canEdit}
        onDelete={(m) => remove.mutate(m)}
        emptyText={t('seminars.materials.none')}
      />
      {canEdit && (
        <Section title={t('seminars.materials.add')} level={3} boxed>
          <AddMaterialForm event={event} purpose="material" />
        </Section>
      )}
    </Section>
  );
}

/** Workshop notes (text) and outputs (links or files) attached to the event. */
export function WorkshopPanel({ event }: { event: SeminarEventDetail }) {
  const canEdit = event.can.edit;
  const { t, pick } = useI18n();
  const invalidate = useInvalidateSeminars();
  const errors = useVersionedForm(`seminar-workshop-${event.id}`);
  const [notes, setNotes] = useState(event.workshopNotes);
  const [isSaved, setIsSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      seminarsCalls.updateEvent(event.id, { version: event.version, workshopNotes: notes.trim() }),
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
  const remove = useDeleteMaterial();
  const outputs = event.workshopOutputs;
  const notesError = errors.fieldError(['workshopNotes']);
  return (
    <Section title={t('seminars.workshop.title')} description={t('seminars.workshop.description')}>
      {canEdit ? (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!save.isPending) save.mutate();
          }}
        >
          <ErrorSummary errors={errors} />
          {isSaved && (
            <p role="status" className="text-std-16N-170 text-success-2">
              {t('seminars.workshop.saved')}
            </p>
          )}
          <TextArea
            id={errors.id(['workshopNotes'])}
            label={t('seminars.workshop.notes')}
            value={notes}
            onChange={(e) => {
              setNotes(e.target.value);
              setIsSaved(false);
            }}
            error={notesError ? pick(notesError) : undefined}
            rows={6}
            maxLength={20000}
          />
          <div>
            <Button type="submit" variant="secondary" isBusy={save.isPending}>
              {t('seminars.workshop.save')}
            </Button>
          </div>
        </form>
      ) : event.workshopNotes ? (
        <p className="whitespace-pre-wrap text-std-16N-170">{event.workshopNotes}</p>
      ) : (
        <p className="text-std-16N-170">{t('seminars.workshop.none')}</p>
      )}
      <h3 className="text-std-20B-150">{t('seminars.workshop.outputs')}</h3>
      <MaterialList
        items={outputs}
        canEdit={canEdit}
        onDelete={(m) => remove.mutate(m)}
        emptyText={t('seminars.workshop.noOutputs')}
      />
      {canEdit && (
        <Section title={t('seminars.workshop.addOutput')} level={3} boxed>
          <AddMaterialForm event={event} purpose="workshop" />
        </Section>
      )}
    </Section>
  );
}
