import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';

/**
 * Data sources and licences (data/LICENSES.md, in both languages). The MLIT
 * credit line is quoted exactly as its terms require.
 */
const mlitCredit = '「国土数値情報（行政区域データ）」（国土交通省）を加工して作成';

export default function AboutPage() {
  const { t } = useI18n();
  const rows = [
    {
      file: 'reference/fukushima-municipalities.csv',
      what: 'about.files.municipalities',
      source: 'about.sources.municipalities',
      terms: 'about.terms.municipalities',
    },
    {
      file: 'reference/fukushima-municipalities.topojson',
      what: 'about.files.topojson',
      source: 'about.sources.topojson',
      terms: 'about.terms.mlit',
    },
    {
      file: 'reference/japan-municipalities.csv',
      what: 'about.files.japan',
      source: 'about.sources.japan',
      terms: 'about.terms.mlit',
    },
  ] as const;
  return (
    <div className="flex max-w-5xl flex-col gap-10">
      <PageHeader
        title={t('about.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('about.title') }]}
        description={t('about.description')}
      />
      <Section title={t('about.creditTitle')}>
        <figure className="rounded-12 border-l-4 border-blue-900 bg-blue-50 px-6 py-5">
          <blockquote lang="ja" className="text-std-18B-160 text-solid-gray-900">
            {mlitCredit}
          </blockquote>
          <figcaption className="mt-2 text-std-16N-170 text-solid-gray-700">
            {t('about.creditTranslation')}
          </figcaption>
        </figure>
        <p className="text-std-16N-170">{t('about.creditBody')}</p>
      </Section>
      <Section title={t('about.filesTitle')}>
        <Table caption={t('about.filesCaption')} captionHidden>
          <THead>
            <tr>
              <Th>{t('about.file')}</Th>
              <Th>{t('about.what')}</Th>
              <Th>{t('about.source')}</Th>
              <Th>{t('about.terms.title')}</Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <Tr key={row.file}>
                <Th scope="row" className="font-mono text-dns-14N-130">
                  {/* The folder is the same for all; the name alone wraps at its hyphens. */}
                  <span className="block text-solid-gray-700">data/reference/</span>
                  {row.file.replace('reference/', '')}
                </Th>
                <Td>{t(row.what)}</Td>
                <Td>{t(row.source)}</Td>
                <Td>{t(row.terms)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Section>
      <Section title={t('about.populationTitle')}>
        <p className="text-std-16N-170">{t('about.populationBody')}</p>
      </Section>
      <Section title={t('about.softwareTitle')}>
        <p className="text-std-16N-170">{t('about.softwareBody')}</p>
      </Section>
    </div>
  );
}
