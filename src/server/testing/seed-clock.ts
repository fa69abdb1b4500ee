import { jstDate } from '../../shared/fiscal-year';

/**
 * The moment the test template's demo is seeded at (global-setup.ts): Monday 2 June 2025, 10:00
 * JST, so the demo's year in progress is FY2025 in every run, whatever the date. At this moment
 * the needs survey and the menu proposals are open, the review and the call are running and the
 * year's four seminars lie ahead (present-demo.ts). It lies in the past, so routes tested with the
 * real clock see that year's phases closed, the same on every run.
 */
export const testSeedNow = jstDate(2025, 6, 2, 10);
/** The demo's year in progress in the test template. */
export const testPresentYear = 2025;
