import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { queryClient } from './api/query-client';
import { Spinner } from './components/Spinner';
import { homeQuery } from './features/home/api';
import { surveyQuery } from './features/surveys/api';
import { type CatalogPartName, loadCatalogParts } from './i18n';
import { Layout } from './shell/Layout';
import { RequireRole, RequireSession } from './shell/RequireSession';
import { RouteError } from './shell/RouteError';

/**
 * The catalog parts each feature's pages use: their own, and those of the shared components and
 * other features' pieces they show (FilterPanel → municipalities, PhaseTimeline → fiscalYears and
 * home, NewPasswordFields and MfaSecret → auth).
 */
const featureParts = {
  about: ['about'],
  account: ['account', 'auth'],
  admin: ['admin', 'auth', 'municipalities'],
  applications: ['applications', 'fiscalYears', 'menus', 'municipalities', 'home'],
  cases: ['cases'],
  auth: ['auth'],
  errors: [],
  fiscalYears: ['fiscalYears', 'home'],
  home: ['home', 'fiscalYears', 'municipalities'],
  menus: ['menus', 'fiscalYears', 'municipalities', 'home'],
  notifications: ['notifications'],
  reports: ['reports'],
  municipalities: ['municipalities', 'fiscalYears'],
  seminars: ['seminars', 'fiscalYears', 'municipalities', 'surveys', 'home'],
  surveys: ['surveys', 'fiscalYears', 'municipalities', 'home'],
  dashboards: ['dashboards'],
  projects: ['projects', 'fiscalYears', 'home'],
} satisfies Record<string, CatalogPartName[]>;

/**
 * Each page is its own chunk, loaded when first visited, together with its feature's text: both
 * are fetched at once and the page renders only when its text is there, so `t()` stays synchronous.
 */
function page(
  feature: keyof typeof featureParts,
  load: () => Promise<{ default: ComponentType }>,
): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const [module] = await Promise.all([load(), loadCatalogParts(featureParts[feature])]);
      return { Component: module.default };
    },
  };
}

/**
 * For the pages people open first: their data is asked for as the route starts, beside the page's
 * chunks, instead of after the page has arrived and rendered (a round trip less on a slow line).
 * The page's own query then finds it. Not awaited: the page shows its loading state as before.
 */
function prefetch(start: (params: Record<string, string | undefined>) => void): Pick<RouteObject, 'loader'> {
  return {
    loader: ({ params }) => {
      start(params);
      return null;
    },
  };
}

