import { useState } from 'react';
import { type MailStatus, mailStatuses, mailStatusLabels } from '../../../shared/schemas/accounts';
import { Alert } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useOutbox } from './api';

const statusTones: Record<MailStatus, BadgeTone> = {
  queued: 'info',
  sending: 'info',
  sent: 'success',
  failed: 'error',
};

/** Mail the platform sent or holds. Without SMTP (closed networks, demos) this is where invitations are read. */
export default function OutboxPage() {
  const { t, locale, pick } = useI18n();
  const [status, setStatus] = useState('');
  const outbox = useOutbox(status);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('admin.outbox.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('admin.outbox.title') }]}
        description={t('admin.outbox.description')}
      />
      {outbox.data && !outbox.data.isSmtpConfigured && (
        <Alert tone="warning" title={t('admin.outbox.noSmtpTitle')}>
          {t('admin.outbox.noSmtpBody')}
        </Alert>
      )}
      <div className="max-w-xs">
        <Select label={t('admin.outbox.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('common.all')}</option>
          {mailStatuses.map((s) => (
            <option key={s} value={s}>
              {pick(mailStatusLabels[s])}
            </option>
          ))}
        </Select>
      </div>
      <p role="status" aria-live="polite" className="text-std-18B-160">
        {outbox.data ? t('admin.outbox.count', { count: outbox.data.items.length }) : ''}
      </p>
      <QueryState query={outbox}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title={t('admin.outbox.empty')}>{t('admin.outbox.emptyBody')}</EmptyState>
          ) : (
            <Table caption={t('admin.outbox.tableCaption')} captionHidden>
              <THead>
                <tr>
                  <Th>{t('admin.outbox.createdAt')}</Th>
                  <Th>{t('admin.outbox.to')}</Th>
                  <Th>{t('admin.outbox.subject')}</Th>
                  <Th>{t('admin.outbox.status')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((mail) => (
                  <Tr key={mail.id}>
                    <Td className="text-dns-14N-130 whitespace-nowrap">
                      {formatDateTime(mail.createdAt, locale)}
                    </Td>
                    <Td className="break-all">{mail.to}</Td>
                    <Td>
                      <details>
                        <summary className="cursor-pointer text-blue-1000 underline underline-offset-[3px]">
                          {mail.subject}
                        </summary>
                        <pre className="mt-3 max-w-3xl rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4 font-sans text-dns-14N-130 whitespace-pre-wrap break-all">
                          {mail.bodyText}
                        </pre>
                      </details>
                    </Td>
                    <Td>
                      <span className="flex flex-col items-start gap-1">
                        <Badge tone={statusTones[mail.status]}>{pick(mailStatusLabels[mail.status])}</Badge>
                        {mail.sentAt && (
                          <span className="text-dns-14N-130 text-solid-gray-700">
                            {formatDateTime(mail.sentAt, locale)}
                          </span>
                        )}
                        {mail.lastError && (
                          <span className="text-dns-14N-130 text-error-2">{mail.lastError}</span>
                        )}
                      </span>
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
