import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import {
  municipalityKindLabels,
  municipalityKinds,
  type PublicCaseQuery,
  publicCaseQuerySchema,
} from '../../../shared/schemas/cases';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { formatFiscalYear } from '../../lib/format';
import { publicWorkbookHref, usePublicCases } from './api';
import { IllustrativeBadge, useCaseLabels } from './parts';

const filterKeys = ['q', 'area', 'regionId', 'kind', 'menuId', 'fiscalYear'] as const;

/** The filters as the URL holds them (so a search can be bookmarked and shared); invalid ones dropped. */
function queryFrom(params: URLSearchParams): PublicCaseQuery {
  const raw: Record<string, string> = {};
  for (const key of [...filterKeys, 'page'] as const) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  const parsed = publicCaseQuerySchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

/**
 * The public case library (no sign-in): keyword search and filters (challenge area, region,
 * kind of municipality, menu, year), one page of 20 at a time, each case linking to its printable
 * page; the whole collection as a printable booklet and as Excel.
 */
export default function PublicCaseListPage() {
  const { t, locale } = useI18n();
  const l = useCaseLabels();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const cases = usePublicCases(query);
  const [draft, setDraft] = useState<Record<(typeof filterKeys)[number], string>>(() => ({
    q: query.q ?? '',
    area: query.area ?? '',
    regionId: query.regionId ?? '',
    kind: query.kind ?? '',
    menuId: query.menuId ?? '',
    fiscalYear: query.fiscalYear ? String(query.fiscalYear) : '',
  }));
  const set = (key: (typeof filterKeys)[number]) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));

  function search(event: React.FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of filterKeys) if (draft[key].trim()) next.set(key, draft[key].trim().slice(0, 100));
    setParams(next);
  }

  function reset() {
    setDraft({ q: '', area: '', regionId: '', kind: '', menuId: '', fiscalYear: '' });
    setParams(new URLSearchParams());
  }

  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(page));
    return `?${next.toString()}`;
  };

  const facets = cases.data?.facets;
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('cases.title')}
        description={t('cases.description')}
        meta={
          cases.data && (
            <span className="text-std-16B-170 text-solid-gray-800">
              {locale === 'ja' ? cases.data.prefecture.name : cases.data.prefecture.nameEn}
            </span>
          )
        }
      />

      <Section title={t('cases.search.title')} boxed>
        <form onSubmit={search} className="flex flex-col gap-4">
          <TextField
            label={t('cases.search.q')}
            hint={t('cases.search.qHint')}
            value={draft.q}
            maxLength={100}
            onChange={(e) => set('q')(e.target.value)}
            type="search"
            name="q"
          />
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Select
              label={t('cases.search.area')}
              value={draft.area}
              onChange={(e) => set('area')(e.target.value)}
            >
              <option value="">{t('cases.search.any')}</option>
              {challengeAreas.map((a: ChallengeArea) => (
                <option key={a} value={a}>
                  {challengeAreaLabels[a][locale]}
                </option>
              ))}
            </Select>
            <Select
              label={t('cases.search.region')}
              value={draft.regionId}
              onChange={(e) => set('regionId')(e.target.value)}
            >
              <option value="">{t('cases.search.any')}</option>
              {(facets?.regions ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {locale === 'ja' ? r.name : r.nameEn}
                </option>
              ))}
            </Select>
            <Select
              label={t('cases.search.kind')}
              value={draft.kind}
              onChange={(e) => set('kind')(e.target.value)}
            >
              <option value="">{t('cases.search.any')}</option>
              {municipalityKinds.map((k) => (
                <option key={k} value={k}>
                  {municipalityKindLabels[k][locale]}
                </option>
              ))}
            </Select>
            <Select
              label={t('cases.search.menu')}
              value={draft.menuId}
              onChange={(e) => set('menuId')(e.target.value)}
            >
              <option value="">{t('cases.search.any')}</option>
              {(facets?.menus ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                </option>
              ))}
            </Select>
            <Select
              label={t('cases.search.fiscalYear')}
              value={draft.fiscalYear}
              onChange={(e) => set('fiscalYear')(e.target.value)}
            >
              <option value="">{t('cases.search.any')}</option>
              {(facets?.fiscalYears ?? []).map((y) => (
                <option key={y} value={y}>
                  {formatFiscalYear(y, locale)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-wrap gap-3">
            <Button type="submit">{t('cases.search.submit')}</Button>
            <Button type="button" variant="tertiary" onClick={reset}>
              {t('cases.search.reset')}
            </Button>
          </div>
        </form>
      </Section>

      <QueryState query={cases}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
          const from = (data.page - 1) * data.pageSize + 1;
          const to = Math.min(data.total, data.page * data.pageSize);
          return (
            <section aria-labelledby="case-results" className="flex flex-col gap-4">
              <h2 id="case-results" className="text-std-24B-150" aria-live="polite">
                {data.items.length > 0
                  ? t('cases.search.resultsRange', { count: data.total, from, to })
                  : t('cases.search.results', { count: data.total })}
              </h2>
              {data.items.length === 0 ? (
                <EmptyState title={t('cases.search.none')} isCompact />
              ) : (
                <ul className="flex flex-col gap-4">
                  {data.items.map((c) => (
                    <li key={c.id} className="rounded-12 border border-solid-gray-420 p-5">
                      <h3 className="text-std-20B-150">
                        <Link to={`/cases/${c.id}`}>{c.title}</Link>
                      </h3>
                      <p className="mt-1 flex flex-wrap items-center gap-2 text-std-16N-170 text-solid-gray-700">
                        <span>
                          {l.town(c)}（{l.kind(c.municipality.kind)}・{l.region(c)}）・{l.year(c)}
                        </span>
                        {c.isIllustrative && <IllustrativeBadge />}
                      </p>
                      <p className="mt-1 text-std-16N-170 text-solid-gray-700">
                        {t('cases.fields.areas')}: {l.areas(c)}
                      </p>
                      {c.effect && <p className="mt-2 line-clamp-3 text-std-16N-170">{c.effect}</p>}
                    </li>
                  ))}
                </ul>
              )}
              {pages > 1 && (
                <nav aria-label={t('cases.search.pagination')} className="flex flex-wrap items-center gap-4">
                  {data.page > 1 && <Link to={pageHref(data.page - 1)}>{t('cases.search.previous')}</Link>}
                  <span>{t('cases.search.page', { page: data.page, pages })}</span>
                  {data.page < pages && <Link to={pageHref(data.page + 1)}>{t('cases.search.next')}</Link>}
                </nav>
              )}
            </section>
          );
        }}
      </QueryState>

      <Section title={t('cases.downloads.title')}>
        <ul className="flex flex-col gap-2 text-std-16N-170">
          <li>
            <Link to="/cases/booklet">{t('cases.downloads.booklet')}</Link>
          </li>
          <li>
            <a href={publicWorkbookHref} download>
              {t('cases.downloads.xlsx')}
            </a>
          </li>
        </ul>
      </Section>
    </div>
  );
}
