import type { ServiceDeps } from '../../platform/deps';
import { createReportsBudget } from './reports.budget';
import { createReportsExports } from './reports.exports';
import { createReportsOpenData } from './reports.open-data';
import { createReportsProfile } from './reports.profile';
import { createReportsSummarySheet } from './reports.summary-sheet';
import type { ReportsPorts } from './reports.types';

export type { ReportsPorts } from './reports.types';

/**
 * Reports, composed from one module per job: the budget, the program summary sheet (事業概要), a
 * municipality's profile, open data, and their exports. Reports write nothing; they read other
 * features through the ports app.ts gives them.
 */
export function createReportsService(deps: ServiceDeps, ports: ReportsPorts) {
  const modules = { db: deps.db, ports };
  const { budget } = createReportsBudget(modules);
  const { summarySheets, summarySheet } = createReportsSummarySheet(modules);
  const { municipalityProfile } = createReportsProfile(modules);
  return {
    budget,
    summarySheets,
    summarySheet,
    municipalityProfile,
    ...createReportsOpenData(modules),
    ...createReportsExports({ budget, summarySheet, municipalityProfile }),
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
