import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';

/**
 * Who may do what with surveys. The prefecture (admins) builds surveys, reads every answer and
 * may fill a draft for a town; reviewers read results; respondents read and answer the surveys
 * of their audience (only their own response); council members and companies see only the view
 * the prefecture published.
 */
export const surveysPolicy = {
  canManage(actor: Actor | null, prefectureId: string): actor is Actor {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
  canReadResults(actor: Actor | null, prefectureId: string): actor is Actor {
    return hasRole(actor, 'prefecture_admin', 'reviewer') && actor.prefectureId === prefectureId;
  },
  canAnswerForMunicipality(actor: Actor | null): actor is Actor {
    return hasRole(actor, 'municipality_staff', 'municipality_head') && actor.municipalityId !== null;
  },
  /** A town's maturity: prefecture staff for any town, municipal users for their own only. */
  canReadMaturity(actor: Actor | null, prefectureId: string, municipalityId: string): actor is Actor {
    if (!actor || actor.prefectureId !== prefectureId) return false;
    const ownTown = actor.municipalityId === municipalityId;
    return (
      hasRole(actor, 'prefecture_admin', 'reviewer') ||
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
