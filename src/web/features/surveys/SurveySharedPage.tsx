import { useParams } from 'react-router';
import { challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { useRegions } from '../municipalities/api';
import { useSharedView } from './api';
import { CountChart } from './charts';

/** The aggregated view the prefecture published for council members; nothing else is shown. */
export default function SurveySharedPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const regions = useRegions();
  const view = useSharedView(id);
  const name = view.data ? pick(view.data.title) : t('surveys.results');
  const title = t('surveys.sharing.sharedTitle', { name });
  const regionName = (key: string) => {
    const r = (regions.data ?? []).find((x) => x.id === key || x.name === key);
    return r ? (locale === 'ja' ? r.name : r.nameEn) : key;
  };
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('surveys.title'), to: '/surveys' },
          { label: title },
        ]}
      />
      <QueryState query={view}>
        {(v) => {
          const regionKeys = [...new Set(v.demand.flatMap((d) => Object.keys(d.byRegion)))].sort();
          return (
            <>
              <Section title={t('surveys.sharing.demand')}>
                <CountChart
                  caption={t('surveys.sharing.demand')}
                  total={v.submittedCount}
                  rows={v.demand.map((d) => ({ label: pick(challengeAreaLabels[d.area]), count: d.count }))}
                />
                {v.demand.some((d) => d.municipalityNames) && (
                  <ul className="flex flex-col gap-1">
                    {v.demand.map((d) => (
                      <li key={d.area}>
                        {pick(challengeAreaLabels[d.area])}：{(d.municipalityNames ?? []).join('、')}
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
              <Section title={t('surveys.sharing.byRegion')}>
                <Table caption={t('surveys.sharing.byRegion')} captionHidden dense>
                  <THead>
                    <tr>
                      <Th>{t('surveys.resultsPage.by.region')}</Th>
                      {challengeAreas.map((a) => (
                        <Th key={a} numeric>
                          {pick(challengeAreaLabels[a])}
                        </Th>
                      ))}
                    </tr>
                  </THead>
                  <TBody>
                    {regionKeys.map((key) => (
                      <Tr key={key}>
                        <Th scope="row">{regionName(key)}</Th>
                        {challengeAreas.map((a) => (
                          <Td key={a} numeric>
                            {v.demand.find((d) => d.area === a)?.byRegion[key] ?? 0}
                          </Td>
                        ))}
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </Section>
              {v.rawAnswers.map((q) => (
                <Section key={q.questionKey} title={pick(q.label)}>
                  <ul className="flex list-disc flex-col gap-1 pl-6">
                    {q.values.map((text, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: shared answers carry no id, by design.
                      <li key={i}>{text}</li>
                    ))}
                  </ul>
                </Section>
              ))}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
