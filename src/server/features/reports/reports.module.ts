import { defineFeature } from '../feature-module';
import { townSummaryFacts } from './reports.home-facts';
import { createReportsRoutes } from './reports.routes';
import type { ReportsService } from './reports.service';

/** Budget, program summary sheets, municipality profiles and open data: read-only reports. */
export const reportsModule = defineFeature<ReportsService>({
  name: 'reports',
  routes: (service) => [createReportsRoutes(service)],
  homeFacts: (service) => [townSummaryFacts(service)],
});
