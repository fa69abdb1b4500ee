import fs from 'node:fs';
import path from 'node:path';
import { createChangeCounter } from './platform/changes';
import { systemClock } from './platform/clock';
import { createOperations } from './platform/operations';
import { notificationsModule } from './features/notifications/notifications.module';
import { createNotificationsService } from './features/notifications/notifications.service';
import { createRequire } from 'node:module';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import type { DatabaseHandle } from './db/client';
import { applicationsModule } from './features/applications/applications.module';
import { createApplicationsReadPort } from './features/applications/applications.ports';
import { createApplicationsService } from './features/applications/applications.service';
import { accountsModule } from './features/accounts/accounts.module';
import { createAccountsService } from './features/accounts/accounts.service';
import { auditModule } from './features/audit/audit.module';
import { createAuditService } from './features/audit/audit.service';
import { createAccountRecoveryService } from './features/auth/account-recovery.service';
import { authModule } from './features/auth/auth.module';
import { createAuthService } from './features/auth/auth.service';
import { createDemoAccountsService } from './features/auth/demo-accounts.service';
import { casesModule } from './features/cases/cases.module';
import { createCasesService } from './features/cases/cases.service';
import { dashboardsModule } from './features/dashboards/dashboards.module';
import { createDashboardsService } from './features/dashboards/dashboards.service';
import { calendarModule } from './features/calendar/calendar.module';
import { createCalendarService } from './features/calendar/calendar.service';
import { bindFeature, type FeatureModule } from './features/feature-module';
import { fiscalYearsModule } from './features/fiscal-years/fiscal-years.module';
import { createFiscalYearsService } from './features/fiscal-years/fiscal-years.service';
import { homeModule } from './features/home/home.module';
import { createHomeService, type HomeService } from './features/home/home.service';
import { menusModule } from './features/menus/menus.module';
import { createMenusService, needsProfilesFrom } from './features/menus/menus.service';
import { createMenusYearSetup } from './features/menus/menus.year-setup';
import { municipalitiesModule } from './features/municipalities/municipalities.module';
import { createMunicipalitiesService } from './features/municipalities/municipalities.service';
import { organizationsModule } from './features/organizations/organizations.module';
import { createOrganizationsService } from './features/organizations/organizations.service';
import { createSupportReadPort } from './features/applications/applications.read-port';
import { reportsModule } from './features/reports/reports.module';
import { createReportsService } from './features/reports/reports.service';
import { projectsModule } from './features/projects/projects.module';
import { createProjectsReadPort, createProjectsService } from './features/projects/projects.service';
import { seminarsModule } from './features/seminars/seminars.module';
import { createSeminarsReadPort } from './features/seminars/seminars.ports';
import { createSeminarsService } from './features/seminars/seminars.service';
import { createSeminarsYearSetup } from './features/seminars/seminars.year-setup';
import { createSurveyEligibility } from './features/surveys/eligibility';
import { createSurveysExports } from './features/surveys/surveys.exports';
import { surveysModule } from './features/surveys/surveys.module';
import { createSurveysReadPort } from './features/surveys/surveys.ports';
import { createSurveysService } from './features/surveys/surveys.service';
import { createSurveysYearSetup } from './features/surveys/surveys.year-setup';
import { surveyInstances } from './features/surveys/surveys.instances';
import type { AppConfig, ServiceDeps } from './platform/deps';
import { AppError } from './platform/errors';
import { auditRefusals } from './platform/refusal-audit';
import { serveWebApp } from './platform/static-web';
import { type AppEnv, toErrorResponse } from './platform/http';
import { type EventHandler, type JobDefinition, jobCleanup } from './platform/jobs/runner';
import { hasRole, isPrefectureAdmin, type Actor } from './platform/context';

const isCompanyMember = (actor: Actor) =>
  hasRole(actor, 'company_member') && actor.organizationKind === 'company';
