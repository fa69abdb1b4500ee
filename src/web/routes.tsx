import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Spinner } from './components/Spinner';
import { Layout } from './shell/Layout';
import { RequireRole, RequireSession } from './shell/RequireSession';
import { RouteError } from './shell/RouteError';

/** Each page is its own chunk, loaded when first visited. */
function page(load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load()).default }) };
}

const adminOnly = ['prefecture_admin'] as const;
const companyOnly = ['company_member'] as const;
/** The three-year planner: the prefecture and the council (the server enforces the same). */
const plannerRoles = ['prefecture_admin', 'council_secretariat'] as const;
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
          { path: 'login', ...page(() => import('./features/auth/LoginPage')) },
          { path: 'password-reset', ...page(() => import('./features/auth/PasswordResetRequestPage')) },
          {
            path: 'password-reset/confirm',
            ...page(() => import('./features/auth/PasswordResetConfirmPage')),
          },
          { path: 'invitations/accept', ...page(() => import('./features/auth/InvitationAcceptPage')) },
          { path: 'about', ...page(() => import('./features/about/AboutPage')) },
          {
            element: <RequireSession />,
            children: [
              { index: true, ...page(() => import('./features/home/HomePage')) },
              {
                path: 'municipalities',
                ...page(() => import('./features/municipalities/MunicipalityListPage')),
              },
              {
                path: 'municipalities/import',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  { index: true, ...page(() => import('./features/municipalities/MunicipalityImportPage')) },
                ],
              },
              {
                path: 'municipalities/:id',
                ...page(() => import('./features/municipalities/MunicipalityDetailPage')),
              },
              { path: 'fiscal-years', ...page(() => import('./features/fiscal-years/FiscalYearListPage')) },
              {
                path: 'fiscal-years/:id',
                ...page(() => import('./features/fiscal-years/FiscalYearDetailPage')),
              },
              { path: 'surveys', ...page(() => import('./features/surveys/SurveyListPage')) },
              { path: 'surveys/:id/answer', ...page(() => import('./features/surveys/SurveyAnswerPage')) },
              { path: 'surveys/:id/shared', ...page(() => import('./features/surveys/SurveySharedPage')) },
              {
                path: 'surveys/:id/results',
                element: <RequireRole roles={surveyResultRoles} />,
                children: [{ index: true, ...page(() => import('./features/surveys/SurveyResultsPage')) }],
              },
              {
                path: 'surveys/:id/edit',
                element: <RequireRole roles={adminOnly} />,
                children: [{ index: true, ...page(() => import('./features/surveys/SurveyBuilderPage')) }],
              },
              { path: 'seminars', ...page(() => import('./features/seminars/SeminarListPage')) },
              {
                path: 'seminars/reach',
                ...page(() => import('./features/seminars/SeminarReachPage')),
              },
              {
                path: 'seminars/events/:id',
                ...page(() => import('./features/seminars/SeminarEventPage')),
              },
              {
                path: 'seminars/events/:id/attendance',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  { index: true, ...page(() => import('./features/seminars/SeminarAttendancePage')) },
                ],
              },
              { path: 'account', ...page(() => import('./features/account/AccountPage')) },
              { path: 'menus/proposals', ...page(() => import('./features/menus/ProposalListPage')) },
              {
                path: 'menus/proposals/new',
                element: <RequireRole roles={companyOnly} />,
                children: [{ index: true, ...page(() => import('./features/menus/ProposalNewPage')) }],
              },
              { path: 'menus/proposals/:id', ...page(() => import('./features/menus/ProposalPage')) },
              {
                path: 'menus/profile',
                element: <RequireRole roles={companyOnly} />,
                children: [{ index: true, ...page(() => import('./features/menus/AdvisorProfilePage')) }],
              },
              {
                path: 'menus/reviews',
                element: <RequireRole roles={['reviewer']} />,
                children: [{ index: true, ...page(() => import('./features/menus/ReviewListPage')) }],
              },
              {
                path: 'menus/admin',
                element: <RequireRole roles={adminOnly} />,
                children: [{ index: true, ...page(() => import('./features/menus/AdminMenusPage')) }],
              },
              { path: 'menus/catalog', ...page(() => import('./features/menus/CatalogPage')) },
              { path: 'menus/catalog/:id', ...page(() => import('./features/menus/MenuDetailPage')) },
              {
                path: 'menus/recommendations',
                ...page(() => import('./features/menus/RecommendationsPage')),
              },
              { path: 'calls', ...page(() => import('./features/applications/CallListPage')) },
              { path: 'calls/:id', ...page(() => import('./features/applications/CallPage')) },
              {
                path: 'calls/:id/apply',
                ...page(() => import('./features/applications/ApplicationNewPage')),
              },
              {
                path: 'calls/:id/allocation',
                element: <RequireRole roles={adminOnly} />,
                children: [{ index: true, ...page(() => import('./features/applications/AllocationPage')) }],
              },
              {
                path: 'calls/:id/planner',
                element: <RequireRole roles={plannerRoles} />,
                children: [{ index: true, ...page(() => import('./features/applications/PlannerPage')) }],
              },
              { path: 'applications/:id', ...page(() => import('./features/applications/ApplicationPage')) },
              {
                path: 'runs',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  { path: 'compare', ...page(() => import('./features/applications/RunComparePage')) },
                  { path: ':id', ...page(() => import('./features/applications/RunPage')) },
                ],
              },
              {
                path: 'support-projects',
                ...page(() => import('./features/applications/SupportProjectsPage')),
              },
              {
                path: 'admin',
                element: <RequireRole roles={adminOnly} />,
                children: [
                  { path: 'users', ...page(() => import('./features/admin/UsersPage')) },
                  { path: 'organizations', ...page(() => import('./features/admin/OrganizationsPage')) },
                  { path: 'outbox', ...page(() => import('./features/admin/OutboxPage')) },
                  { path: 'audit', ...page(() => import('./features/admin/AuditPage')) },
                ],
              },
            ],
          },
          { path: '*', ...page(() => import('./features/errors/NotFoundPage')) },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
