import { Fragment, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type Role, roles as allRoles, rolesAllowedFor } from '../../../shared/roles';
import {
  invitationCreateSchema,
  type Organization,
  roleLabels,
  type UserStatus,
  type UserSummary,
  userPatchSchema,
  userStatuses,
  userStatusLabels,
} from '../../../shared/schemas/accounts';
import { isApiError } from '../../api/client';
import { useCurrentUser } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Checkbox, CheckboxGroup } from '../../components/Checkbox';
import { EmptyState } from '../../components/EmptyState';
import { FilterPanel, FilterSelect } from '../../components/FilterPanel';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { formatDateTime } from '../../lib/format';
import { ConflictNotice } from '../../components/forms/ConflictNotice';
import {
  type UserAction,
  useInviteUser,
  useOrganizations,
  useRefreshUsers,
  useUpdateUser,
  useUserAction,
  useUsers,
} from './api';

const statusTones: Record<UserStatus, BadgeTone> = {
  active: 'success',
  inactive: 'neutral',
  invited: 'info',
  locked: 'error',
};
const filterKeys = ['organizationId', 'role', 'status', 'q'] as const;
type Filters = Partial<Record<(typeof filterKeys)[number], string>>;

function readFilters(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

function orgName(org: { name: string; nameEn: string }, locale: 'ja' | 'en') {
  return locale === 'ja' ? org.name : org.nameEn;
}

function RoleCheckboxes({
  allowed,
  selected,
  onChange,
  errorText,
  id,
}: {
  allowed: readonly Role[];
  selected: Role[];
  onChange: (roles: Role[]) => void;
  errorText?: string;
  id: string;
}) {
  const { t, pick } = useI18n();
  return (
    <CheckboxGroup
      id={id}
      legend={t('admin.users.roles')}
      hint={t('admin.users.rolesHint')}
      error={errorText}
    >
      {allowed.map((role) => (
        <Checkbox
          key={role}
          label={pick(roleLabels[role])}
          checked={selected.includes(role)}
          onChange={(e) =>
            onChange(e.target.checked ? [...selected, role] : selected.filter((r) => r !== role))
          }
        />
      ))}
    </CheckboxGroup>
  );
}

function UserEditor({ user, isSelf, onClose }: { user: UserSummary; isSelf: boolean; onClose: () => void }) {
  const { t, pick, locale } = useI18n();
  const errors = useVersionedForm(`user-${user.id}`);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [isActive, setIsActive] = useState(user.isActive);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = useRefreshUsers();
  const save = useUpdateUser(user.id);
  const userAction = useUserAction(user.id);
  const action = {
    ...userAction,
    mutate: (kind: UserAction) =>
      userAction.mutate(kind, {
        onSuccess: () =>
          setNotice(
            t(
              kind === 'unlock'
                ? 'admin.users.unlocked'
                : kind === 'invitation'
                  ? 'admin.users.invitationResent'
                  : 'admin.users.mfaResetDone',
            ),
          ),
      }),
  };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const body = { version: user.version, displayName: displayName.trim(), roles, isActive };
    if (!errors.check(userPatchSchema, body)) return;
    save.mutate(body, { onSuccess: onClose, onError: errors.onError });
  }

  const nameError = errors.fieldError(['displayName']);
  const rolesError = errors.fieldError(['roles']);
  return (
    <div className="flex flex-col gap-6 border-l-4 border-blue-900 bg-blue-50 p-5">
      <h3 className="text-std-20B-150" id={`user-${user.id}-editor`}>
        {t('admin.users.editTitle', { name: user.displayName })}
      </h3>
      {errors.conflict && <ConflictNotice onReload={() => refresh()} />}
      {notice && (
        <Alert tone="success" isLive>
          {notice}
        </Alert>
      )}
      {action.isError && (
        <Alert tone="error" isLive>
          {isApiError(action.error) ? pick(action.error.localized) : t('state.unknownError')}
        </Alert>
      )}
      <form noValidate onSubmit={submit} className="flex flex-col gap-6">
        <ErrorSummary errors={errors} />
        <div className="grid gap-6 md:grid-cols-2">
          <TextField
            id={errors.id(['displayName'])}
            label={t('admin.users.displayName')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            error={nameError ? pick(nameError) : undefined}
            maxLength={100}
          />
          <div className="flex flex-col gap-2">
            <p className="text-std-16B-170">{t('admin.users.organization')}</p>
            <p className="text-std-16N-170">{orgName(user.organization, locale)}</p>
          </div>
        </div>
        <RoleCheckboxes
          id={errors.id(['roles'])}
          allowed={rolesAllowedFor[user.organization.kind]}
          selected={roles}
          onChange={setRoles}
          errorText={rolesError ? pick(rolesError) : undefined}
        />
        <Checkbox
          label={t('admin.users.isActive')}
          hint={isSelf ? t('admin.users.cannotDeactivateSelf') : t('admin.users.isActiveHint')}
          checked={isActive}
          disabled={isSelf}
          onChange={(e) => setIsActive(e.target.checked)}
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
      {(user.status === 'locked' || user.status === 'invited' || (user.totpEnabled && !isSelf)) && (
        <div className="flex flex-wrap gap-3 border-t border-blue-200 pt-4">
          {user.status === 'locked' && (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => action.mutate('unlock')}
              isBusy={action.isPending && action.variables === 'unlock'}
            >
              {t('admin.users.unlock')}
            </Button>
          )}
          {user.status === 'invited' && (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => action.mutate('invitation')}
              isBusy={action.isPending && action.variables === 'invitation'}
            >
              {t('admin.users.resendInvitation')}
            </Button>
          )}
          {user.totpEnabled && !isSelf && (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => action.mutate('mfa-reset')}
              isBusy={action.isPending && action.variables === 'mfa-reset'}
            >
              {t('admin.users.resetMfa')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function InviteForm({ organizations }: { organizations: Organization[] }) {
  const { t, locale } = useI18n();
  const errors = useVersionedForm('invite');
  const activeOrganizations = organizations.filter((o) => o.isActive);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const organization = activeOrganizations.find((o) => o.id === organizationId);
  const allowed = organization ? rolesAllowedFor[organization.kind] : [];
  const invite = useInviteUser();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (invite.isPending) return;
    invite.reset();
    const body = { email, displayName: displayName.trim(), organizationId, roles };
    if (!errors.check(invitationCreateSchema, body)) return;
    invite.mutate(body, {
      onSuccess: () => {
        errors.clear();
        setEmail('');
        setDisplayName('');
        setRoles([]);
      },
      onError: errors.showError,
    });
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      {invite.isSuccess && (
        <Alert tone="success" isLive title={t('admin.users.invited')}>
          <p>
            {t('admin.users.invitedBody', {
              email: invite.data.user.email,
              date: formatDateTime(invite.data.expiresAt, locale),
            })}
          </p>
          <p className="mt-2">
            <Link to="/admin/outbox">{t('admin.users.seeOutbox')}</Link>
          </p>
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      <div className="grid gap-6 md:grid-cols-2">
        <TextField
          id={errors.id(['email'])}
          label={t('auth.login.email')}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fieldMessage('email')}
        />
        <TextField
          id={errors.id(['displayName'])}
          label={t('admin.users.displayName')}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={errors.fieldMessage('displayName')}
          maxLength={100}
        />
        <Select
          id={errors.id(['organizationId'])}
          label={t('admin.users.organization')}
          required
          value={organizationId}
          onChange={(e) => {
            setOrganizationId(e.target.value);
            const next = activeOrganizations.find((o) => o.id === e.target.value);
            setRoles((current) => current.filter((r) => next && rolesAllowedFor[next.kind].includes(r)));
          }}
          error={errors.fieldMessage('organizationId')}
        >
          <option value="">{t('common.choose')}</option>
          {activeOrganizations.map((o) => (
            <option key={o.id} value={o.id}>
              {orgName(o, locale)}
            </option>
          ))}
        </Select>
      </div>
      {organization ? (
        <RoleCheckboxes
          id={errors.id(['roles'])}
          allowed={allowed}
          selected={roles}
          onChange={setRoles}
          errorText={errors.fieldMessage('roles')}
        />
      ) : (
        <p id={errors.id(['roles'])} tabIndex={-1} className="text-std-16N-170 text-solid-gray-700">
          {errors.fieldMessage('roles') ?? t('admin.users.chooseOrganizationFirst')}
        </p>
      )}
      <div>
        <Button type="submit" isBusy={invite.isPending}>
          {t('admin.users.invite')}
        </Button>
      </div>
    </form>
  );
}

export default function UsersPage() {
  const { t, locale, pick } = useI18n();
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const applied = readFilters(searchParams);
  const [draft, setDraft] = useState<Filters>(applied);
  const [editingId, setEditingId] = useState<string | null>(null);
  const users = useUsers(applied);
  const organizations = useOrganizations();
  const appliedKey = searchParams.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sync only when the URL changes.
  useEffect(() => setDraft(readFilters(searchParams)), [appliedKey]);

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const key of filterKeys) {
      const value = draft[key]?.trim();
      if (value) params.set(key, value);
    }
    setSearchParams(params);
  }

  const count = users.data?.length;
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('admin.users.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('admin.users.title') }]}
        description={t('admin.users.description')}
      />

      <FilterPanel
        label={t('admin.users.filters')}
        onApply={apply}
        onClear={() => {
          setDraft({});
          setSearchParams(new URLSearchParams());
        }}
      >
        <FilterSelect
          label={t('admin.users.organization')}
          value={draft.organizationId ?? ''}
          onChange={(value) => setDraft({ ...draft, organizationId: value })}
          options={(organizations.data ?? []).map((o) => ({ value: o.id, label: orgName(o, locale) }))}
        />
        <FilterSelect
          label={t('admin.users.role')}
          value={draft.role ?? ''}
          onChange={(value) => setDraft({ ...draft, role: value })}
          options={allRoles.map((role) => ({ value: role, label: pick(roleLabels[role]) }))}
        />
        <FilterSelect
          label={t('admin.users.status')}
          value={draft.status ?? ''}
          onChange={(value) => setDraft({ ...draft, status: value })}
          options={userStatuses.map((s) => ({ value: s, label: pick(userStatusLabels[s]) }))}
        />
        <TextField
          label={t('admin.users.search')}
          type="search"
          value={draft.q ?? ''}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          maxLength={100}
        />
      </FilterPanel>

      <div className="flex flex-col gap-4">
        <p role="status" aria-live="polite" className="text-std-18B-160">
          {count === undefined ? '' : t('admin.users.count', { count })}
        </p>
        <QueryState query={users}>
          {(items) =>
            items.length === 0 ? (
              <EmptyState title={t('admin.users.empty')}>{t('municipalities.emptyBody')}</EmptyState>
            ) : (
              <Table caption={t('admin.users.tableCaption')} captionHidden>
                <THead>
                  <tr>
                    <Th>{t('admin.users.displayName')}</Th>
                    <Th>{t('admin.users.organization')}</Th>
                    <Th>{t('admin.users.roles')}</Th>
                    <Th>{t('admin.users.status')}</Th>
                    <Th>{t('admin.users.lastLogin')}</Th>
                    <Th>
                      <span className="sr-only">{t('common.actions')}</span>
                    </Th>
                  </tr>
                </THead>
                <TBody>
                  {items.map((user) => {
                    const isEditing = editingId === user.id;
                    return (
                      <Fragment key={user.id}>
                        <Tr>
                          <Td>
                            <span className="flex flex-col">
                              <span className="text-dns-16B-130">{user.displayName}</span>
                              <span className="text-dns-14N-130 break-all text-solid-gray-700">
                                {user.email}
                              </span>
                            </span>
                          </Td>
                          <Td>{orgName(user.organization, locale)}</Td>
                          <Td>
                            <span className="flex flex-wrap gap-1">
                              {user.roles.map((role) => (
                                <Badge key={role}>{pick(roleLabels[role])}</Badge>
                              ))}
                            </span>
                          </Td>
                          <Td>
                            <Badge tone={statusTones[user.status]}>
                              {pick(userStatusLabels[user.status])}
                            </Badge>
                          </Td>
                          <Td className="text-dns-14N-130 whitespace-nowrap">
                            {user.lastLoginAt ? (
                              formatDateTime(user.lastLoginAt, locale)
                            ) : (
                              <span className="text-solid-gray-700">{t('admin.users.neverSignedIn')}</span>
                            )}
                          </Td>
                          <Td className="text-right">
                            <Button
                              variant="secondary"
                              size="xs"
                              aria-expanded={isEditing}
                              aria-controls={isEditing ? `user-${user.id}-panel` : undefined}
                              aria-label={t('admin.users.editNamed', { name: user.displayName })}
                              onClick={() => setEditingId(isEditing ? null : user.id)}
                            >
                              {t('common.edit')}
                            </Button>
                          </Td>
                        </Tr>
                        {isEditing && (
                          <tr id={`user-${user.id}-panel`}>
                            <td colSpan={6} className="p-0 pb-4">
                              <UserEditor
                                key={user.version}
                                user={user}
                                isSelf={user.id === me.id}
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

      <Section title={t('admin.users.inviteTitle')} description={t('admin.users.inviteDescription')} boxed>
        <QueryState query={organizations}>{(list) => <InviteForm organizations={list} />}</QueryState>
      </Section>
    </div>
  );
}
