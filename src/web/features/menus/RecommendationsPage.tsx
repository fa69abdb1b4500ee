import { useState } from 'react';
import { Link } from 'react-router';
import { challengeAreaLabels } from '../../../shared/challenge-areas';
import { hasAnyRole, useCurrentUser } from '../../api/session';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { useI18n } from '../../i18n';
import { formatThousandYen } from '../../lib/format';
import { useMunicipalities } from '../municipalities/api';
import { useRecommendations } from './api';
import { FiscalYearField, useFiscalYearParam } from './FiscalYearField';
import { formatReason, menuFormatLabels } from './labels';

/** The best matches first; the rest on request, so the page stays readable. */
const topCount = 10;

/** Menus ranked by fit to a municipality's needs, each with the reasons it fits. */
export default function RecommendationsPage() {
  const { t, pick, locale } = useI18n();
  const user = useCurrentUser();
  const isMunicipality = hasAnyRole(user, ['municipality_staff', 'municipality_head']);
  const [fiscalYearId, setFiscalYearId] = useFiscalYearParam();
  const [municipalityId, setMunicipalityId] = useState('');
  const [showAll, setShowAll] = useState(false);
  const municipalities = useMunicipalities({});
  const recs = useRecommendations(fiscalYearId, isMunicipality ? undefined : municipalityId || undefined);
  const sep = locale === 'ja' ? '、' : ', ';
  const ready = isMunicipality || municipalityId !== '';

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('menus.recommendations.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('menus.recommendations.title') }]}
        description={t('menus.recommendations.description')}
      />
      <div className="flex flex-wrap items-end gap-6">
        <FiscalYearField value={fiscalYearId} onChange={setFiscalYearId} />
        {!isMunicipality && (
          <Select
            label={t('menus.catalog.municipality')}
            value={municipalityId}
            onChange={(e) => setMunicipalityId(e.target.value)}
            className="max-w-xs"
          >
            <option value="">{t('menus.recommendations.choose')}</option>
            {(municipalities.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {locale === 'ja' ? m.name : m.nameEn}
              </option>
            ))}
          </Select>
        )}
      </div>
      {ready && (
        <QueryState query={recs}>
          {(data) =>
            !data.hasProfile ? (
              <EmptyState title={t('menus.recommendations.noProfile', { name: data.municipalityName })}>
                {t('menus.recommendations.noProfileBody')}
              </EmptyState>
            ) : data.items.length === 0 ? (
              <EmptyState title={t('menus.recommendations.empty')} />
            ) : (
              <section aria-labelledby="recs-heading" className="flex flex-col gap-4">
                <h2 id="recs-heading" className="text-std-24B-150">
                  {t('menus.recommendations.for', { name: data.municipalityName })}
                </h2>
                <ol className="flex flex-col gap-4">
                  {(showAll ? data.items : data.items.slice(0, topCount)).map((r, i) => (
                    <li
                      key={r.menu.id}
                      className="flex flex-col gap-2 rounded-12 border border-solid-gray-420 bg-white p-5"
                    >
                      <h3 className="text-std-20B-150">
                        <span className="mr-2 text-solid-gray-700">{i + 1}.</span>
                        <Link to={`/menus/catalog/${r.menu.id}`}>{r.menu.title}</Link>
                      </h3>
                      <p className="text-std-16N-170 text-solid-gray-700">
                        {r.menu.organizationName} ／ {pick(menuFormatLabels[r.menu.format])} ／{' '}
                        {formatThousandYen(r.menu.unitCostThousandYen, locale)} ／{' '}
                        {r.menu.challengeAreas.map((a) => challengeAreaLabels[a][locale]).join(sep)}
                      </p>
                      <div>
                        <p className="text-std-16B-170">{t('menus.recommendations.why')}</p>
                        <ul className="list-disc pl-6 text-std-16N-170">
                          {r.reasons.map((reason) => (
                            <li key={reason.code}>{formatReason(reason, locale)}</li>
                          ))}
                        </ul>
                      </div>
                    </li>
                  ))}
                </ol>
                {!showAll && data.items.length > topCount && (
                  <div>
                    <Button variant="secondary" onClick={() => setShowAll(true)}>
                      {t('menus.recommendations.showAll', { count: data.items.length })}
                    </Button>
                  </div>
                )}
              </section>
            )
          }
        </QueryState>
      )}
    </div>
  );
}