const adminOnly = ['prefecture_admin'] as const;
const companyOnly = ['company_member'] as const;
/** The three-year planner and the reports: the prefecture and the council (the server enforces the same). */
const plannerRoles = ['prefecture_admin', 'council_secretariat'] as const;
/** The left-behind list: the prefecture and the council (the server enforces the same). */
const leftBehindRoles = ['prefecture_admin', 'reviewer', 'council_secretariat'] as const;
/** Survey results: the prefecture and its reviewers (the server enforces the same). */
const surveyResultRoles = ['prefecture_admin', 'reviewer'] as const;

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Spinner />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { path: 'login', ...page('auth', () => import('./features/auth/LoginPage')) },
          {
            path: 'password-reset',
            ...page('auth', () => import('./features/auth/PasswordResetRequestPage')),
          },
          {
            path: 'password-reset/confirm',
            ...page('auth', () => import('./features/auth/PasswordResetConfirmPage')),
          },
          {
            path: 'invitations/accept',
            ...page('auth', () => import('./features/auth/InvitationAcceptPage')),
          },
          { path: 'about', ...page('about', () => import('./features/about/AboutPage')) },
          // Public: the open datasets anyone may download without signing in.
          { path: 'open-data', ...page('reports', () => import('./features/reports/OpenDataPage')) },
          // The case library is public: no sign-in for the list, a case's printable page or the booklet.
          { path: 'cases', ...page('cases', () => import('./features/cases/PublicCaseListPage')) },
          { path: 'cases/booklet', ...page('cases', () => import('./features/cases/CaseBookletPage')) },
          { path: 'cases/:id', ...page('cases', () => import('./features/cases/PublicCasePage')) },
          {
            element: <RequireSession />,
            children: [
              {
                index: true,
                ...prefetch(() => void queryClient.prefetchQuery(homeQuery)),
                ...page('home', () => import('./features/home/HomePage')),
              },
              {
                path: 'municipalities',
                ...page('municipalities', () => import('./features/municipalities/MunicipalityListPage')),
              },
              {
                path: 'municipalities/import',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  {
                    index: true,
                    ...page(
                      'municipalities',
                      () => import('./features/municipalities/MunicipalityImportPage'),
                    ),
                  },
                ],
              },
              {
                path: 'municipalities/:id',
                ...page('municipalities', () => import('./features/municipalities/MunicipalityDetailPage')),
              },
              {
                path: 'fiscal-years',
                ...page('fiscalYears', () => import('./features/fiscal-years/FiscalYearListPage')),
              },
              {
                path: 'fiscal-years/:id',
                ...page('fiscalYears', () => import('./features/fiscal-years/FiscalYearDetailPage')),
              },
              {
                path: 'fiscal-years/:id/setup',
                ...page('fiscalYears', () => import('./features/fiscal-years/SetupChecklistPage')),
              },
              { path: 'surveys', ...page('surveys', () => import('./features/surveys/SurveyListPage')) },
              {
                path: 'surveys/:id/answer',
                ...prefetch(({ id }) => void queryClient.prefetchQuery(surveyQuery(id ?? ''))),
                ...page('surveys', () => import('./features/surveys/SurveyAnswerPage')),
              },
              {
                path: 'surveys/:id/shared',
                ...page('surveys', () => import('./features/surveys/SurveySharedPage')),
              },
              {
                path: 'surveys/:id/results',
                element: <RequireRole roles={surveyResultRoles} />,
                children: [
                  { index: true, ...page('surveys', () => import('./features/surveys/SurveyResultsPage')) },
                ],
              },
              {
                path: 'surveys/:id/edit',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  { index: true, ...page('surveys', () => import('./features/surveys/SurveyBuilderPage')) },
                ],
              },
              { path: 'seminars', ...page('seminars', () => import('./features/seminars/SeminarListPage')) },
              {
                path: 'seminars/reach',
                ...page('seminars', () => import('./features/seminars/SeminarReachPage')),
              },
              {
                path: 'seminars/events/:id',
                ...page('seminars', () => import('./features/seminars/SeminarEventPage')),
              },
              {
                path: 'seminars/events/:id/attendance',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  {
                    index: true,
                    ...page('seminars', () => import('./features/seminars/SeminarAttendancePage')),
                  },
                ],
              },
              { path: 'account', ...page('account', () => import('./features/account/AccountPage')) },
              {
                path: 'account/notifications',
                ...page(
                  'notifications',
                  () => import('./features/notifications/NotificationPreferencesPage'),
                ),
              },
              {
                path: 'notifications',
                ...page('notifications', () => import('./features/notifications/NotificationsPage')),
              },
              {
                path: 'menus/proposals',
                ...page('menus', () => import('./features/menus/ProposalListPage')),
              },
              {
                path: 'menus/proposals/new',
                element: <RequireRole roles={companyOnly} />,
                children: [
                  { index: true, ...page('menus', () => import('./features/menus/ProposalNewPage')) },
                ],
              },
              {
                path: 'menus/proposals/:id',
                ...page('menus', () => import('./features/menus/ProposalPage')),
              },
              {
                path: 'menus/profile',
                element: <RequireRole roles={companyOnly} />,
                children: [
                  { index: true, ...page('menus', () => import('./features/menus/AdvisorProfilePage')) },
                ],
              },
              {
                path: 'menus/reviews',
                element: <RequireRole roles={['reviewer']} />,
                children: [
                  { index: true, ...page('menus', () => import('./features/menus/ReviewListPage')) },
                ],
              },
              {
                path: 'menus/admin',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  { index: true, ...page('menus', () => import('./features/menus/AdminMenusPage')) },
                ],
              },
              { path: 'menus/catalog', ...page('menus', () => import('./features/menus/CatalogPage')) },
              {
                path: 'menus/catalog/:id',
                ...page('menus', () => import('./features/menus/MenuDetailPage')),
              },
              {
                path: 'menus/recommendations',
                ...page('menus', () => import('./features/menus/RecommendationsPage')),
              },
              {
                path: 'calls',
                ...page('applications', () => import('./features/applications/CallListPage')),
              },
              {
                path: 'calls/:id',
                ...page('applications', () => import('./features/applications/CallPage')),
              },
              {
                path: 'calls/:id/apply',
                ...page('applications', () => import('./features/applications/ApplicationNewPage')),
              },
              {
                path: 'calls/:id/allocation',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  {
                    index: true,
                    ...page('applications', () => import('./features/applications/AllocationPage')),
                  },
                ],
              },
              {
                path: 'calls/:id/planner',
                element: <RequireRole roles={plannerRoles} />,
                children: [
                  {
                    index: true,
                    ...page('applications', () => import('./features/applications/PlannerPage')),
                  },
                ],
              },
              {
                path: 'applications/:id',
                ...page('applications', () => import('./features/applications/ApplicationPage')),
              },
              {
                path: 'runs',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  {
                    path: 'compare',
                    ...page('applications', () => import('./features/applications/RunComparePage')),
                  },
                  { path: ':id', ...page('applications', () => import('./features/applications/RunPage')) },
                ],
              },
              { path: 'cases/manage', ...page('cases', () => import('./features/cases/CaseManagePage')) },
              { path: 'cases/manage/new', ...page('cases', () => import('./features/cases/CaseEditPage')) },
              { path: 'cases/manage/:id', ...page('cases', () => import('./features/cases/CaseEditPage')) },
              {
                path: 'reports',
                element: <RequireRole roles={plannerRoles} />,
                children: [
                  { index: true, ...page('reports', () => import('./features/reports/ReportsPage')) },
                  { path: 'budget', ...page('reports', () => import('./features/reports/BudgetPage')) },
                  {
                    path: 'summary-sheets/:id',
                    ...page('reports', () => import('./features/reports/SummarySheetPage')),
                  },
                ],
              },
              {
                // The server decides whose profile may be read (a municipality: its own only).
                path: 'reports/municipalities/:id',
                ...page('reports', () => import('./features/reports/MunicipalityProfilePage')),
              },
              {
                path: 'reports/my-profile',
                ...page('reports', () => import('./features/reports/MyProfilePage')),
              },
              {
                path: 'dashboards',
                ...page('dashboards', () => import('./features/dashboards/CoveragePage')),
              },
              {
                path: 'dashboards/left-behind',
                element: <RequireRole roles={leftBehindRoles} />,
                children: [
                  {
                    index: true,
                    ...page('dashboards', () => import('./features/dashboards/LeftBehindPage')),
                  },
                ],
              },
              {
                path: 'dashboards/maturity',
                ...page('dashboards', () => import('./features/dashboards/MaturityPage')),
              },
              {
                path: 'dashboards/seminars',
                ...page('dashboards', () => import('./features/dashboards/SeminarReachPage')),
              },
              {
                path: 'support-projects',
                ...page('applications', () => import('./features/applications/SupportProjectsPage')),
              },
              { path: 'projects', ...page('projects', () => import('./features/projects/ProjectListPage')) },
              {
                path: 'projects/overdue',
                ...page('projects', () => import('./features/projects/OverdueReportsPage')),
              },
              { path: 'projects/:id', ...page('projects', () => import('./features/projects/ProjectPage')) },
              {
                path: 'admin',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  { path: 'users', ...page('admin', () => import('./features/admin/UsersPage')) },
                  {
                    path: 'organizations',
                    ...page('admin', () => import('./features/admin/OrganizationsPage')),
                  },
                  { path: 'outbox', ...page('admin', () => import('./features/admin/OutboxPage')) },
                  { path: 'audit', ...page('admin', () => import('./features/admin/AuditPage')) },
                ],
              },
            ],
          },
          { path: '*', ...page('errors', () => import('./features/errors/NotFoundPage')) },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
