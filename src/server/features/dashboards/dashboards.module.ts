import { defineFeature } from '../feature-module';
import { onEvent } from '../../platform/jobs/runner';
import { createDashboardsRoutes } from './dashboards.routes';
import type { DashboardsService } from './dashboards.service';

/**
 * Dashboards: coverage map, left-behind list, maturity and needs, seminar reach, exports. The
 * figures' sources announce their changes as domain events; each moves the prefecture's data
 * generation so that every process recomputes its cached read model (ADR 014).
 */
export const dashboardsModule = defineFeature<DashboardsService>({
  name: 'dashboards',
  routes: (service) => [createDashboardsRoutes(service)],
  eventHandlers: (service) => {
    const changed = (event: { prefectureId: string | null }, now: Date) =>
      event.prefectureId ? service.dataChanged(event.prefectureId, now) : Promise.resolve();
    return [
      onEvent('applications.published', 'dashboards.support-published', (e, { now }) => changed(e, now)),
      onEvent('applications.history_imported', 'dashboards.history-imported', (e, { now }) =>
        changed(e, now),
      ),
      onEvent('surveys.response_submitted', 'dashboards.needs-answered', (e, { now }) => changed(e, now)),
    ];
  },
});
