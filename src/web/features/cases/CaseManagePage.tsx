import { useState } from 'react';
import { Link } from 'react-router';
import { type CaseStatus, caseStatusLabels, caseStatuses } from '../../../shared/schemas/cases';
import { ButtonLink } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useCases } from './api';
import { CaseStatusBadge, IllustrativeBadge, useCaseLabels } from './parts';

/** The cases the user drafts (prefecture, company) or approves (municipality), by status. */
export default function CaseManagePage() {
  const { t, pick, locale } = useI18n();
  const l = useCaseLabels();
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const cases = useCases(status);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('cases.manage.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('cases.manage.title') }]}
        description={t('cases.manage.description')}
        actions={
          cases.data?.can.create ? (
            <ButtonLink to="/cases/manage/new" variant="primary">
              {t('cases.manage.new')}
            </ButtonLink>
          ) : null
        }
      />
      <Select
        label={t('cases.manage.statusFilter')}
        value={status}
        onChange={(e) => setStatus(e.target.value as CaseStatus | '')}
        className="max-w-xs"
      >
        <option value="">{t('cases.search.any')}</option>
        {caseStatuses.map((s) => (
          <option key={s} value={s}>
            {pick(caseStatusLabels[s])}
          </option>
        ))}
      </Select>
      <QueryState query={cases}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('cases.manage.empty')} />
          ) : (
            <Table caption={t('cases.manage.list')}>
              <THead>
                <tr>
                  <Th>{t('cases.fields.title')}</Th>
                  <Th>{t('cases.fields.municipality')}</Th>
                  <Th>{t('cases.fields.fiscalYear')}</Th>
                  <Th>{t('cases.fields.status')}</Th>
                  <Th>{t('cases.fields.updatedAt')}</Th>
                </tr>
              </THead>
              <TBody>
                {data.items.map((c) => (
                  <Tr key={c.id}>
                    <Th scope="row">
                      <Link to={`/cases/manage/${c.id}`}>{c.title}</Link>
                      {c.isIllustrative && (
                        <>
                          {' '}
                          <IllustrativeBadge />
                        </>
                      )}
                    </Th>
                    <Td>{l.town(c)}</Td>
                    <Td>{l.year(c)}</Td>
                    <Td>
                      <CaseStatusBadge status={c.status} />
                    </Td>
                    <Td>{formatDateTime(c.updatedAt, locale)}</Td>
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
