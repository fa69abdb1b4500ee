import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { OrganizationKind } from '../../../shared/roles';
import {
  creatableOrganizationKinds,
  type Organization,
  organizationCreateSchema,
  organizationKindLabels,
  organizationPatchSchema,
} from '../../../shared/schemas/accounts';
import { organizationKinds } from '../../../shared/roles';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { EmptyState } from '../../components/EmptyState';
import { FilterSelect } from '../../components/FilterPanel';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { Alert } from '../../components/Alert';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { formatNumber } from '../../lib/format';
import { FormErrors } from '../../components/forms/FormErrors';
import { organizationsKey, useCreateOrganization, useOrganizations, useUpdateOrganization } from './api';

function OrganizationEditor({ organization, onClose }: { organization: Organization; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useVersionedForm({
    id: `org-${organization.id}`,
    initial: { name: organization.name, nameEn: organization.nameEn, isActive: organization.isActive },
  });
  const { name, nameEn, isActive } = form.values;
  const refresh = () => queryClient.invalidateQueries({ queryKey: organizationsKey });
  const save = useUpdateOrganization(organization.id);
  const isMunicipality = organization.kind === 'municipality';

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const body = { version: organization.version, name: name.trim(), nameEn: nameEn.trim(), isActive };
    if (!form.check(organizationPatchSchema, body)) return;
    save.mutate(body, { onSuccess: onClose, onError: form.onError });
  }
  return (
    <form
      noValidate
      onSubmit={submit}
      className="flex flex-col gap-6 border-l-4 border-blue-900 bg-blue-50 p-5"
    >
      <h3 className="text-std-20B-150">{t('admin.organizations.editTitle', { name: organization.name })}</h3>
      <FormErrors form={form} onReload={() => refresh()} />
      {isMunicipality && <Alert tone="info">{t('admin.organizations.municipalityNote')}</Alert>}
      <div className="grid gap-6 md:grid-cols-2">
        <TextField
          id={form.id(['name'])}
          label={t('admin.organizations.name')}
          required
          value={name}
          onChange={(e) => form.set('name')(e.target.value)}
          error={form.fieldMessage('name')}
          maxLength={200}
        />
        <TextField
          id={form.id(['nameEn'])}
          label={t('admin.organizations.nameEn')}
          required
          value={nameEn}
          onChange={(e) => form.set('nameEn')(e.target.value)}
          error={form.fieldMessage('nameEn')}
          maxLength={200}
          lang="en"
        />
      </div>
      <Checkbox
        label={t('admin.organizations.isActive')}
        hint={t('admin.organizations.isActiveHint')}
        checked={isActive}
        onChange={(e) => form.set('isActive')(e.target.checked)}
      />
      <div className="flex flex-wrap gap-4">
        <Button type="submit" isBusy={save.isPending}>
          {t('common.save')}
        </Button>
        <Button variant="tertiary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function CreateOrganizationForm() {
  const { t, pick } = useI18n();
  const errors = useVersionedForm('org-new');
  const [kind, setKind] = useState<OrganizationKind>('company');
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  const create = useCreateOrganization();
  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    create.reset();
    const body = { kind, name: name.trim(), nameEn: nameEn.trim() };
    if (!errors.check(organizationCreateSchema, body)) return;
    create.mutate(body, {
      onSuccess: () => {
        errors.clear();
        setName('');
        setNameEn('');
      },
      onError: errors.showError,
    });
  }
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      {create.isSuccess && (
        <Alert tone="success" isLive>
          {t('admin.organizations.created', { name: create.data.name })}
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      <div className="grid gap-6 md:grid-cols-3">
        <Select
          id={errors.id(['kind'])}
          label={t('admin.organizations.kind')}
          required
          value={kind}
          onChange={(e) => setKind(e.target.value as OrganizationKind)}
          error={errors.fieldMessage('kind')}
        >
          {creatableOrganizationKinds.map((k) => (
            <option key={k} value={k}>
              {pick(organizationKindLabels[k])}
            </option>
          ))}
        </Select>
        <TextField
          id={errors.id(['name'])}
          label={t('admin.organizations.name')}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fieldMessage('name')}
          maxLength={200}
        />
        <TextField
          id={errors.id(['nameEn'])}
          label={t('admin.organizations.nameEn')}
          required
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
          error={errors.fieldMessage('nameEn')}
          maxLength={200}
          lang="en"
        />
      </div>
      <div>
        <Button type="submit" isBusy={create.isPending}>
          {t('admin.organizations.create')}
        </Button>
      </div>
    </form>
  );
}

