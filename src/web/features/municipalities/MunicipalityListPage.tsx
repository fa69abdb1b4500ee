import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { FilterPanel, FilterSelect } from '../../components/FilterPanel';
import { Button, ButtonLink } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { type MunicipalityFilters, municipalityListPageSize, useMunicipalityPage, useRegions } from './api';
import { municipalityKindLabels } from './labels';

const filterKeys = ['regionId', 'areaId', 'kind', 'q'] as const;
const listedKinds = ['city', 'town', 'village'] as const;

function readFilters(params: URLSearchParams): MunicipalityFilters {
  const filters: MunicipalityFilters = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/**
 * The prefecture's municipalities, filtered by region, area, kind and text.
 * The filters live in the URL, so a filtered view can be bookmarked or sent
 * to a colleague; the number of results is announced when it changes.
 */
export default function MunicipalityListPage() {
  const { t, locale, pick } = useI18n();
  const user = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const applied = readFilters(searchParams);
  const [draft, setDraft] = useState<MunicipalityFilters>(applied);
  const regions = useRegions();
  // Pages count from 1 in the URL (?page=2); filtering starts again at the first.
  const pageNumber = Math.max(1, Math.floor(Number(searchParams.get('page')) || 1));
  const municipalities = useMunicipalityPage(applied, pageNumber - 1);

  // Back/forward changes the URL: show the filters that belong to it.
  const appliedKey = searchParams.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sync only when the URL changes.
  useEffect(() => setDraft(readFilters(searchParams)), [appliedKey]);

  const regionList = regions.data ?? [];
  const areaChoices = regionList
    .filter((r) => !draft.regionId || r.id === draft.regionId)
    .flatMap((r) => r.areas.map((a) => ({ ...a, regionName: locale === 'ja' ? r.name : r.nameEn })));

  function update(key: keyof MunicipalityFilters, value: string) {
    setDraft((current) => {
      const next = { ...current, [key]: value || undefined };
      // An area of another region would return nothing: drop it when the region changes.
      if (key === 'regionId' && next.areaId) {
        const region = regionList.find((r) => r.id === value);
        if (region && !region.areas.some((a) => a.id === next.areaId)) next.areaId = undefined;
      }
      return next;
    });
  }

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const key of filterKeys) {
      const value = draft[key]?.trim();
      if (value) params.set(key, value);
    }
    setSearchParams(params);
  }

  function clear() {
    setDraft({});
    setSearchParams(new URLSearchParams());
  }

  const count = municipalities.data?.total;
  const hasFilters = Object.keys(applied).length > 0;
  const pages = Math.max(1, Math.ceil((count ?? 0) / municipalityListPageSize));
  const pageHref = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set('page', String(page));
    return `?${next.toString()}`;
  };

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('municipalities.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('municipalities.title') }]}
        description={t('municipalities.description')}
        actions={
          isPrefectureAdmin(user) ? (
            <ButtonLink to="/municipalities/import" variant="secondary">
              {t('municipalityImport.open')}
            </ButtonLink>
          ) : undefined
        }
      />

      <FilterPanel label={t('municipalities.filters')} onApply={apply} onClear={clear}>
        <FilterSelect
          label={t('municipalities.region')}
          value={draft.regionId ?? ''}
          onChange={(value) => update('regionId', value)}
          options={regionList.map((r) => ({ value: r.id, label: locale === 'ja' ? r.name : r.nameEn }))}
        />
        <Select
          label={t('municipalities.area')}
          value={draft.areaId ?? ''}
          onChange={(e) => update('areaId', e.target.value)}
        >
          <option value="">{t('common.all')}</option>
          {areaChoices.map((a) => (
            <option key={a.id} value={a.id}>
              {locale === 'ja' ? a.name : a.nameEn}
              {draft.regionId ? '' : `（${a.regionName}）`}
            </option>
          ))}
        </Select>
        <FilterSelect
          label={t('municipalities.kind')}
          value={draft.kind ?? ''}
          onChange={(value) => update('kind', value)}
          options={listedKinds.map((kind) => ({ value: kind, label: pick(municipalityKindLabels[kind]) }))}
        />
        <TextField
          label={t('municipalities.search')}
          type="search"
          value={draft.q ?? ''}
          onChange={(e) => update('q', e.target.value)}
          maxLength={50}
        />
      </FilterPanel>

      <div className="flex flex-col gap-4">
        <p role="status" aria-live="polite" className="text-std-18B-160 text-solid-gray-900">
          {count === undefined
            ? ''
            : hasFilters
              ? t('municipalities.countFiltered', { count })
              : t('municipalities.countAll', { count })}
        </p>
        <QueryState query={municipalities}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState
                title={t('municipalities.emptyTitle')}
                action={
                  <Button variant="secondary" size="sm" onClick={clear}>
                    {t('municipalities.clear')}
                  </Button>
                }
              >
                {t('municipalities.emptyBody')}
              </EmptyState>
            ) : (
              <Table caption={t('municipalities.tableCaption')} captionHidden>
                <THead>
                  <tr>
                    <Th>{t('municipalities.code')}</Th>
                    <Th>{t('municipalities.name')}</Th>
                    <Th>{t('municipalities.kana')}</Th>
                    <Th>{t('municipalities.kind')}</Th>
                    <Th>{t('municipalities.area')}</Th>
                    <Th>{t('municipalities.region')}</Th>
                    <Th>{t('municipalities.evacuationColumn')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {items.map((m) => (
                    <Tr key={m.id} className="hover:bg-blue-50">
                      <Td className="font-mono tabular-nums">{m.code}</Td>
                      <Td className="whitespace-nowrap">
                        <Link to={`/municipalities/${m.id}`} className="text-std-16B-170">
                          {locale === 'ja' ? m.name : m.nameEn}
                        </Link>
                        {locale === 'en' && (
                          <span lang="ja" className="ml-2 text-dns-14N-130 text-solid-gray-700">
                            {m.name}
                          </span>
                        )}
                      </Td>
                      <Td lang="ja" className="text-solid-gray-800">
                        {m.nameKana}
                      </Td>
                      <Td>{pick(municipalityKindLabels[m.kind])}</Td>
                      <Td className="whitespace-nowrap">{locale === 'ja' ? m.area.name : m.area.nameEn}</Td>
                      <Td className="whitespace-nowrap">
                        {locale === 'ja' ? m.region.name : m.region.nameEn}
                      </Td>
                      <Td>
                        {m.isEvacuationArea ? (
                          <Badge tone="warning">{t('municipalities.evacuationYes')}</Badge>
                        ) : (
                          <span className="text-solid-gray-700">
                            <span aria-hidden="true">—</span>
                            <span className="sr-only">{t('municipalities.evacuationNo')}</span>
                          </span>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )
          }
        </QueryState>
        {pages > 1 && (
          <nav aria-label={t('municipalities.pagination')} className="flex flex-wrap items-center gap-4">
            {pageNumber > 1 && <Link to={pageHref(pageNumber - 1)}>{t('municipalities.previousPage')}</Link>}
            <span>{t('municipalities.page', { page: pageNumber, pages })}</span>
            {pageNumber < pages && <Link to={pageHref(pageNumber + 1)}>{t('municipalities.nextPage')}</Link>}
          </nav>
        )}
      </div>
    </div>
  );
}
