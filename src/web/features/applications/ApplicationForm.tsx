import { useMutation, useQueries } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import {
  type Application,
  type ApplicationCreate,
  type ApplicationPatch,
  applicationCreateSchema,
  applicationPatchSchema,
  type Call,
} from '../../../shared/schemas/applications';
import type { CatalogItem, MenuDetail } from '../../../shared/schemas/menus';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { FormErrors } from '../../components/forms/FormErrors';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { Select } from '../../components/Select';
import { FieldError, FieldHint, TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { formatThousandYen } from '../../lib/format';
import { apiClient } from '../../api/typed-client';
import { menusKey, useCatalog } from '../menus/api';
import { applicationsCalls, useInvalidateApplications, usePrefill } from './api';
import { addChoice, moveChoice, removeChoice, withNote } from './helpers';

/** The advisors of the chosen menus, read from each menu's detail (shared cache with the menu pages). */
function useAdvisorsOf(menuIds: string[]) {
  return useQueries({
    queries: menuIds.map((id) => ({
      queryKey: [...menusKey, 'catalog', 'detail', id],
      queryFn: (): Promise<MenuDetail> =>
        apiClient.get('/api/menus/catalog/{id}', { params: { path: { id } } }),
    })),
  });
}

/**
 * The application form: ranked menu choices (reordered with buttons, so keyboards and screen
 * readers can do it), the challenge prefilled from the town's survey, desired months, contact and an
 * optional advisor. A new draft when `application` is absent; `municipalityId` drafts as proxy.
 */
export function ApplicationForm({
  call,
  application,
  municipalityId,
  municipalityName,
  onSaved,
}: {
  call: Call;
  application?: Application;
  municipalityId?: string;
  municipalityName?: string;
  onSaved: (saved: Application) => void;
}) {
  const { t, locale } = useI18n();
  const invalidate = useInvalidateApplications();
  const form = useVersionedForm<object, Application>('application');
  const catalog = useCatalog({ fiscalYearId: call.fiscalYearId });
  const prefill = usePrefill(call.id, municipalityId, !application);
  const [menuIds, setMenuIds] = useState<string[]>(application?.choices.map((c) => c.menuId) ?? []);
  const [toAdd, setToAdd] = useState('');
  const [challenge, setChallenge] = useState(application?.challenge ?? '');
  const [isChallengeTouched, setIsChallengeTouched] = useState(!!application);
  const [startMonth, setStartMonth] = useState(application?.desiredStartMonth ?? '');
  const [endMonth, setEndMonth] = useState(application?.desiredEndMonth ?? '');
  const [contactName, setContactName] = useState(application?.contactName ?? '');
  const [contactEmail, setContactEmail] = useState(application?.contactEmail ?? '');
  const [contactPhone, setContactPhone] = useState(application?.contactPhone ?? '');
  const [advisorId, setAdvisorId] = useState(application?.preferredAdvisorUserId ?? '');
  const [version, setVersion] = useState(application?.version ?? 0);
  const choicesId = useId();
  const listRef = useRef<HTMLOListElement>(null);

  // The survey's text fills the field once, unless the user has already typed.
  useEffect(() => {
    if (!isChallengeTouched && prefill.data) setChallenge(prefill.data.challenge);
  }, [prefill.data, isChallengeTouched]);

  const menus = new Map<string, CatalogItem>((catalog.data ?? []).map((m) => [m.id, m]));
  const advisorQueries = useAdvisorsOf(menuIds);
  const advisors = advisorQueries.flatMap((q, i) =>
    (q.data?.advisors ?? []).map((a) => ({
      userId: a.userId,
      name: a.displayName,
      menu: menus.get(menuIds[i] ?? '')?.title ?? '',
    })),
  );
  const uniqueAdvisors = advisors.filter((a, i) => advisors.findIndex((b) => b.userId === a.userId) === i);

  const save = useMutation({
    mutationFn: (body: ApplicationCreate | ApplicationPatch) =>
      application
        ? applicationsCalls.updateApplication(application.id, body as ApplicationPatch)
        : applicationsCalls.createApplication(call.id, body as ApplicationCreate),
    onSuccess: async (saved) => {
      form.clear();
      form.resolveConflict();
      setVersion(saved.version);
      await invalidate();
      onSaved(saved);
    },
    onError: form.onError,
  });

  const reload = () => {
    const current = form.conflict?.current;
    if (current) {
      setMenuIds(current.choices.map((c) => c.menuId));
      setChallenge(current.challenge);
      setStartMonth(current.desiredStartMonth ?? '');
      setEndMonth(current.desiredEndMonth ?? '');
      setContactName(current.contactName);
      setContactEmail(current.contactEmail);
      setContactPhone(current.contactPhone);
      setAdvisorId(current.preferredAdvisorUserId ?? '');
      setVersion(current.version);
    }
    form.resolveConflict();
    void invalidate();
  };

  /** Moves a choice and keeps keyboard focus on the same menu's button in its new place. */
  function move(index: number, delta: -1 | 1) {
    const next = moveChoice(menuIds, index, delta);
    setMenuIds(next);
    const movedId = menuIds[index];
    requestAnimationFrame(() => {
      const target = listRef.current?.querySelector<HTMLButtonElement>(
        `[data-menu="${movedId}"][data-move="${delta < 0 ? 'up' : 'down'}"]`,
      );
      const fallback = listRef.current?.querySelector<HTMLButtonElement>(
        `[data-menu="${movedId}"][data-move]`,
      );
      (target && target.getAttribute('aria-disabled') !== 'true' ? target : fallback)?.focus();
    });
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const fields = {
      menuIds,
      challenge,
      desiredStartMonth: startMonth.trim() === '' ? null : startMonth.trim(),
      desiredEndMonth: endMonth.trim() === '' ? null : endMonth.trim(),
      contactName,
      contactEmail: contactEmail.trim(),
      contactPhone: contactPhone.trim(),
      preferredAdvisorUserId: advisorId === '' ? null : advisorId,
    };
    const tooMany =
      menuIds.length > call.maxChoices
        ? [
            {
              path: ['menuIds'],
              code: 'too_big',
              ja: `支援メニューは${call.maxChoices}件まで選べます。`,
              en: `Choose at most ${call.maxChoices} menus.`,
            },
          ]
        : [];
    if (application) {
      const body = { version, ...fields };
      if (!form.check(applicationPatchSchema, body, tooMany)) return;
      save.mutate(body);
    } else {
      const body = { ...(municipalityId ? { municipalityId } : {}), ...fields };
      if (!form.check(applicationCreateSchema, body, tooMany)) return;
      save.mutate(body);
    }
  }

  const choicesError = form.fields.find((f) => f.path[0] === 'menuIds');
  const choicesErrorText = choicesError ? (locale === 'ja' ? choicesError.ja : choicesError.en) : undefined;
  const available = (catalog.data ?? []).filter((m) => !menuIds.includes(m.id));

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      {municipalityId && municipalityName && (
        <Alert tone="info">{t('applications.form.proxyNote', { name: municipalityName })}</Alert>
      )}
      <FormErrors form={form} onReload={reload} />
      <fieldset
        id={form.id(['menuIds'])}
        tabIndex={-1}
        aria-describedby={`${choicesId}-hint${choicesErrorText ? ` ${choicesId}-error` : ''}`}
        className="flex flex-col gap-3"
      >
        <legend className="mb-2 text-std-16B-170 text-solid-gray-800">
          {t('applications.form.choices')}
        </legend>
        <FieldHint id={`${choicesId}-hint`}>
          {t('applications.form.choicesHint', { max: call.maxChoices })}
        </FieldHint>
        {menuIds.length === 0 ? (
          <p className="text-std-16N-170 text-solid-gray-700">{t('applications.form.choicesEmpty')}</p>
        ) : (
          <ol ref={listRef} aria-label={t('applications.form.choicesList')} className="flex flex-col gap-2">
            {menuIds.map((menuId, index) => {
              const menu = menus.get(menuId);
              const title = menu?.title ?? menuId;
              return (
                <li
                  key={menuId}
                  id={form.id(['menuIds', index])}
                  tabIndex={-1}
                  className="flex flex-wrap items-center gap-3 rounded-8 border border-solid-gray-420 bg-white p-3"
                >
                  <span className="min-w-24 text-std-16B-170">
                    {t('applications.common.rankValue', { rank: index + 1 })}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block text-std-16N-170">{title}</span>
                    {menu && (
                      <span className="block text-dns-14N-130 text-solid-gray-700">
                        {t('applications.form.costValue', {
                          cost: formatThousandYen(menu.unitCostThousandYen, locale),
                          company: menu.organizationName,
                        })}
                      </span>
                    )}
                  </span>
                  <span className="flex flex-wrap gap-2">
                    <Button
                      size="xs"
                      variant="secondary"
                      data-menu={menuId}
                      data-move="up"
                      aria-label={t('applications.form.moveUpLabel', { title })}
                      aria-disabled={index === 0 || undefined}
                      onClick={() => move(index, -1)}
                    >
                      {t('applications.form.moveUp')}
                    </Button>
                    <Button
                      size="xs"
                      variant="secondary"
                      data-menu={menuId}
                      data-move="down"
                      aria-label={t('applications.form.moveDownLabel', { title })}
                      aria-disabled={index === menuIds.length - 1 || undefined}
                      onClick={() => move(index, 1)}
                    >
                      {t('applications.form.moveDown')}
                    </Button>
                    <Button
                      size="xs"
                      variant="tertiary"
                      aria-label={t('applications.form.removeLabel', { title })}
                      onClick={() => {
                        setMenuIds(removeChoice(menuIds, index));
                        form.keepFields((f) => f.path[0] !== 'menuIds');
                      }}
                    >
                      {t('applications.form.remove')}
                    </Button>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        {menuIds.length < call.maxChoices && (
          <div className="flex flex-wrap items-end gap-3">
            <Select
              label={t('applications.form.addMenu')}
              value={toAdd}
              onChange={(e) => setToAdd(e.target.value)}
              className="min-w-72 flex-1"
            >
              <option value="">{t('common.choose')}</option>
              {available.map((m) => (
                <option key={m.id} value={m.id}>
                  {withNote(
                    m.title,
                    `${m.organizationName}${locale === 'ja' ? '・' : ', '}${formatThousandYen(m.unitCostThousandYen, locale)}`,
                    locale,
                  )}
                </option>
              ))}
            </Select>
            <Button
              variant="secondary"
              onClick={() => {
                setMenuIds(addChoice(menuIds, toAdd, call.maxChoices));
                setToAdd('');
                form.keepFields((f) => f.path[0] !== 'menuIds');
              }}
            >
              {t('applications.form.addButton')}
            </Button>
          </div>
        )}
        {choicesErrorText && <FieldError id={`${choicesId}-error`}>{choicesErrorText}</FieldError>}
      </fieldset>
      <div className="flex flex-col gap-2">
        <TextArea
          id={form.id(['challenge'])}
          label={t('applications.form.challenge')}
          hint={t('applications.form.challengeHint')}
          required
          rows={6}
          value={challenge}
          onChange={(e) => {
            setIsChallengeTouched(true);
            setChallenge(e.target.value);
          }}
          error={form.fieldMessage('challenge')}
        />
        {!application && prefill.data && (
          <p className="text-dns-16N-130 text-solid-gray-700">
            {prefill.data.source
              ? t('applications.form.prefillSource', { source: prefill.data.source })
              : t('applications.form.prefillNone')}
          </p>
        )}
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <TextField
          id={form.id(['desiredStartMonth'])}
          type="month"
          label={t('applications.form.desiredStart')}
          hint={t('applications.form.monthHint', { example: `${call.fiscalYear}-06` })}
          isOptional
          value={startMonth}
          onChange={(e) => setStartMonth(e.target.value)}
          error={form.fieldMessage('desiredStartMonth')}
          inputClassName="max-w-56"
        />
        <TextField
          id={form.id(['desiredEndMonth'])}
          type="month"
          label={t('applications.form.desiredEnd')}
          hint={t('applications.form.monthHint', { example: `${call.fiscalYear}-06` })}
          isOptional
          value={endMonth}
          onChange={(e) => setEndMonth(e.target.value)}
          error={form.fieldMessage('desiredEndMonth')}
          inputClassName="max-w-56"
        />
      </div>
      <div className="grid gap-6 md:grid-cols-3">
        <TextField
          id={form.id(['contactName'])}
          label={t('applications.form.contactName')}
          required
          autoComplete="name"
          value={contactName}
          onChange={(e) => setContactName(e.target.value)}
          error={form.fieldMessage('contactName')}
        />
        <TextField
          id={form.id(['contactEmail'])}
          type="email"
          label={t('applications.form.contactEmail')}
          required
          autoComplete="email"
          value={contactEmail}
          onChange={(e) => setContactEmail(e.target.value)}
          error={form.fieldMessage('contactEmail')}
        />
        <TextField
          id={form.id(['contactPhone'])}
          type="tel"
          label={t('applications.form.contactPhone')}
          isOptional
          autoComplete="tel"
          value={contactPhone}
          onChange={(e) => setContactPhone(e.target.value)}
          error={form.fieldMessage('contactPhone')}
        />
      </div>
      <Select
        id={form.id(['preferredAdvisorUserId'])}
        label={t('applications.form.advisor')}
        hint={t('applications.form.advisorHint')}
        isOptional
        value={advisorId}
        onChange={(e) => setAdvisorId(e.target.value)}
        error={form.fieldMessage('preferredAdvisorUserId')}
        className="max-w-xl"
      >
        <option value="">{t('applications.form.advisorNone')}</option>
        {/* A named advisor whose menu was removed stays visible so the choice is not lost silently. */}
        {advisorId !== '' && !uniqueAdvisors.some((a) => a.userId === advisorId) && (
          <option value={advisorId}>{application?.preferredAdvisorName ?? advisorId}</option>
        )}
        {uniqueAdvisors.map((a) => (
          <option key={a.userId} value={a.userId}>
            {t('applications.form.advisorOption', { name: a.name, menu: a.menu })}
          </option>
        ))}
      </Select>
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('applications.form.saveDraft')}
        </Button>
      </div>
    </form>
  );
}
