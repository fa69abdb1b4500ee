import type { Role } from '../../../shared/roles';
import type { PhaseKind } from '../../../shared/schemas/fiscal-years';

export {
  fiscalYearStatusLabels,
  phaseKindLabels,
  phaseStateLabels,
  programKindLabels,
} from '../../../shared/schemas/fiscal-years';

export { phaseStateTones } from '../../components/phase-state-tones';

export const fiscalYearStatusTones = { planning: 'info', active: 'success', closed: 'neutral' } as const;

/**
 * The phases in which each role has something to do, to highlight them on the
 * home page. Mirrors the server's choice of deadlines per role (home.service);
 * it only decides emphasis, never access.
 */
const phaseKindsByRole: Record<Role, readonly PhaseKind[] | 'all'> = {
  prefecture_admin: 'all',
  council_secretariat: 'all',
  reviewer: ['review'],
  company_member: ['proposals', 'delivery', 'seminars'],
  municipality_staff: ['survey', 'call', 'delivery', 'evaluation', 'seminars'],
  municipality_head: ['survey', 'call', 'evaluation', 'seminars'],
};

export function isPhaseRelevantTo(roles: readonly Role[], kind: PhaseKind): boolean {
  return roles.some((role) => {
    const kinds = phaseKindsByRole[role];
    return kinds === 'all' || kinds.includes(kind);
  });
}
