import { useParams } from 'react-router';
import { hasAnyRole, isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { ButtonLink } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { PageHeader } from '../../components/PageHeader';
import { PrintButton } from '../../components/PrintButton';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { formatPopulation } from '../../lib/format';
import { useMunicipality } from './api';
import { municipalityKindLabels } from './labels';
import { PopulationForm } from './PopulationForm';

export default function MunicipalityDetailPage() {
  const { id = '' } = useParams();
  const { t, locale, pick } = useI18n();
  const user = useCurrentUser();
  const query = useMunicipality(id);
  const m = query.data;
  // The town's profile gathers its maturity, answers, support and seminars; the server lets the
  // prefecture and the council read any town's, a town its own.
  const readsProfile =
    hasAnyRole(user, ['prefecture_admin', 'council_secretariat']) || user.organization.municipalityId === id;
  const title = m ? (locale === 'ja' ? m.name : m.nameEn) : t('municipalities.detailTitle');

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('municipalities.title'), to: '/municipalities' },
          { label: title },
        ]}
        actions={
          <>
            {readsProfile && (
              <ButtonLink to={`/reports/municipalities/${id}`} variant="secondary">
                {t('municipalities.openProfile')}
              </ButtonLink>
            )}
            <PrintButton />
          </>
        }
        meta={
          m ? (
            <>
              <Badge>{pick(municipalityKindLabels[m.kind])}</Badge>
              <Badge tone="info">{locale === 'ja' ? m.region.name : m.region.nameEn}</Badge>
              {m.isEvacuationArea && <Badge tone="warning">{t('municipalities.evacuationArea')}</Badge>}
            </>
          ) : undefined
        }
      />
      <QueryState query={query}>
        {(municipality) => (
          <div className="flex flex-col gap-10">
            <Section title={t('municipalities.masterData')}>
              <DescriptionList
                items={[
                  {
                    term: t('municipalities.code'),
                    value: <span className="font-mono">{municipality.code}</span>,
                  },
                  { term: t('municipalities.name'), value: <span lang="ja">{municipality.name}</span> },
                  { term: t('municipalities.kana'), value: <span lang="ja">{municipality.nameKana}</span> },
                  { term: t('municipalities.nameEn'), value: <span lang="en">{municipality.nameEn}</span> },
                  { term: t('municipalities.kind'), value: pick(municipalityKindLabels[municipality.kind]) },
                  {
                    term: t('municipalities.region'),
                    value: locale === 'ja' ? municipality.region.name : municipality.region.nameEn,
                  },
                  {
                    term: t('municipalities.area'),
                    value: locale === 'ja' ? municipality.area.name : municipality.area.nameEn,
                  },
                  {
                    term: t('municipalities.evacuationColumn'),
                    value: municipality.isEvacuationArea
                      ? t('municipalities.evacuationYesLong')
                      : t('municipalities.evacuationNo'),
                  },
                  {
                    term: t('municipalities.population'),
                    value:
                      municipality.population === null ? (
                        <span className="text-solid-gray-700">{t('municipalities.populationMissing')}</span>
                      ) : (
                        <span className="tabular-nums">
                          {formatPopulation(municipality.population, locale)}
                        </span>
                      ),
                  },
                  {
                    term: t('municipalities.populationSource'),
                    value: municipality.populationSource ?? (
                      <span className="text-solid-gray-700">{t('common.none')}</span>
                    ),
                  },
                ]}
              />
            </Section>
            {isPrefectureAdmin(user) && (
              <Section
                title={t('municipalities.editPopulation')}
                description={t('municipalities.editPopulationDescription')}
                boxed
                className="print:hidden"
              >
                <PopulationForm key={municipality.id} municipality={municipality} />
              </Section>
            )}
          </div>
        )}
      </QueryState>
    </div>
  );
}
