import { defineFeature } from '../feature-module';
import { createNotificationsRoutes } from './notifications.routes';
import type { NotificationsService } from './notifications.service';

/** The inbox, e-mail preferences and the daily digest (notifications are written by platform/notifications). */
export const notificationsModule = defineFeature<NotificationsService>({
  name: 'notifications',
  routes: (service) => [createNotificationsRoutes(service)],
  jobs: (service) => [
    {
      kind: 'notifications.daily_digest',
      // Every quarter hour: the pass after 08:00 JST sends each person's digest once (its dedupe key).
      everyMs: 15 * 60_000,
      run: async ({ now }) => {
        await service.sendDigests(now);
      },
    },
  ],
});
