import { jstDate } from '../../shared/fiscal-year';

/**
 * The moment the shared test template is seeded at (global-setup.ts): 31 March 2025, the last day
 * of FY2024, so the template holds the document's years only, FY2024 active, on every run
 * whatever the date. Most tests are about those years' figures.
 */
export const templateSeedNow = jstDate(2025, 3, 31, 12);

/**
 * The moment a test that needs the demo's year in progress seeds its own database at
 * (`createTestContext({}, { seedNow: testSeedNow })`): Monday 2 June 2025, 10:00 JST, so the year in
 * progress is FY2025. At this moment the needs survey and the menu proposals are open, the review
 * and the call are running and the year's four seminars lie ahead (db/seed/present-demo.ts). It lies
 * in the past, so routes tested with the real clock see that year's phases closed, on every run.
 */
export const testSeedNow = jstDate(2025, 6, 2, 10);
/** The demo's year in progress in a database seeded at `testSeedNow`. */
export const testPresentYear = 2025;
