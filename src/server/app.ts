import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Logger } from 'pino';
import type { DatabaseHandle } from './db/client';
import { createAuthRoutes } from './features/auth/auth.routes';
import { createAuthService } from './features/auth/auth.service';
import { createDemoAccountsService } from './features/auth/demo-accounts.service';
import { createMunicipalitiesRoutes } from './features/municipalities/municipalities.routes';
import { createMunicipalitiesService } from './features/municipalities/municipalities.service';
import { createCalendarRoutes } from './features/calendar/calendar.routes';
import { createCalendarService } from './features/calendar/calendar.service';
import { createFiscalYearsRoutes } from './features/fiscal-years/fiscal-years.routes';
import { createFiscalYearsService } from './features/fiscal-years/fiscal-years.service';
import { createSurveysExports } from './features/surveys/surveys.exports';
import { createSurveysRoutes } from './features/surveys/surveys.routes';
import { createSurveysService } from './features/surveys/surveys.service';
import { createHomeRoutes } from './features/home/home.routes';
import { createMenusRoutes } from './features/menus/menus.routes';
import { createMenusService, needsProfilesFrom } from './features/menus/menus.service';
import { createHomeService } from './features/home/home.service';
import { createAccountRecoveryRoutes } from './features/auth/account-recovery.routes';
import { createAccountRecoveryService } from './features/auth/account-recovery.service';
import { createAccountsRoutes } from './features/accounts/accounts.routes';
import { createAccountsService } from './features/accounts/accounts.service';
import { createOrganizationsRoutes } from './features/organizations/organizations.routes';
import { createOrganizationsService } from './features/organizations/organizations.service';
import { createAuditRoutes } from './features/audit/audit.routes';
import { createAuditService } from './features/audit/audit.service';
import { createSeminarsRoutes } from './features/seminars/seminars.routes';
import { registerSeminarFeedbackEligibility } from './features/seminars/seminars.feedback';
import { createSeminarsService } from './features/seminars/seminars.service';
import type { AppConfig, ServiceDeps } from './platform/deps';
import { AppError } from './platform/errors';
import { type AppEnv, toErrorResponse } from './platform/http';
import { isPrefectureAdmin } from './platform/context';
import {
  clientAddress,
  csrfProtection,
  localeDetection,
  noStore,
  requestLogging,
  sessionLoading,
  uploadsOnlyFrom,
} from './platform/middleware';

export interface AppDeps {
  database: DatabaseHandle;
  config: AppConfig;
  logger: Logger;
  /** Built web app to serve (dist/web); omitted in API-only tests. */
  webDir?: string | undefined;
}

/** Every feature's services, built once per process from the same deps. */
export function createServices(deps: ServiceDeps) {
  // Seminar feedback surveys: their respondents are the participants of the events linked to them.
  registerSeminarFeedbackEligibility();
  const surveys = createSurveysService(deps);
  return {
    auth: createAuthService(deps),
    demoAccounts: createDemoAccountsService(deps),
    municipalities: createMunicipalitiesService(deps),
    fiscalYears: createFiscalYearsService(deps),
    home: createHomeService(deps),
    calendar: createCalendarService(),
    accountRecovery: createAccountRecoveryService(deps),
    accounts: createAccountsService(deps),
    organizations: createOrganizationsService(deps),
    audit: createAuditService(deps),
    surveys,
    // Recommendations rank menus against the needs profiles the surveys feature derives.
    menus: createMenusService(deps, needsProfilesFrom(surveys)),
    surveysExports: createSurveysExports(deps, surveys),
    seminars: createSeminarsService(deps),
  };
}
export type Services = ReturnType<typeof createServices>;

