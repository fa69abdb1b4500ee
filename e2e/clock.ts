import { inject } from 'vitest';

/**
 * The day the browser tests live on. Their servers run on the server clock moved to it
 * (CLOCK_OFFSET_MS) and every page's clock is set to match, so what a spec dates — a new year's
 * phases (which may start from 1 October of the year before), a call's window, a survey's
 * deadline — lands in the same part of the fiscal year whenever the suite runs, and the demo's
 * year in progress is always FY2026. Specs may therefore name dates after it (the seminars spec's
 * event of 21 December 2026, its registration closing on the 18th). Time still runs from there
 * at real speed.
 */
export const e2ePresentMs = Date.parse('2026-11-30T10:00:00+09:00');

/** The offset from the wall clock, fixed once per run by the global setup (e2e/global-setup.ts). */
export function e2eClockOffsetMs(): number {
  try {
    return inject('e2eClockOffsetMs');
  } catch {
    // A spec run without the global setup: this process's own offset.
    return processOffsetMs;
  }
}
const processOffsetMs = e2ePresentMs - Date.now();

/** "Now" as the servers and pages of the browser tests see it. */
export function e2eNow(): Date {
  return new Date(Date.now() + e2eClockOffsetMs());
}
