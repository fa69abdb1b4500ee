/**
 * The server's clock. A request reads it once, at its start (`ctx.now`, the same instant for the
 * whole request); the job runner, the mail sender and the demo seed are given the same clock.
 * Nothing else in the server asks the wall clock what time it is.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * A clock running at real speed but `offsetMs` away from the wall clock (CLOCK_OFFSET_MS). The
 * browser tests live on one fixed day so that what they date (a new year's phases, a call's
 * window) falls in the same part of the fiscal year whenever they run; an operator can rehearse
 * a date ahead ("the demo as of 1 April") the same way.
 */
export function clockWithOffset(offsetMs: number): Clock {
  if (offsetMs === 0) return systemClock;
  return () => new Date(Date.now() + offsetMs);
}
