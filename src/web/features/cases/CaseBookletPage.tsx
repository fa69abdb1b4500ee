import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import { usePublicCollection } from './api';
import { CaseArticle, useCaseLabels } from './parts';

/**
 * The whole published collection as a printable booklet: a cover with the table of contents,
 * then one case a page (A4; print CSS in styles.css).
 */
export default function CaseBookletPage() {
  const { t, locale } = useI18n();
  const l = useCaseLabels();
  const query = usePublicCollection();
  return (
    <QueryState query={query}>
      {(data) => {
        const prefecture = locale === 'ja' ? data.prefecture.name : data.prefecture.nameEn;
        return (
          <div className="flex max-w-4xl flex-col gap-10">
            <section className="print-page flex flex-col gap-6">
              <PageHeader
                title={t('cases.booklet.title', { prefecture })}
                breadcrumbs={[{ label: t('cases.title'), to: '/cases' }, { label: t('cases.booklet.toc') }]}
                description={t('cases.booklet.subtitle', { count: data.items.length })}
                actions={
                  <span className="print:hidden">
                    <Button variant="secondary" onClick={() => window.print()}>
                      {t('cases.print')}
                    </Button>
                  </span>
                }
              />
              {data.items.length === 0 ? (
                <p>{t('cases.booklet.empty')}</p>
              ) : (
                <nav aria-labelledby="booklet-toc">
                  <h2 id="booklet-toc" className="text-std-24B-150">
                    {t('cases.booklet.toc')}
                  </h2>
                  <ol className="mt-3 flex list-decimal flex-col gap-1 pl-8 text-std-16N-170">
                    {data.items.map((c) => (
                      <li key={c.id}>
                        <a href={`#case-${c.id}`}>{c.title}</a>（{l.town(c)}・{l.year(c)}）
                      </li>
                    ))}
                  </ol>
                </nav>
              )}
            </section>
            {data.items.map((c) => (
              <section
                key={c.id}
                className="print-page border-t border-solid-gray-420 pt-8 print:border-0 print:pt-0"
              >
                <CaseArticle c={c} headingLevel={2} headingId={`case-${c.id}`} />
              </section>
            ))}
          </div>
        );
      }}
    </QueryState>
  );
}
