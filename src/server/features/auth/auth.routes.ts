import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import {
  demoAccountsResponseSchema,
  loginRequestSchema,
  loginResultSchema,
  mfaCodeRequestSchema,
  mfaSetupRequestSchema,
  mfaSetupSchema,
  profileUpdateSchema,
  sessionUserSchema,
} from '../../../shared/schemas/auth';
import { sessionCookieName } from '../../platform/auth/sessions';
import type { AppConfig } from '../../platform/deps';
import { type AppEnv, createRouter, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { AuthService } from './auth.service';
import type { DemoAccountsService } from './demo-accounts.service';

const okSchema = z.object({ ok: z.literal(true) });

/** X-Forwarded-Proto counts only from a trusted proxy (see clientAddress in platform/middleware.ts). */
function isSecureRequest(c: Context<AppEnv>, setting: AppConfig['secureCookies']): boolean {
  if (setting !== 'auto') return setting;
  return c.get('isHttps');
}

export function createAuthRoutes(auth: AuthService, demo: DemoAccountsService, config: AppConfig) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Sign in with e-mail and password',
      request: { body: jsonBody(loginRequestSchema) },
      responses: {
        200: jsonContent(loginResultSchema, 'Signed in, or the second factor is needed'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const outcome = await auth.login(requestContext(c), c.req.valid('json'), c.get('sessionTokenHash'));
      const isSecure = isSecureRequest(c, config.secureCookies);
      // With prefix 'host' Hono names it __Host-kk_session (secureSessionCookieName) and checks the rules.
      setCookie(c, sessionCookieName, outcome.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isSecure,
        path: '/',
        expires: outcome.expiresAt,
        ...(isSecure ? { prefix: 'host' as const } : {}),
      });
      return c.json({ status: outcome.status }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/mfa/verify',
      tags: ['auth'],
      summary: 'Complete sign-in with a TOTP code',
      request: { body: jsonBody(mfaCodeRequestSchema) },
      responses: { 200: jsonContent(okSchema, 'Signed in'), ...standardErrors },
    }),
    async (c) => {
      await auth.verifyMfa(
        requestContext(c),
        c.get('pendingMfaUserId'),
        c.get('sessionTokenHash'),
        c.req.valid('json').code,
      );
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/mfa/setup',
      tags: ['auth'],
      summary:
        'Start authenticator enrolment (returns a new TOTP secret; replacing an active one needs the password or a current code)',
      request: { body: jsonBody(mfaSetupRequestSchema) },
      responses: {
        200: jsonContent(mfaSetupSchema, 'Secret to add to an authenticator app'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const userId = c.get('actor')?.userId ?? c.get('pendingMfaUserId');
      return c.json(await auth.beginMfaSetup(requestContext(c), userId, c.req.valid('json')), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/mfa/confirm',
      tags: ['auth'],
      summary: 'Confirm authenticator enrolment with a first code',
      request: { body: jsonBody(mfaCodeRequestSchema) },
      responses: { 200: jsonContent(okSchema, 'Enrolled and signed in'), ...standardErrors },
    }),
    async (c) => {
      const userId = c.get('actor')?.userId ?? c.get('pendingMfaUserId');
      await auth.confirmMfaSetup(
        requestContext(c),
        userId,
        c.get('sessionTokenHash'),
        c.req.valid('json').code,
      );
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'Sign out (ends the session on the server)',
      responses: { 200: jsonContent(okSchema, 'Signed out') },
    }),
    async (c) => {
      await auth.logout(requestContext(c), c.get('sessionTokenHash'));
      deleteCookie(c, sessionCookieName, { path: '/' });
      if (isSecureRequest(c, config.secureCookies))
        deleteCookie(c, sessionCookieName, { path: '/', secure: true, prefix: 'host' });
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags: ['auth'],
      summary: 'The signed-in user, organization and prefecture',
      responses: { 200: jsonContent(sessionUserSchema, 'The signed-in user'), ...standardErrors },
    }),
    // The session lookup already read it (platform/auth/sessions.ts): no second query.
    async (c) => c.json(c.get('sessionUser') ?? (await auth.getSessionUser(requestContext(c))), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/auth/me',
      tags: ['auth'],
      summary: 'Change one’s own display name (needs the version read from GET /auth/me)',
      request: { body: jsonBody(profileUpdateSchema) },
      responses: { 200: jsonContent(sessionUserSchema, 'The updated user'), ...standardErrors },
    }),
    async (c) => c.json(await auth.updateOwnProfile(requestContext(c), c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/demo-accounts',
      tags: ['auth'],
      summary: 'Demo accounts shown on the login page (demo mode only)',
      responses: { 200: jsonContent(demoAccountsResponseSchema, 'Demo accounts, or none outside demo mode') },
    }),
    async (c) => c.json(await demo.listDemoAccounts(requestContext(c).now), 200),
  );

  return router;
}
