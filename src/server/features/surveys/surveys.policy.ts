import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';

/**
 * Raw answers (every town's results, free text, exports, any town's maturity) are for prefecture
 * staff: its administrators and the reviewers who work for the prefecture. The reviewer role is
 * about menus, so it grants nothing here on its own: a company or council member who also reviews
 * still sees only the published shared view.
 */
function isPrefectureStaffReader(actor: Actor | null, prefectureId: string): actor is Actor {
  if (!actor || actor.prefectureId !== prefectureId) return false;
  if (actor.roles.includes('prefecture_admin')) return true;
  return actor.organizationKind === 'prefecture' && actor.roles.includes('reviewer');
}

/**
 * Who may do what with surveys. The prefecture (admins) builds surveys, reads every answer and
 * may fill a draft for a town; the prefecture's own reviewers read results; respondents read and
 * answer the surveys of their audience (only their own response); council members and companies,
 * reviewers among them, see only the view the prefecture published.
 */
export const surveysPolicy = {
  canManage(actor: Actor | null, prefectureId: string): actor is Actor {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
  canReadResults(actor: Actor | null, prefectureId: string): actor is Actor {
    return isPrefectureStaffReader(actor, prefectureId);
  },
  canAnswerForMunicipality(actor: Actor | null): actor is Actor {
    return hasRole(actor, 'municipality_staff', 'municipality_head') && actor.municipalityId !== null;
  },
  /** A town's maturity: prefecture staff for any town, municipal users for their own only. */
  canReadMaturity(actor: Actor | null, prefectureId: string, municipalityId: string): actor is Actor {
    if (!actor || actor.prefectureId !== prefectureId) return false;
    const ownTown = actor.municipalityId === municipalityId;
    return (
      isPrefectureStaffReader(actor, prefectureId) ||
      (hasRole(actor, 'municipality_staff', 'municipality_head') && ownTown)
    );
  },
  canReadShared(actor: Actor | null, prefectureId: string): actor is Actor {
    return (
      hasRole(actor, 'prefecture_admin', 'reviewer', 'council_secretariat', 'company_member') &&
      actor.prefectureId === prefectureId
    );
  },
};
