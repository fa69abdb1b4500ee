import type { PhaseState } from '../../shared/schemas/fiscal-years';
import type { BadgeTone } from './Badge';

/** The badge colour of a phase's state, the same on the home page and the year's page. */
export const phaseStateTones: Record<PhaseState, BadgeTone> = {
  upcoming: 'info',
  open: 'success',
  not_ready: 'warning',
  closed: 'neutral',
};
