import { DescriptionList } from '../../components/DescriptionList';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { exportUrls, useOpenDataCatalog } from './api';

/**
 * The public list of open datasets (no sign-in): for each, what it holds, its columns, when it
 * last changed, its licence (CC BY 4.0) and its CSV and JSON files.
 */
export default function OpenDataPage() {
  const { t, pick, locale } = useI18n();
  const catalog = useOpenDataCatalog();
  return (
    <div className="flex flex-col gap-10">
      <PageHeader title={t('reports.openData.title')} description={t('reports.openData.description')} />
      <QueryState query={catalog}>
        {(data) =>
          data.catalogs.length === 0 ? (
            <EmptyState title={t('reports.openData.empty')} />
          ) : (
            data.catalogs.map((c) => (
              <div key={c.publisher.code} className="flex flex-col gap-8">
                <Section title={t('reports.openData.licenceTitle')} boxed>
                  <p>
                    {t('reports.openData.publisher', {
                      name: locale === 'ja' ? c.publisher.name : c.publisher.nameEn,
                      code: c.publisher.code,
                    })}
                  </p>
                  <p>{t('reports.openData.licenceNote', { licence: pick(c.licence.name) })}</p>
                  <p>{t('reports.openData.attribution', { text: pick(c.attribution) })}</p>
                  <p>
                    <a href={c.licence.url} rel="license noreferrer">
                      {t('reports.openData.licenceLink')}
                    </a>
                  </p>
                </Section>
                {c.datasets.map((d) => (
                  <Section key={d.id} title={pick(d.title)} description={pick(d.description)}>
                    <DescriptionList
                      items={[
                        {
                          term: t('reports.openData.updatedAt'),
                          value: d.updatedAt
                            ? formatDateTime(d.updatedAt, locale)
                            : t('reports.openData.neverUpdated'),
                        },
                        { term: t('reports.openData.rows'), value: formatNumber(d.rowCount, locale) },
                        { term: t('reports.openData.licence'), value: pick(c.licence.name) },
                        {
                          term: t('reports.openData.files'),
                          value: (
                            <ul className="flex flex-col gap-1">
                              <li>
                                <a href={exportUrls.openData(d.files.csv)} download={d.files.csv}>
                                  {t('reports.openData.downloadCsv', { file: d.files.csv })}
                                </a>
                              </li>
                              <li>
                                <a href={exportUrls.openData(d.files.json)} download={d.files.json}>
                                  {t('reports.openData.downloadJson', { file: d.files.json })}
                                </a>
                              </li>
                            </ul>
                          ),
                        },
                      ]}
                    />
                    <Table caption={t('reports.openData.columnsCaption', { title: pick(d.title) })} dense>
                      <THead>
                        <tr>
                          <Th>{t('reports.openData.column')}</Th>
                          <Th>{t('reports.openData.columnDescription')}</Th>
                        </tr>
                      </THead>
                      <TBody>
                        {d.columns.map((col) => (
                          <Tr key={col.name}>
                            <Th scope="row">{col.name}</Th>
                            <Td>{pick(col.description)}</Td>
                          </Tr>
                        ))}
                      </TBody>
                    </Table>
                  </Section>
                ))}
              </div>
            ))
          )
        }
      </QueryState>
    </div>
  );
}
