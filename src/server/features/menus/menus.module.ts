import { defineFeature } from '../feature-module';
import { menuTasks } from './menus.home-tasks';
import { createMenusRoutes } from './menus.routes';
import type { MenusService } from './menus.service';

/** Support menus: proposals, rubric review, decisions, the catalog and recommendations. */
export const menusModule = defineFeature<MenusService>({
  name: 'menus',
  homeTasks: () => [menuTasks],
  routes: (service) => [createMenusRoutes(service)],
});
