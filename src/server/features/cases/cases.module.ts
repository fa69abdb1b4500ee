import { defineFeature } from '../feature-module';
import { createCasesRoutes } from './cases.routes';
import type { CasesService } from './cases.service';

/** The case library: drafting, approval by the municipality and the prefecture, the public library. */
export const casesModule = defineFeature<CasesService>({
  name: 'cases',
  routes: (service) => [createCasesRoutes(service)],
});
