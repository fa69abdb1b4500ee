import { createRoute } from '@hono/zod-openapi';
import { holidaysQuerySchema, holidaysResponseSchema } from '../../../shared/schemas/fiscal-years';
import { createRouter, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { CalendarService } from './calendar.service';

export function createCalendarRoutes(service: CalendarService) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/calendar/holidays',
      tags: ['calendar'],
      summary: 'National holidays and year-end closure days (12/29–1/3) of a calendar year',
      request: { query: holidaysQuerySchema },
      responses: {
        200: jsonContent(holidaysResponseSchema, 'Closed days, in date order'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { year } = c.req.valid('query');
      return c.json({ year, items: service.listClosedDays(requestContext(c), year) }, 200);
    },
  );

  return router;
}
