import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear } from '../../lib/format';
import { useMunicipalities } from '../municipalities/api';
import { useSummarySheets } from './api';

/** The prefecture's and the council's way into the reports: budget, summary sheets, profiles. */
export default function ReportsPage() {
  const { t, locale } = useI18n();
  const sheets = useSummarySheets();
  const towns = useMunicipalities({});
  const navigate = useNavigate();
  const [townId, setTownId] = useState('');

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('reports.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('reports.title') }]}
        description={t('reports.description')}
      />
      <Section title={t('reports.budgetLink')} description={t('reports.budgetLinkHint')}>
        <p>
          <Link to="/reports/budget" className="text-std-16B-170">
            {t('reports.budgetLink')}
          </Link>
        </p>
      </Section>
      <Section title={t('reports.sheetsTitle')}>
        <QueryState query={sheets}>
          {(items) => (
            <Table caption={t('reports.sheetsCaption')} captionHidden>
              <THead>
                <tr>
                  <Th>{t('reports.fiscalYear')}</Th>
                  <Th>{t('reports.program')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((s) => (
                  <Tr key={s.programId}>
                    <Td className="whitespace-nowrap">{formatFiscalYear(s.fiscalYear, locale)}</Td>
                    <Td>
                      <Link to={`/reports/summary-sheets/${s.programId}`}>
                        {locale === 'ja' ? s.programName : s.programNameEn}
                      </Link>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </QueryState>
      </Section>
      <Section title={t('reports.profilesTitle')} description={t('reports.profilesHint')}>
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (townId) navigate(`/reports/municipalities/${townId}`);
          }}
        >
          <div className="min-w-64">
            <Select
              label={t('reports.municipality')}
              value={townId}
              onChange={(e) => setTownId(e.target.value)}
            >
              <option value="">{t('common.choose')}</option>
              {(towns.data ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {locale === 'ja' ? m.name : m.nameEn}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary" disabled={!townId}>
            {t('reports.openProfile')}
          </Button>
        </form>
      </Section>
    </div>
  );
}