import {
  clientAddress,
  csrfProtection,
  localeDetection,
  noStore,
  requestLogging,
  requestChanges,
  requestClock,
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

/** A feature module and where its service sits among the built services. */
interface FeatureEntry {
  // biome-ignore lint/suspicious/noExplicitAny: each module is typed by its own service, which `serviceOf` picks
  module: FeatureModule<any>;
  serviceOf(services: Services): unknown;
}
function feature<S>(module: FeatureModule<S>, serviceOf: (services: Services) => S): FeatureEntry {
  return { module, serviceOf };
}

/**
 * Every feature, in the order its routes are mounted. Contributions that need no service
 * (survey eligibility, home tasks) are read from the modules before the services are built.
 */
const features: readonly FeatureEntry[] = [
  feature(authModule, (s) => ({
    auth: s.auth,
    demoAccounts: s.demoAccounts,
    accountRecovery: s.accountRecovery,
  })),
  feature(municipalitiesModule, (s) => s.municipalities),
  feature(fiscalYearsModule, (s) => s.fiscalYears),
  feature(homeModule, (s) => s.home),
  feature(calendarModule, (s) => s.calendar),
  feature(accountsModule, (s) => s.accounts),
  feature(organizationsModule, (s) => s.organizations),
  feature(auditModule, (s) => s.audit),
  feature(menusModule, (s) => s.menus),
  feature(surveysModule, (s) => ({ surveys: s.surveys, exports: s.surveysExports })),
  feature(seminarsModule, (s) => s.seminars),
  feature(applicationsModule, (s) => s.applications),
  feature(notificationsModule, (s) => s.notifications),
  feature(reportsModule, (s) => s.reports),
  feature(casesModule, (s) => s.cases),
  feature(dashboardsModule, (s) => s.dashboards),
  feature(projectsModule, (s) => s.projects),
];

/**
 * Every feature's service, built once per process from the same deps. This is the one place
 * where features meet: each service gets the read ports of the features it needs, here.
 */
export function createServices(deps: ServiceDeps): Services {
  const featureServices = createFeatureServices(deps);
  // The home page gathers every module's tasks, so it is built last, from the services above.
  const tasks = features.flatMap(({ module, serviceOf }) =>
    // serviceOf never reaches for `home`: the home module contributes no tasks.
    module.homeTasks ? module.homeTasks(serviceOf(featureServices as Services)) : [],
  );
  const facts = features.flatMap(({ module, serviceOf }) =>
    module.homeFacts ? module.homeFacts(serviceOf(featureServices as Services)) : [],
  );
  return {
    ...featureServices,
    home: createHomeService(deps, { fiscalYears: featureServices.fiscalYears, tasks, facts }),
  };
}

function createFeatureServices(deps: ServiceDeps) {
  // Who answers which survey audience: contributed by the modules (seminars adds its participants).
  const eligibility = createSurveyEligibility(
    Object.assign({}, ...features.map(({ module }) => module.surveyEligibility ?? {})),
  );
  // Preparing a year: each feature copies its own yearly things and reports its checklist items.
  const fiscalYears = createFiscalYearsService(deps, [
    createMenusYearSetup(deps.db),
    createSurveysYearSetup(deps.db),
    createSeminarsYearSetup(deps.db),
  ]);
  const surveys = createSurveysService({ ...deps, eligibility });
  const accountRecovery = createAccountRecoveryService(deps);
  const projectsRead = createProjectsReadPort(deps.db);
  // Recommendations rank menus against the needs profiles the surveys feature derives; a menu's
  // page shows the evaluations of its earlier projects.
  const menus = createMenusService(deps, needsProfilesFrom(surveys), projectsRead);
  const seminars = createSeminarsService(deps);
  const municipalities = createMunicipalitiesService(deps);
  // The allocation reads the catalog of menus, and proposes a town's challenge from its survey answers.
  const applications = createApplicationsService(deps, {
    catalog: {
      selectedMenus: (prefectureId, fiscalYearId) =>
        menus.selectedMenusForAllocation(prefectureId, fiscalYearId),
    },
    prefill: { needsProfileOf: (p, m, fy) => surveys.needsProfileOf(p, m, fy) },
  });
  return {
    auth: createAuthService(deps),
    demoAccounts: createDemoAccountsService(deps),
    accountRecovery,
    municipalities,
    fiscalYears,
    calendar: createCalendarService(),
    // Inviting a user sends the same one-time link as sign-in's own invitation flow.
    accounts: createAccountsService(deps, { invitations: accountRecovery }),
    organizations: createOrganizationsService(deps),
    audit: createAuditService(deps),
    notifications: createNotificationsService(deps),
    surveys,
    menus,
    surveysExports: createSurveysExports({ ...deps, eligibility }, surveys),
    seminars,
    applications,
    // The case library reads the municipality master, the years, menu titles, support projects and
    // the projects' approved completion reports.
    cases: createCasesService(deps, {
      municipalities,
      fiscalYears,
      menus,
      supportProjects: applications,
      projectReports: projectsRead,
    }),
    // Reports read support projects, seminar reach, the needs surveys and the projects' evaluations, each through its port.
    reports: createReportsService(deps, {
      support: createSupportReadPort(deps),
      reach: { reachOf: (p, fy) => seminars.computeReach(deps.db, p, fy) },
      needs: { needsSurveyOutcome: (p, fy) => surveys.needsSurveyOutcome(p, fy) },
      outcomes: projectsRead,
    }),
    // Dashboards read support projects, needs-survey results and seminar reach through read ports.
    dashboards: createDashboardsService(deps, {
      applications: createApplicationsReadPort(deps.db),
      surveys: createSurveysReadPort(deps.db),
      seminars: createSeminarsReadPort(deps.db),
    }),
    // A project's delivery reads its menu's advisors and planned effort, and opens its evaluation
    // survey in the survey engine.
    projects: createProjectsService(deps, { menus: menus.delivery, surveys: surveyInstances }),
    // Approved reports and outcomes per menu, for the case library and the menus catalog.
    projectsRead,
  };
}
export type Services = ReturnType<typeof createFeatureServices> & { home: HomeService };

/** What the job runner of a process runs: the features' jobs and event handlers, and the platform's own. */
export interface BackgroundWork {
  jobs: JobDefinition[];
  eventHandlers: EventHandler[];
  /** Moves the process's change count after each job (platform/changes.ts). */
  onJobFinished: () => void;
}

export function createApp(deps: AppDeps) {
  // The embedded database has one writer, this process (the DATA_DIR lock): its count is complete.
  const changes = createChangeCounter({ isOnlyWriter: deps.database.engine === 'pglite' });
  const serviceDeps: ServiceDeps = {
    db: deps.database.db,
    config: deps.config,
    logger: deps.logger,
    changes,
  };
  const services = createServices(serviceDeps);
  const bound = features.map(({ module, serviceOf }) =>
    bindFeature(module, serviceOf(services), deps.config),
  );
  const background: BackgroundWork = {
    jobs: [jobCleanup, ...bound.flatMap((f) => f.jobs)],
    eventHandlers: bound.flatMap((f) => f.eventHandlers),
    onJobFinished: changes.bump,
  };
  const app = new Hono<AppEnv>();

  const operations = createOperations({
    database: deps.database,
    metricsToken: deps.config.metricsToken,
    poolMax: deps.config.databasePoolMax,
  });
  app.use(requestClock(deps.config.clock ?? systemClock));
  app.use(requestChanges(changes));
  app.use(requestLogging(deps.logger));
  app.use(operations.middleware);
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
  app.get('/readyz', operations.readiness);
  app.get('/metrics', operations.metrics);

  // basePath (not app.route('/api', …)) so the OpenAPI document lists the real paths, /api/….
  const api = new OpenAPIHono<AppEnv>().basePath('/api');
  api.use(noStore());
  api.use(auditRefusals(deps.database.db));
  api.use(csrfProtection());
  api.use(sessionLoading(deps.database.db, deps.config.sessionPolicy));
  // Upload routes are the prefecture administrators' (municipality master list, seminar attendance,
  // materials, archive) and, for a project's attachments, its company's members (see the access
  // rules); nobody else gets a body read.
  api.use(uploadsOnlyFrom((actor) => isPrefectureAdmin(actor) || isCompanyMember(actor)));
  // After the caller checks: without a content length this reads the whole body to measure it.
  api.use(
    bodyLimit({
      maxSize: 10 * 1024 * 1024,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE');
      },
    }),
  );
  for (const feature of bound) for (const router of feature.routes) api.route('/', router);

  // The document is built once per app, on first request: building it walks every route's zod
  // schemas (seconds under load), and the routes cannot change while the process runs.
  let openApiDocument: ReturnType<typeof api.getOpenAPI31Document> | undefined;
  api.get('/openapi.json', (c) => {
    openApiDocument ??= api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Kakehashi API',
        version: '0.1.0',
        description:
          'REST API of Kakehashi. Cookie sessions; state-changing requests must send the header `X-Kakehashi-Request: 1`. Errors: `{ error: { code, message: { ja, en }, fields[] } }`.',
      },
    });
    return c.json(openApiDocument);
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

  if (deps.webDir && fs.existsSync(path.join(deps.webDir, 'index.html'))) serveWebApp(app, deps.webDir);
  app.notFound(() => {
    throw new AppError('NOT_FOUND');
  });

  return { app, services, background };
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
