import { createRoute } from '@hono/zod-openapi';
import { homeSchema } from '../../../shared/schemas/fiscal-years';
import { createRouter, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { HomeService } from './home.service';

export function createHomeRoutes(service: HomeService) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/home',
      tags: ['home'],
      summary: "The signed-in user's home: this year's plan, deadlines that concern their role, tasks",
      responses: { 200: jsonContent(homeSchema, 'Home'), ...standardErrors },
    }),
    async (c) => c.json(await service.get(requestContext(c)), 200),
  );

  return router;
}
