import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import {
  type MenuFormat,
  menuFormats,
  type Proposal,
  proposalCreateSchema,
  proposalPatchSchema,
} from '../../../shared/schemas/menus';
import { Button } from '../../components/Button';
import { Checkbox, CheckboxGroup } from '../../components/Checkbox';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Select } from '../../components/Select';
import { TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { useRegions } from '../municipalities/api';
import { menusCalls, useAdvisors, useInvalidateMenus } from './api';
import { menuFormatLabels } from './labels';

/** '' → NaN so the schema says "required" instead of silently sending 0. */
function toInt(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? list : [...list, value]) : list.filter((v) => v !== value);
}

type CreateBody = Parameters<typeof menusCalls.createProposal>[0];
type UpdateBody = Parameters<typeof menusCalls.updateProposal>[1];

/** The proposal form of a company: a new draft (no `proposal`) or the edit of a draft / returned one. */
export function ProposalForm({
  fiscalYearId,
  proposal,
  onSaved,
}: {
  fiscalYearId: string;
  proposal?: Proposal;
  onSaved: (saved: Proposal) => void;
}) {
  const { t, pick, locale } = useI18n();
  const invalidate = useInvalidateMenus();
  const regions = useRegions();
  const advisors = useAdvisors();
  const errors = useVersionedForm('proposal');
  const [title, setTitle] = useState(proposal?.title ?? '');
  const [areas, setAreas] = useState<ChallengeArea[]>(proposal?.challengeAreas ?? []);
  const [description, setDescription] = useState(proposal?.description ?? '');
  const [deliverables, setDeliverables] = useState(proposal?.deliverables ?? '');
  const [format, setFormat] = useState<MenuFormat>(proposal?.format ?? 'onsite');
  const [capacity, setCapacity] = useState(String(proposal?.capacity ?? ''));
  const [cost, setCost] = useState(String(proposal?.unitCostThousandYen ?? ''));
  const [hours, setHours] = useState(String(proposal?.plannedHours ?? '0'));
  const [days, setDays] = useState(String(proposal?.onsiteDays ?? '0'));
  const [regionIds, setRegionIds] = useState<string[]>(proposal?.regions.map((r) => r.id) ?? []);
  const [advisorIds, setAdvisorIds] = useState<string[]>(proposal?.advisors.map((a) => a.userId) ?? []);

  const save = useMutation({
    mutationFn: (body: CreateBody | UpdateBody) =>
      // The body was built for the branch taken (a version when editing, the year when creating).
      proposal
        ? menusCalls.updateProposal(proposal.id, body as UpdateBody)
        : menusCalls.createProposal(body as CreateBody),
    onSuccess: async (saved) => {
      errors.clear();
      await invalidate();
      onSaved(saved);
    },
    onError: errors.showError,
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const fields = {
      title,
      challengeAreas: areas,
      description,
      deliverables,
      format,
      capacity: toInt(capacity),
      unitCostThousandYen: toInt(cost),
      plannedHours: toInt(hours),
      onsiteDays: toInt(days),
      regionIds,
      advisorUserIds: advisorIds,
    };
    const body = proposal ? { version: proposal.version, ...fields } : { fiscalYearId, ...fields };
    if (!errors.check(proposal ? proposalPatchSchema : proposalCreateSchema, body)) return;
    save.mutate(body);
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      <ErrorSummary errors={errors} />
      <TextField
        id={errors.id(['title'])}
        label={t('menus.field.title')}
        required
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errors.fieldMessage('title')}
      />
      <CheckboxGroup
        id={errors.id(['challengeAreas'])}
        legend={t('menus.field.challengeAreas')}
        hint={t('menus.field.challengeAreasHint')}
        error={errors.fieldMessage('challengeAreas')}
      >
        <div className="grid gap-1 sm:grid-cols-2">
          {challengeAreas.map((area) => (
            <Checkbox
              key={area}
              label={challengeAreaLabels[area][locale]}
              checked={areas.includes(area)}
              onChange={(e) => setAreas((l) => toggle(l, area, e.target.checked))}
            />
          ))}
        </div>
      </CheckboxGroup>
      <TextArea
        id={errors.id(['description'])}
        label={t('menus.field.description')}
        rows={5}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.fieldMessage('description')}
      />
      <TextArea
        id={errors.id(['deliverables'])}
        label={t('menus.field.deliverables')}
        hint={t('menus.field.deliverablesHint')}
        rows={4}
        value={deliverables}
        onChange={(e) => setDeliverables(e.target.value)}
        error={errors.fieldMessage('deliverables')}
      />
      <div className="grid gap-6 md:grid-cols-3">
        <Select
          id={errors.id(['format'])}
          label={t('menus.field.format')}
          value={format}
          onChange={(e) => setFormat(e.target.value as MenuFormat)}
        >
          {menuFormats.map((f) => (
            <option key={f} value={f}>
              {pick(menuFormatLabels[f])}
            </option>
          ))}
        </Select>
        <TextField
          id={errors.id(['capacity'])}
          label={t('menus.field.capacity')}
          hint={t('menus.field.capacityHint')}
          inputMode="numeric"
          required
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          error={errors.fieldMessage('capacity')}
          inputClassName="max-w-40"
        />
        <TextField
          id={errors.id(['unitCostThousandYen'])}
          label={t('menus.field.unitCost')}
          hint={t('menus.field.unitCostHint')}
          inputMode="numeric"
          required
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          error={errors.fieldMessage('unitCostThousandYen')}
          inputClassName="max-w-40"
        />
        <TextField
          id={errors.id(['plannedHours'])}
          label={t('menus.field.plannedHours')}
          inputMode="numeric"
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          error={errors.fieldMessage('plannedHours')}
          inputClassName="max-w-40"
        />
        <TextField
          id={errors.id(['onsiteDays'])}
          label={t('menus.field.onsiteDays')}
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={errors.fieldMessage('onsiteDays')}
          inputClassName="max-w-40"
        />
      </div>
      <CheckboxGroup
        id={errors.id(['regionIds'])}
        legend={t('menus.field.regions')}
        hint={t('menus.field.regionsHint')}
        error={errors.fieldMessage('regionIds')}
      >
        <div className="grid gap-1 sm:grid-cols-3">
          {(regions.data ?? []).map((region) => (
            <Checkbox
              key={region.id}
              label={locale === 'ja' ? region.name : region.nameEn}
              checked={regionIds.includes(region.id)}
              onChange={(e) => setRegionIds((l) => toggle(l, region.id, e.target.checked))}
            />
          ))}
        </div>
      </CheckboxGroup>
      <CheckboxGroup
        id={errors.id(['advisorUserIds'])}
        legend={t('menus.field.advisors')}
        hint={t('menus.field.advisorsHint')}
        error={errors.fieldMessage('advisorUserIds')}
      >
        {(advisors.data ?? []).map((a) => (
          <Checkbox
            key={a.userId}
            label={a.displayName}
            hint={
              a.skills.length + a.qualifications.length > 0
                ? [...a.skills, ...a.qualifications].join(locale === 'ja' ? '、' : ', ')
                : t('menus.advisor.noProfile')
            }
            checked={advisorIds.includes(a.userId)}
            onChange={(e) => setAdvisorIds((l) => toggle(l, a.userId, e.target.checked))}
          />
        ))}
      </CheckboxGroup>
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('menus.saveDraft')}
        </Button>
      </div>
    </form>
  );
}
