import type { FiscalYearsService } from './fiscal-years.service';

/** What other features read of the yearly plan: the current year with its phases, and deadlines. */
export type FiscalYearsReadPort = Pick<FiscalYearsService, 'getCurrentPlan' | 'listUpcomingDeadlines'>;

/** Every fiscal year of a prefecture as id and number (e.g. to label a record's year without a request). */
export type FiscalYearIndexPort = Pick<FiscalYearsService, 'yearsOf'>;
