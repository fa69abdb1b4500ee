import { createRoute, z } from '@hono/zod-openapi';
import {
  invitationAcceptedSchema,
  invitationAcceptSchema,
  invitationPreviewSchema,
  okSchema,
  oneTimeTokenSchema,
  passwordChangeSchema,
  passwordResetConfirmSchema,
  passwordResetRequestedMessage,
  passwordResetRequestedSchema,
  passwordResetRequestSchema,
} from '../../../shared/schemas/accounts';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { AccountRecoveryService } from './account-recovery.service';

const linkErrors = {
  ...standardErrors,
  410: jsonContent(errorBodySchema, 'The link is invalid, already used or expired'),
} as const;

/** Password change and reset, and the invitation page: the account steps that work through a one-time link. */
export function createAccountRecoveryRoutes(service: AccountRecoveryService) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['auth'],
      summary: 'Change the signed-in user’s password; ends their other sessions',
      request: { body: jsonBody(passwordChangeSchema) },
      responses: {
        200: jsonContent(okSchema, 'Changed'),
        423: jsonContent(errorBodySchema, 'Locked after too many wrong passwords'),
        ...standardErrors,
      },
    }),
    async (c) => {
      await service.changePassword(requestContext(c), c.get('sessionTokenHash'), c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/request',
      tags: ['auth'],
      summary:
        'Ask for a password reset link by e-mail (the same answer whether or not the address is known)',
      request: { body: jsonBody(passwordResetRequestSchema) },
      responses: { 202: jsonContent(passwordResetRequestedSchema, 'Accepted'), ...standardErrors },
    }),
    async (c) => {
      await service.requestPasswordReset(requestContext(c), c.req.valid('json'));
      return c.json({ status: 'accepted' as const, message: passwordResetRequestedMessage }, 202);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/confirm',
      tags: ['auth'],
      summary: 'Set a new password with a reset link; ends every session of the user',
      request: { body: jsonBody(passwordResetConfirmSchema) },
      responses: { 200: jsonContent(okSchema, 'Password set'), ...linkErrors },
    }),
    async (c) => {
      await service.confirmPasswordReset(requestContext(c), c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/invitations/{token}',
      tags: ['auth'],
      summary: 'Who an invitation link is for, before the password is set',
      request: { params: z.object({ token: oneTimeTokenSchema }) },
      responses: { 200: jsonContent(invitationPreviewSchema, 'The invitation'), ...linkErrors },
    }),
    async (c) => c.json(await service.previewInvitation(requestContext(c), c.req.valid('param').token), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/invitations/accept',
      tags: ['auth'],
      summary: 'Accept an invitation: set the password (and confirm the name); then sign in as usual',
      request: { body: jsonBody(invitationAcceptSchema) },
      responses: { 200: jsonContent(invitationAcceptedSchema, 'Account ready'), ...linkErrors },
    }),
    async (c) => {
      const { email } = await service.acceptInvitation(requestContext(c), c.req.valid('json'));
      return c.json({ ok: true as const, email }, 200);
    },
  );

  return router;
}
