import { createRoute, z } from '@hono/zod-openapi';
import {
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  notificationPreferencesUpdateSchema,
  readAllResultSchema,
  unreadCountSchema,
} from '../../../shared/schemas/notifications';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { NotificationsService } from './notifications.service';

const idParams = z.object({ id: z.uuid() });
const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = { ...readErrors, 409: jsonContent(errorBodySchema, 'Version conflict') } as const;

/** The signed-in person's inbox and e-mail preferences (see shared/schemas/notifications.ts). */
export function createNotificationsRoutes(service: NotificationsService) {
  const router = createRouter();
  const tags = ['notifications'];

  router.openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags,
      summary: 'Own notifications, newest first; page with `before`',
      request: { query: notificationListQuerySchema },
      responses: { 200: jsonContent(notificationListSchema, 'Notifications'), ...standardErrors },
    }),
    async (c) => c.json(await service.list(requestContext(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/notifications/unread-count',
      tags,
      summary: 'How many of own notifications are unread (the header badge)',
      responses: { 200: jsonContent(unreadCountSchema, 'Unread count'), ...standardErrors },
    }),
    async (c) => c.json(await service.unreadCount(requestContext(c)), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags,
      summary: 'Mark one own notification read',
      request: { params: idParams },
      responses: { 204: { description: 'Marked read' }, ...readErrors },
    }),
    async (c) => {
      await service.markRead(requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read-all',
      tags,
      summary: 'Mark all own notifications read',
      responses: { 200: jsonContent(readAllResultSchema, 'How many were marked'), ...standardErrors },
    }),
    async (c) => c.json(await service.markAllRead(requestContext(c)), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/notifications/preferences',
      tags,
      summary: 'Own e-mail delivery per notification kind (version 0 until first saved)',
      responses: { 200: jsonContent(notificationPreferencesSchema, 'Preferences'), ...standardErrors },
    }),
    async (c) => c.json(await service.preferences(requestContext(c)), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/notifications/preferences',
      tags,
      summary: 'Save own e-mail delivery per kind, with the version read',
      request: { body: jsonBody(notificationPreferencesUpdateSchema) },
      responses: { 200: jsonContent(notificationPreferencesSchema, 'Saved'), ...writeErrors },
    }),
    async (c) => c.json(await service.updatePreferences(requestContext(c), c.req.valid('json')), 200),
  );

  return router;
}
