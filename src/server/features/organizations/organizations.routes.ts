import { createRoute, z } from '@hono/zod-openapi';
import {
  organizationCreateSchema,
  organizationListQuerySchema,
  organizationListSchema,
  organizationMembersSchema,
  organizationPatchSchema,
  organizationSchema,
} from '../../../shared/schemas/accounts';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { OrganizationsService } from './organizations.service';

const idParams = z.object({ id: z.uuid() });

const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current organization) or duplicate name'),
} as const;

export function createOrganizationsRoutes(service: OrganizationsService) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/organizations',
      tags: ['organizations'],
      summary:
        'Organizations: all of the prefecture for administrators and the council secretariat, otherwise one’s own',
      request: { query: organizationListQuerySchema },
      responses: { 200: jsonContent(organizationListSchema, 'Organizations'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.list(requestContext(c), c.req.valid('query')) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/organizations',
      tags: ['organizations'],
      summary:
        'Create a prefecture division, council or company (municipalities come from the master import)',
      request: { body: jsonBody(organizationCreateSchema) },
      responses: { 201: jsonContent(organizationSchema, 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.create(requestContext(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/organizations/{id}',
      tags: ['organizations'],
      summary: 'Rename or (de)activate an organization; needs the version read',
      request: { params: idParams, body: jsonBody(organizationPatchSchema) },
      responses: { 200: jsonContent(organizationSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.update(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/members',
      tags: ['organizations'],
      summary: 'Members of an organization (administrators, or the organization’s own members)',
      request: { params: idParams },
      responses: { 200: jsonContent(organizationMembersSchema, 'Members'), ...readErrors },
    }),
    async (c) => c.json(await service.listMembers(requestContext(c), c.req.valid('param').id), 200),
  );

  return router;
}
