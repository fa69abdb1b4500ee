import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { useMenuSettings } from './api';
import { FiscalYearField, useFiscalYearParam } from './FiscalYearField';
import { DeadlineNote } from './parts';
import { ProposalForm } from './ProposalForm';

export default function ProposalNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [fiscalYearId, setFiscalYearId] = useFiscalYearParam();
  const settings = useMenuSettings(fiscalYearId);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('menus.proposals.new')}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('menus.proposals.mineTitle'), to: '/menus/proposals' },
          { label: t('menus.proposals.new') },
        ]}
        description={t('menus.proposals.newDescription')}
      />
      <FiscalYearField value={fiscalYearId} onChange={setFiscalYearId} />
      {settings.data && <DeadlineNote settings={settings.data} />}
      <Section title={t('menus.proposals.content')} boxed>
        {fiscalYearId && (
          <ProposalForm
            fiscalYearId={fiscalYearId}
            onSaved={(saved) => navigate(`/menus/proposals/${saved.id}`)}
          />
        )}
      </Section>
    </div>
  );
}
