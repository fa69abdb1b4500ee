import type { Catalog } from './ja';
import { authEn } from './auth';
import { homeEn } from './home';
import { municipalitiesEn } from './municipalities';
import { fiscalYearsEn } from './fiscal-years';
import { accountEn } from './account';
import { adminEn } from './admin';
import { aboutEn } from './about';
import { menusEn } from './menus';
import { surveysEn } from './surveys';
import { seminarsEn } from './seminars';
import { applicationsEn } from './applications';

/** UI text in English. Same keys as ja.ts (enforced by the Catalog type and catalog.test.ts). */
export const en: Catalog = {
  shell: {
    skipToContent: 'Skip to main content',
    tagline: 'Municipal DX support platform',
    language: 'Language',
    mainNav: 'Main menu',
    breadcrumbs: 'Breadcrumbs',
    signedInAs: 'Signed in as: ',
    logout: 'Sign out',
    footer: {
      about: 'Data sources and licences',
      account: 'Account settings',
      apiDocs: 'API reference',
      note: 'Kakehashi — the platform that connects the prefecture, its municipalities and ICT companies in municipal DX support programs',
    },
  },
  nav: {
    home: 'Home',
    fiscalYears: 'Fiscal years & programs',
    municipalities: 'Municipalities',
    municipalityList: 'Municipalities',
    users: 'Users',
    organizations: 'Organizations',
    outbox: 'Outgoing mail',
    audit: 'Audit log',
    seminars: 'DX seminars',
    account: 'Account',
    surveys: 'Surveys',
  },
  common: {
    all: 'All',
    none: 'None',
    save: 'Save',
    cancel: 'Cancel',
    edit: 'Edit',
    delete: 'Delete',
    actions: 'Actions',
    choose: 'Choose…',
  },
  form: {
    required: 'Required',
    optional: 'Optional',
  },
  alert: {
    info: 'Information: ',
    success: 'Done: ',
    warning: 'Warning: ',
    error: 'Error: ',
  },
  state: {
    loading: 'Loading…',
    loadFailed: 'The data could not be loaded',
    retry: 'Try again',
    unknownError: 'An unexpected error occurred. Please try again later.',
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'The page you are looking for may have moved or been deleted, or the address may be wrong.',
    crashTitle: 'The page could not be shown',
    crashBody:
      'Something went wrong while showing this page. Please reload it. If the problem continues, contact an administrator.',
    forbiddenTitle: 'You do not have access to this page',
    forbiddenBody:
      'Only prefecture administrators can use this page. Please contact an administrator if you need it.',
    reload: 'Reload the page',
    backHome: 'Back to home',
    conflictTitle: 'Someone else saved first',
    reloadLatest: 'Load the latest version',
  },
  ...authEn,
  ...homeEn,
  ...municipalitiesEn,
  ...fiscalYearsEn,
  ...accountEn,
  ...adminEn,
  ...aboutEn,
  ...menusEn,
  ...surveysEn,
  ...seminarsEn,
  ...applicationsEn,
};
