import { Link, useParams } from 'react-router';
import { formatFiscalYearShort } from '../../../shared/fiscal-year';
import { summarySheetSections } from '../../../shared/summary-sheet-text';
import { Button } from '../../components/Button';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/page-title';
import { exportUrls, useSummarySheet } from './api';
import { ExportLinks } from './parts';

/**
 * The program summary sheet (事業概要) as a printable A4 page: every sentence is made from the
 * data (shared/summary-sheet-text.ts), in the order of the prefecture's own document. The header,
 * menu, footer and the buttons are left out when printing (print CSS in styles.css and Layout).
 */
export default function SummarySheetPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const sheet = useSummarySheet(id);
  usePageTitle(
    sheet.data
      ? `${t('reports.sheet.title')}：${locale === 'ja' ? sheet.data.programName : sheet.data.programNameEn}`
      : t('reports.sheet.title'),
  );

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link to="/reports">{t('reports.sheet.back')}</Link>
        <div className="flex flex-wrap gap-3">
          <Button variant="primary" onClick={() => window.print()}>
            {t('reports.print')}
          </Button>
          <ExportLinks url={(format) => exportUrls.summarySheet(id, format)} />
        </div>
      </div>
      <p className="text-dns-14N-130 text-solid-gray-700 print:hidden">{t('reports.printHint')}</p>
      <QueryState query={sheet}>
        {(data) => (
          <article className="summary-sheet flex flex-col gap-5 rounded-8 border border-solid-gray-420 bg-white p-6 print:gap-3 print:border-0 print:p-0">
            <header className="flex flex-col gap-1 border-b-2 border-black pb-3">
              <p className="text-std-16B-170 text-solid-gray-800">
                {t('reports.sheet.of', { year: formatFiscalYearShort(data.fiscalYear, locale) })}
                {' — '}
                {locale === 'ja' ? data.prefecture.name : data.prefecture.nameEn}
              </p>
              <h1 className="text-std-28B-150 text-solid-gray-900" tabIndex={-1}>
                {locale === 'ja' ? data.programName : data.programNameEn}
              </h1>
            </header>
            {summarySheetSections(data, locale)
              .filter((s) => s.lines.length > 0)
              .map((section) => (
                <section
                  key={section.key}
                  aria-labelledby={`sheet-${section.key}`}
                  className="flex flex-col gap-1"
                >
                  <h2 id={`sheet-${section.key}`} className="text-std-18B-160 text-solid-gray-900">
                    【{section.heading}】
                  </h2>
                  <ul className="list-disc pl-6 text-std-16N-170">
                    {section.lines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </section>
              ))}
            <p className="text-dns-14N-130 text-solid-gray-700">
              {t('reports.generatedAt', { at: formatDateTime(data.generatedAt, locale) })}
            </p>
          </article>
        )}
      </QueryState>
    </div>
  );
}
