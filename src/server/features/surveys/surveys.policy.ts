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
  canReadShared(actor: Actor | null, prefectureId: string): actor is Actor {
    return (
      hasRole(actor, 'prefecture_admin', 'reviewer', 'council_secretariat', 'company_member') &&
      actor.prefectureId === prefectureId
    );
  },
};
