import { createRoute } from '@hono/zod-openapi';
import {
  auditListSchema,
  auditQuerySchema,
  outboxListSchema,
  outboxQuerySchema,
} from '../../../shared/schemas/accounts';
import { createRouter, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { AuditService } from './audit.service';

export function createAuditRoutes(service: AuditService) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['audit'],
      summary: 'Audit trail of the prefecture, newest first; page with `before` (administrators)',
      request: { query: auditQuerySchema },
      responses: { 200: jsonContent(auditListSchema, 'Audit entries'), ...standardErrors },
    }),
    async (c) => c.json(await service.listAuditEntries(requestContext(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/outbox',
      tags: ['audit'],
      summary: 'Mails of the prefecture with their text, newest first; without SMTP they stay queued here',
      request: { query: outboxQuerySchema },
      responses: { 200: jsonContent(outboxListSchema, 'Mails'), ...standardErrors },
    }),
    async (c) => c.json(await service.listOutbox(requestContext(c), c.req.valid('query')), 200),
  );

  return router;
}
