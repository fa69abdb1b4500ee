import type { FiscalYearsService } from './fiscal-years.service';

/** What other features read of the yearly plan: the current year with its phases, and deadlines. */
export type FiscalYearsReadPort = Pick<FiscalYearsService, 'getCurrentPlan' | 'listUpcomingDeadlines'>;
