import { useNavigate } from 'react-router';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { FormErrors } from '../../components/forms/FormErrors';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { QueryState } from '../../components/QueryState';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useNextYearPreview, usePrepareNextYear } from './api';

const copyTones = { will_copy: 'info', copied: 'success', nothing: 'neutral' } as const;

/** "Prepare next year": what it makes and copies, then one button; the checklist follows. */
export function PrepareNextYear() {
  const { t, pick, locale } = useI18n();
  const navigate = useNavigate();
  const preview = useNextYearPreview(true);
  const prepare = usePrepareNextYear();
  const form = useVersionedForm('prepare-next');
  return (
    <QueryState query={preview}>
      {(p) =>
        p.copyFrom === null ? (
          <Alert tone="info">{t('yearSetup.noSource')}</Alert>
        ) : (
          <form
            noValidate
            className="flex flex-col gap-6"
            onSubmit={(event) => {
              event.preventDefault();
              if (prepare.isPending) return;
              prepare.mutate(
                { year: p.year },
                {
                  onSuccess: (done) =>
                    navigate(`/fiscal-years/${done.fiscalYearId}/setup`, { state: { prepared: true } }),
                  onError: form.showError,
                },
              );
            }}
          >
            <FormErrors form={form} />
            <p className="text-std-16N-170">
              {p.existingId
                ? t('yearSetup.previewExisting', { year: pick(p.label) })
                : t('yearSetup.preview', { year: pick(p.label), from: pick(p.copyFrom.label) })}
            </p>
            <Table caption={t('yearSetup.itemsCaption')}>
              <THead>
                <tr>
                  <Th>{t('yearSetup.what')}</Th>
                  <Th numeric>{t('yearSetup.count')}</Th>
                  <Th>{t('yearSetup.state')}</Th>
                  <Th>{t('yearSetup.detail')}</Th>
                </tr>
              </THead>
              <TBody>
                {p.items.map((item) => (
                  <Tr key={item.key}>
                    <Td>{pick(item.label)}</Td>
                    <Td numeric>{formatNumber(item.count, locale)}</Td>
                    <Td>
                      <Badge tone={copyTones[item.state]}>{t(`yearSetup.copyStates.${item.state}`)}</Badge>
                    </Td>
                    <Td>{pick(item.detail)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
            <div>
              <Button type="submit" isBusy={prepare.isPending}>
                {t('yearSetup.prepare', { year: pick(p.label) })}
              </Button>
            </div>
          </form>
        )
      }
    </QueryState>
  );
}
