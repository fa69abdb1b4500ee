import { defineFeature } from '../feature-module';
import { createOrganizationsRoutes } from './organizations.routes';
import type { OrganizationsService } from './organizations.service';

/** Prefecture divisions, the council and its member companies, and their members. */
export const organizationsModule = defineFeature<OrganizationsService>({
  name: 'organizations',
  routes: (service) => [createOrganizationsRoutes(service)],
});
