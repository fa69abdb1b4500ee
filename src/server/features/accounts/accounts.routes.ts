import { createRoute, z } from '@hono/zod-openapi';
import {
  invitationCreateSchema,
  invitationSentSchema,
  userListQuerySchema,
  userListSchema,
  userPatchSchema,
  userSummarySchema,
} from '../../../shared/schemas/accounts';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { AccountsService } from './accounts.service';

const idParams = z.object({ id: z.uuid() });

const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current user) or duplicate e-mail'),
} as const;

/** The administrators' user management: list, invite, edit, unlock, reset the second factor. */
export function createAccountsRoutes(service: AccountsService) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['accounts'],
      summary: 'Users of the prefecture with organization, roles and status (administrators)',
      request: { query: userListQuerySchema },
      responses: { 200: jsonContent(userListSchema, 'Users'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.list(requestContext(c), c.req.valid('query')) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/users/invitations',
      tags: ['accounts'],
      summary: 'Invite a user: creates the account without a password and mails a link to set one (7 days)',
      request: { body: jsonBody(invitationCreateSchema) },
      responses: { 201: jsonContent(invitationSentSchema, 'Invited'), ...writeErrors },
    }),
    async (c) => c.json(await service.invite(requestContext(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['accounts'],
      summary: 'Change name, roles or active state; needs the version read. Deactivating ends the sessions',
      request: { params: idParams, body: jsonBody(userPatchSchema) },
      responses: { 200: jsonContent(userSummarySchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.update(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/unlock',
      tags: ['accounts'],
      summary: 'Lift a lockout after failed sign-ins',
      request: { params: idParams },
      responses: { 200: jsonContent(userSummarySchema, 'Unlocked'), ...readErrors },
    }),
    async (c) => c.json(await service.unlock(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/mfa-reset',
      tags: ['accounts'],
      summary: 'Forget the user’s authenticator so they enrol again at the next sign-in (not oneself)',
      request: { params: idParams },
      responses: { 200: jsonContent(userSummarySchema, 'Reset'), ...readErrors },
    }),
    async (c) => c.json(await service.resetMfa(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/invitation',
      tags: ['accounts'],
      summary:
        'Send the invitation again (new link; earlier links stop working) to a user without a password',
      request: { params: idParams },
      responses: { 200: jsonContent(invitationSentSchema, 'Sent'), ...readErrors },
    }),
    async (c) => c.json(await service.resendInvitation(requestContext(c), c.req.valid('param').id), 200),
  );

  return router;
}
