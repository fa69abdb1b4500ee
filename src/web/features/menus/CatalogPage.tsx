import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import { type MenuFormat, menuFormats } from '../../../shared/schemas/menus';
import { buttonClass } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { FilterPanel } from '../../components/FilterPanel';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { formatThousandYen } from '../../lib/format';
import { useRegions } from '../municipalities/api';
import { exportUrl, useCatalog } from './api';
import { FiscalYearField, useFiscalYearParam } from './FiscalYearField';
import { menuFormatLabels } from './labels';

const filterKeys = ['area', 'format', 'regionId', 'maxCost', 'q'] as const;
type Filters = Record<(typeof filterKeys)[number], string>;

/** The published menus of a year, filtered by area, format, region, cost and words (kept in the URL). */
export default function CatalogPage() {
  const { t, pick, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const [fiscalYearId, setFiscalYearId] = useFiscalYearParam();
  const regions = useRegions();
  const applied = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const [draft, setDraft] = useState<Filters>(applied);
  const maxCost = /^\d+$/.test(applied.maxCost) ? Number(applied.maxCost) : undefined;
  const catalog = useCatalog({
    fiscalYearId,
    ...(applied.area ? { area: applied.area as ChallengeArea } : {}),
    ...(applied.format ? { format: applied.format as MenuFormat } : {}),
    ...(applied.regionId ? { regionId: applied.regionId } : {}),
    ...(maxCost !== undefined ? { maxCost } : {}),
    ...(applied.q ? { q: applied.q } : {}),
  });
  function apply(next: Filters) {
    const search = new URLSearchParams();
    if (fiscalYearId) search.set('fy', fiscalYearId);
    for (const k of filterKeys) if (next[k].trim()) search.set(k, next[k].trim());
    setParams(search);
  }
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const sep = locale === 'ja' ? '、' : ', ';

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('menus.catalog.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('menus.catalog.title') }]}
        description={t('menus.catalog.description')}
        actions={
          fiscalYearId ? (
            <a href={exportUrl('catalog', fiscalYearId)} download className={buttonClass('secondary', 'md')}>
              {t('menus.exports.catalog')}
            </a>
          ) : undefined
        }
      />
      <FiscalYearField value={fiscalYearId} onChange={setFiscalYearId} />
      <FilterPanel
        label={t('menus.catalog.filterLabel')}
        onApply={(e) => {
          e.preventDefault();
          apply(draft);
        }}
        onClear={() => {
          const empty = { area: '', format: '', regionId: '', maxCost: '', q: '' };
          setDraft(empty);
          apply(empty);
        }}
      >
        <TextField label={t('menus.catalog.q')} value={draft.q} onChange={set('q')} />
        <Select label={t('menus.catalog.area')} value={draft.area} onChange={set('area')}>
          <option value="">{t('common.all')}</option>
          {challengeAreas.map((a) => (
            <option key={a} value={a}>
              {challengeAreaLabels[a][locale]}
            </option>
          ))}
        </Select>
        <Select label={t('menus.field.format')} value={draft.format} onChange={set('format')}>
          <option value="">{t('common.all')}</option>
          {menuFormats.map((f) => (
            <option key={f} value={f}>
              {pick(menuFormatLabels[f])}
            </option>
          ))}
        </Select>
        <Select label={t('menus.catalog.region')} value={draft.regionId} onChange={set('regionId')}>
          <option value="">{t('common.all')}</option>
          {(regions.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {locale === 'ja' ? r.name : r.nameEn}
            </option>
          ))}
        </Select>
        <TextField
          label={t('menus.catalog.maxCost')}
          inputMode="numeric"
          value={draft.maxCost}
          onChange={set('maxCost')}
        />
      </FilterPanel>
      <QueryState query={catalog}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('menus.catalog.empty')}>{t('menus.catalog.emptyBody')}</EmptyState>
          ) : (
            <Table caption={t('menus.catalog.count', { count: items.length })}>
              <THead>
                <tr>
                  <Th>{t('menus.catalog.menu')}</Th>
                  <Th>{t('menus.company')}</Th>
                  <Th>{t('menus.field.challengeAreas')}</Th>
                  <Th>{t('menus.field.format')}</Th>
                  <Th>{t('menus.field.regions')}</Th>
                  <Th numeric>{t('menus.field.unitCost')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((m) => (
                  <Tr key={m.id}>
                    <Td>
                      <Link to={`/menus/catalog/${m.id}`} className="text-std-16B-170">
                        {m.title}
                      </Link>
                    </Td>
                    <Td>{m.organizationName}</Td>
                    <Td>{m.challengeAreas.map((a) => challengeAreaLabels[a][locale]).join(sep)}</Td>
                    <Td>{pick(menuFormatLabels[m.format])}</Td>
                    <Td>
                      {m.regions.length === 0
                        ? t('menus.regionsNone')
                        : m.regions.map((r) => (locale === 'ja' ? r.name : r.nameEn)).join(sep)}
                    </Td>
                    <Td numeric>{formatThousandYen(m.unitCostThousandYen, locale)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )
        }
      </QueryState>
    </div>
  );
}