/** Feature routers, each mounted under /api. Adding a feature means adding it here. */
function mountFeatures(api: OpenAPIHono<AppEnv>, services: Services, config: AppConfig) {
  api.route('/', createAuthRoutes(services.auth, services.demoAccounts, config));
  api.route('/', createMunicipalitiesRoutes(services.municipalities));
  api.route('/', createFiscalYearsRoutes(services.fiscalYears));
  api.route('/', createHomeRoutes(services.home));
  api.route('/', createCalendarRoutes(services.calendar));
  api.route('/', createAccountRecoveryRoutes(services.accountRecovery));
  api.route('/', createAccountsRoutes(services.accounts));
  api.route('/', createOrganizationsRoutes(services.organizations));
  api.route('/', createAuditRoutes(services.audit));
  api.route('/', createMenusRoutes(services.menus));
  api.route('/', createSurveysRoutes(services.surveys, services.surveysExports));
  api.route('/', createSeminarsRoutes(services.seminars));
}

export function createApp(deps: AppDeps) {
  const serviceDeps: ServiceDeps = { db: deps.database.db, config: deps.config, logger: deps.logger };
  const services = createServices(serviceDeps);
  const app = new Hono<AppEnv>();

  app.use(requestLogging(deps.logger));
  app.use(clientAddress(deps.config.trustedProxies ?? []));
  app.use(
    secureHeaders({
      // Municipal PCs sit on closed networks: nothing may load from another host.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(localeDetection());
  app.onError((err, c) => toErrorResponse(err, c));

  app.get('/healthz', async (c) => {
    const isUp = await deps.database.ping();
    return isUp ? c.json({ status: 'ok' }, 200) : c.json({ status: 'unavailable' }, 503);
  });

  // basePath (not app.route('/api', …)) so the OpenAPI document lists the real paths, /api/….
  const api = new OpenAPIHono<AppEnv>().basePath('/api');
  api.use(noStore());
  api.use(csrfProtection());
  api.use(sessionLoading(deps.database.db, deps.config.sessionPolicy));
  // Every upload route (municipality master list, seminar attendance, materials, archive) is the
  // prefecture administrators' (see the access rules); nobody else gets a body read.
  api.use(uploadsOnlyFrom(isPrefectureAdmin));
  // After the caller checks: without a content length this reads the whole body to measure it.
  api.use(
    bodyLimit({
      maxSize: 10 * 1024 * 1024,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE');
      },
    }),
  );
  mountFeatures(api, services, deps.config);

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Kakehashi API',
      version: '0.1.0',
      description:
        'REST API of Kakehashi. Cookie sessions; state-changing requests must send the header `X-Kakehashi-Request: 1`. Errors: `{ error: { code, message: { ja, en }, fields[] } }`.',
    },
  });
  api.get('/docs', (c) => c.html(apiReferencePage()));
  // validatorUrl null: Swagger UI's default points at validator.swagger.io, and nothing may call another host.
  api.get('/docs/init.js', (c) =>
    c.body(
      "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', validatorUrl: null });",
      200,
      { 'content-type': 'text/javascript; charset=utf-8' },
    ),
  );
  api.get('/docs/assets/:file', (c) => serveSwaggerAsset(c.req.param('file')));
  api.all('*', () => {
    throw new AppError('NOT_FOUND');
  });
  app.route('/', api);

  if (deps.webDir && fs.existsSync(path.join(deps.webDir, 'index.html'))) {
    const webDir = deps.webDir;
    const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), webDir) || '.' }));
    app.use('/favicon.svg', serveStatic({ root: path.relative(process.cwd(), webDir) || '.' }));
    // Client-side routes: every other GET gets the app shell.
    app.get('*', (c) => c.html(indexHtml));
  }
  app.notFound(() => {
    throw new AppError('NOT_FOUND');
  });

  return { app, services };
}

const require = createRequire(import.meta.url);
const swaggerAssets = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']);

/** The API reference, served from the bundled swagger-ui: no CDN on a closed network. */
function serveSwaggerAsset(file: string): Response {
  if (!swaggerAssets.has(file)) throw new AppError('NOT_FOUND');
  const dir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const body = fs.readFileSync(path.join(dir, file));
  const type = file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
  return new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } });
}

function apiReferencePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kakehashi API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><main id="swagger-ui"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;
}
