import { defineFeature } from '../feature-module';
import { createHomeRoutes } from './home.routes';
import type { HomeService } from './home.service';

/** The role-aware home page; its tasks come from the other modules' `homeTasks`. */
export const homeModule = defineFeature<HomeService>({
  name: 'home',
  routes: (service) => [createHomeRoutes(service)],
});
