import { defineFeature } from '../feature-module';
import { createMunicipalitiesRoutes } from './municipalities.routes';
import type { MunicipalitiesService } from './municipalities.service';

/** The municipalities master, regions and areas, and the import of a master list. */
export const municipalitiesModule = defineFeature<MunicipalitiesService>({
  name: 'municipalities',
  routes: (service) => [createMunicipalitiesRoutes(service)],
});
