import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Table } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useMarkAllRead, useMarkRead, useNotifications } from './api';

/**
 * The person's inbox: what the platform told them, newest first, each linked to the page it is
 * about. Opening a link marks it read; so does the button beside it, for those that need no visit.
 */
export default function NotificationsPage() {
  const { t, locale } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const unreadCount = query.data?.pages[0]?.unreadCount ?? 0;

  return (
    <>
      <PageHeader title={t('notifications.title')} description={t('notifications.description')} />
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <Checkbox
          label={t('notifications.unreadOnly')}
          checked={unreadOnly}
          onChange={(event) => setUnreadOnly(event.target.checked)}
        />
        <div className="flex flex-wrap items-center gap-4">
          <Link to="/account/notifications">{t('notifications.preferencesLink')}</Link>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => markAllRead.mutate()}
            isBusy={markAllRead.isPending}
            disabled={unreadCount === 0}
          >
            {t('notifications.markAllRead')}
          </Button>
        </div>
      </div>
      {markAllRead.isSuccess && (
        <Alert tone="success" isLive>
          {t('notifications.allMarkedRead', { count: markAllRead.data.updated })}
        </Alert>
      )}
      <QueryState query={query}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          if (items.length === 0)
            return (
              <EmptyState title={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} />
            );
          return (
            <>
              <Table caption={t('notifications.tableCaption')} captionHidden>
                <thead>
                  <tr>
                    <th scope="col">{t('notifications.status')}</th>
                    <th scope="col">{t('notifications.subject')}</th>
                    <th scope="col">{t('notifications.receivedAt')}</th>
                    <th scope="col">{t('notifications.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        {item.readAt ? (
                          <span className="text-solid-gray-700">{t('notifications.read')}</span>
                        ) : (
                          <Badge tone="info">{t('notifications.unread')}</Badge>
                        )}
                      </td>
                      <td className={item.readAt ? undefined : 'font-bold'}>
                        {item.linkPath ? (
                          <Link
                            to={item.linkPath}
                            onClick={() => {
                              if (!item.readAt) markRead.mutate(item.id);
                            }}
                          >
                            {item.title}
                          </Link>
                        ) : (
                          item.title
                        )}
                      </td>
                      <td className="whitespace-nowrap">{formatDateTime(item.createdAt, locale)}</td>
                      <td>
                        {!item.readAt && (
                          <Button
                            variant="tertiary"
                            size="sm"
                            onClick={() => markRead.mutate(item.id)}
                            isBusy={markRead.isPending && markRead.variables === item.id}
                          >
                            {t('notifications.markRead')}
                            <span className="sr-only">：{item.title}</span>
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {query.hasNextPage && (
                <div className="mt-6">
                  <Button
                    variant="secondary"
                    onClick={() => query.fetchNextPage()}
                    isBusy={query.isFetchingNextPage}
                  >
                    {t('notifications.more')}
                  </Button>
                </div>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
