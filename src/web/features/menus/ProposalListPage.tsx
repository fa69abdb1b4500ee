import { useState } from 'react';
import { Link } from 'react-router';
import { challengeAreaLabels } from '../../../shared/challenge-areas';
import { type ProposalStatus, proposalStatuses } from '../../../shared/schemas/menus';
import { hasAnyRole, isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { buttonClass } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatThousandYen } from '../../lib/format';
import { useMenuSettings, useProposals } from './api';
import { FiscalYearField, useFiscalYearParam } from './FiscalYearField';
import { DeadlineNote } from './parts';
import { proposalStatusLabels, proposalStatusTones } from './labels';

/** Company: its own proposals. Admin: every proposal of the year. Reviewer: the assigned ones. */
export default function ProposalListPage() {
  const { t, pick, locale } = useI18n();
  const user = useCurrentUser();
  const isAdmin = isPrefectureAdmin(user);
  const isCompany = hasAnyRole(user, ['company_member']);
  const [fiscalYearId, setFiscalYearId] = useFiscalYearParam();
  const [status, setStatus] = useState<ProposalStatus | ''>('');
  const proposals = useProposals(fiscalYearId, status || undefined);
  const settings = useMenuSettings(fiscalYearId);
  const title = isCompany ? t('menus.proposals.mineTitle') : t('menus.proposals.title');

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={title}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: title }]}
        description={isCompany ? t('menus.proposals.mineDescription') : t('menus.proposals.description')}
        actions={
          isCompany && fiscalYearId ? (
            <Link to={`/menus/proposals/new?fy=${fiscalYearId}`} className={buttonClass('primary', 'md')}>
              {t('menus.proposals.new')}
            </Link>
          ) : undefined
        }
      />
      <div className="flex flex-wrap items-end gap-6">
        <FiscalYearField value={fiscalYearId} onChange={setFiscalYearId} />
        <Select
          label={t('menus.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as ProposalStatus | '')}
          className="max-w-xs"
        >
          <option value="">{t('common.all')}</option>
          {proposalStatuses.map((s) => (
            <option key={s} value={s}>
              {pick(proposalStatusLabels[s])}
            </option>
          ))}
        </Select>
      </div>
      {settings.data && <DeadlineNote settings={settings.data} />}
      <QueryState query={proposals}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('menus.proposals.empty')}>
              {isCompany ? t('menus.proposals.emptyCompany') : undefined}
            </EmptyState>
          ) : (
            <Table caption={title}>
              <THead>
                <tr>
                  <Th>{t('menus.field.title')}</Th>
                  {(isAdmin || !isCompany) && <Th>{t('menus.company')}</Th>}
                  <Th>{t('menus.field.challengeAreas')}</Th>
                  <Th numeric>{t('menus.field.unitCost')}</Th>
                  <Th>{t('menus.status')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((p) => (
                  <Tr key={p.id}>
                    <Td>
                      <Link to={`/menus/proposals/${p.id}`} className="text-std-16B-170">
                        {p.title}
                      </Link>
                    </Td>
                    {(isAdmin || !isCompany) && <Td>{p.organizationName}</Td>}
                    <Td>{p.challengeAreas.map((a) => challengeAreaLabels[a][locale]).join(' / ')}</Td>
                    <Td numeric>{formatThousandYen(p.unitCostThousandYen, locale)}</Td>
                    <Td>
                      <Badge tone={proposalStatusTones[p.status]}>
                        {pick(proposalStatusLabels[p.status])}
                      </Badge>
                    </Td>
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
