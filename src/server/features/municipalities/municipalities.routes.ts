import { createRoute, z } from '@hono/zod-openapi';
import {
  municipalityListQuerySchema,
  municipalityPatchSchema,
  municipalitySchema,
  regionWithAreasSchema,
} from '../../../shared/schemas/municipalities';
import { createRouter, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { MunicipalitiesService } from './municipalities.service';

const idParams = z.object({ id: z.uuid() });

export function createMunicipalitiesRoutes(service: MunicipalitiesService) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/municipalities',
      tags: ['municipalities'],
      summary: 'Municipalities of the prefecture, filtered by area, region, kind or text',
      request: { query: municipalityListQuerySchema },
      responses: { 200: jsonContent(z.object({ items: z.array(municipalitySchema) }), 'Municipalities'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.list(requestContext(c), c.req.valid('query')) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/municipalities/{id}',
      tags: ['municipalities'],
      summary: 'One municipality',
      request: { params: idParams },
      responses: { 200: jsonContent(municipalitySchema, 'The municipality'), ...standardErrors },
    }),
    async (c) => c.json(await service.get(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/municipalities/{id}',
      tags: ['municipalities'],
      summary: 'Update master data (population with its source); needs the version read',
      request: { params: idParams, body: jsonBody(municipalityPatchSchema) },
      responses: { 200: jsonContent(municipalitySchema, 'Updated'), ...standardErrors },
    }),
    async (c) => c.json(await service.update(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/regions',
      tags: ['municipalities'],
      summary: 'Regions of the prefecture with their areas',
      responses: { 200: jsonContent(z.object({ items: z.array(regionWithAreasSchema) }), 'Regions'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.listRegions(requestContext(c)) }, 200),
  );

  return router;
}
