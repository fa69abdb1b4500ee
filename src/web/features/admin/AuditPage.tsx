import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/Button';
import { FilterPanel, FilterSelect } from '../../components/FilterPanel';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAuditEntries, useUsers } from './api';

const filterKeys = ['entityType', 'entityId', 'actorUserId', 'action'] as const;
type Filters = Partial<Record<(typeof filterKeys)[number], string>>;

function readFilters(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-solid-gray-700">—</span>;
  return (
    <pre className="rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-3 font-mono text-dns-14N-130 whitespace-pre-wrap break-all">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Who did what to which record, in sentences, newest first; the codes and the record before and after behind a toggle. */
export default function AuditPage() {
  const { t, locale } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const applied = readFilters(searchParams);
  const [draft, setDraft] = useState<Filters>(applied);
  const appliedKey = searchParams.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sync only when the URL changes.
  useEffect(() => setDraft(readFilters(searchParams)), [appliedKey]);

  const users = useUsers();
  const entries = useAuditEntries(applied);

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const key of filterKeys) {
      const value = draft[key]?.trim();
      if (value) params.set(key, value);
    }
    setSearchParams(params);
  }

  const shown = entries.data?.pages.reduce((sum, page) => sum + page.items.length, 0);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('admin.audit.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('admin.audit.title') }]}
        description={t('admin.audit.description')}
      />
      <FilterPanel
        label={t('admin.audit.filters')}
        onApply={apply}
        onClear={() => {
          setDraft({});
          setSearchParams(new URLSearchParams());
        }}
      >
        <FilterSelect
          label={t('admin.audit.actor')}
          value={draft.actorUserId ?? ''}
          onChange={(value) => setDraft({ ...draft, actorUserId: value })}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
        />
        <TextField
          label={t('admin.audit.actionExample')}
          value={draft.action ?? ''}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          maxLength={100}
        />
        <TextField
          label={t('admin.audit.entityTypeExample')}
          value={draft.entityType ?? ''}
          onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}
          maxLength={100}
        />
        <TextField
          label={t('admin.audit.entityId')}
          value={draft.entityId ?? ''}
          onChange={(e) => setDraft({ ...draft, entityId: e.target.value })}
          maxLength={200}
        />
      </FilterPanel>
      <p role="status" aria-live="polite" className="text-std-18B-160">
        {shown === undefined ? '' : t('admin.audit.count', { count: shown })}
      </p>
      <QueryState query={entries}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (items.length === 0)
            return <EmptyState title={t('admin.audit.empty')}>{t('municipalities.emptyBody')}</EmptyState>;
          return (
            <div className="flex flex-col gap-6">
              <Table caption={t('admin.audit.tableCaption')} captionHidden dense>
                <THead>
                  <tr>
                    <Th>{t('admin.audit.at')}</Th>
                    <Th>{t('admin.audit.what')}</Th>
                    <Th>{t('admin.audit.details')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {items.map((entry) => (
                    <Tr key={entry.id}>
                      <Td className="whitespace-nowrap">{formatDateTime(entry.at, locale)}</Td>
                      <Td>{locale === 'ja' ? entry.sentence.ja : entry.sentence.en}</Td>
                      <Td>
                        {/* The codes stay at hand for filtering and for reading the raw record. */}
                        <details>
                          <summary className="cursor-pointer text-blue-1000 underline underline-offset-[3px]">
                            {t('admin.audit.showChanges')}
                          </summary>
                          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-dns-14N-130">
                            <dt className="text-dns-14B-130">{t('admin.audit.actor')}</dt>
                            <dd>{entry.actorDisplayName ?? t('admin.audit.system')}</dd>
                            <dt className="text-dns-14B-130">{t('admin.audit.action')}</dt>
                            <dd className="font-mono">{entry.action}</dd>
                            <dt className="text-dns-14B-130">{t('admin.audit.entityType')}</dt>
                            <dd className="font-mono">{entry.entityType}</dd>
                            {entry.entityId && (
                              <>
                                <dt className="text-dns-14B-130">{t('admin.audit.entityId')}</dt>
                                <dd className="font-mono break-all">{entry.entityId}</dd>
                              </>
                            )}
                          </dl>
                          {(entry.before !== null || entry.after !== null) && (
                            <div className="mt-3 grid min-w-[20rem] gap-3 lg:grid-cols-2">
                              <div>
                                <p className="mb-1 text-dns-14B-130">{t('admin.audit.before')}</p>
                                <Json value={entry.before} />
                              </div>
                              <div>
                                <p className="mb-1 text-dns-14B-130">{t('admin.audit.after')}</p>
                                <Json value={entry.after} />
                              </div>
                            </div>
                          )}
                        </details>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
              {entries.hasNextPage && (
                <div>
                  <Button
                    variant="secondary"
                    onClick={() => entries.fetchNextPage()}
                    isBusy={entries.isFetchingNextPage}
                  >
                    {t('admin.audit.loadMore')}
                  </Button>
                </div>
              )}
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}