export default function OrganizationsPage() {
  const { t, locale, pick } = useI18n();
  const [kind, setKind] = useState('');
  const [editingId, setEditingId] = useState<string | null>(null);
  const organizations = useOrganizations(kind || undefined);
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('admin.organizations.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('admin.organizations.title') }]}
        description={t('admin.organizations.description')}
      />
      <Section
        title={t('admin.organizations.createTitle')}
        description={t('admin.organizations.createDescription')}
        boxed
      >
        <CreateOrganizationForm />
      </Section>
      <div className="flex flex-col gap-4">
        <div className="max-w-xs">
          <FilterSelect
            label={t('admin.organizations.kindFilter')}
            value={kind}
            onChange={(value) => setKind(value)}
            options={organizationKinds.map((k) => ({ value: k, label: pick(organizationKindLabels[k]) }))}
          />
        </div>
        <p role="status" aria-live="polite" className="text-std-18B-160">
          {organizations.data ? t('admin.organizations.count', { count: organizations.data.length }) : ''}
        </p>
        <QueryState query={organizations}>
          {(items) =>
            items.length === 0 ? (
              <EmptyState title={t('admin.organizations.empty')} />
            ) : (
              <Table caption={t('admin.organizations.tableCaption')} captionHidden>
                <THead>
                  <tr>
                    <Th>{t('admin.organizations.name')}</Th>
                    <Th>{t('admin.organizations.kind')}</Th>
                    <Th numeric>{t('admin.organizations.members')}</Th>
                    <Th>{t('admin.users.status')}</Th>
                    <Th>
                      <span className="sr-only">{t('common.actions')}</span>
                    </Th>
                  </tr>
                </THead>
                <TBody>
                  {items.map((o) => {
                    const isEditing = editingId === o.id;
                    return (
                      <Fragment key={o.id}>
                        <Tr>
                          <Td>
                            <span className="flex flex-col">
                              <span className="text-dns-16B-130">{locale === 'ja' ? o.name : o.nameEn}</span>
                              <span
                                className="text-dns-14N-130 text-solid-gray-700"
                                lang={locale === 'ja' ? 'en' : 'ja'}
                              >
                                {locale === 'ja' ? o.nameEn : o.name}
                              </span>
                            </span>
                          </Td>
                          <Td>{pick(organizationKindLabels[o.kind])}</Td>
                          <Td numeric>{formatNumber(o.memberCount, locale)}</Td>
                          <Td>
                            <Badge tone={o.isActive ? 'success' : 'neutral'}>
                              {o.isActive
                                ? t('admin.organizations.active')
                                : t('admin.organizations.inactive')}
                            </Badge>
                          </Td>
                          <Td className="text-right">
                            <Button
                              variant="secondary"
                              size="xs"
                              aria-expanded={isEditing}
                              aria-label={t('admin.organizations.editNamed', {
                                name: locale === 'ja' ? o.name : o.nameEn,
                              })}
                              onClick={() => setEditingId(isEditing ? null : o.id)}
                            >
                              {t('common.edit')}
                            </Button>
                          </Td>
                        </Tr>
                        {isEditing && (
                          <tr>
                            <td colSpan={5} className="p-0 pb-4">
                              <OrganizationEditor
                                key={o.version}
                                organization={o}
                                onClose={() => setEditingId(null)}
                              />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </TBody>
              </Table>
            )
          }
        </QueryState>
      </div>
    </div>
  );
}
