import { type Actor, isPrefectureAdmin } from '../../platform/context';

/**
 * Municipality master data (names, codes, areas) is not private: every
 * signed-in user of the prefecture may read it. Only prefecture admins
 * change it or import a new list.
 */
export const municipalitiesPolicy = {
  canList(actor: Actor | null, prefectureId: string): boolean {
    return actor !== null && actor.prefectureId === prefectureId;
  },
  canRead(actor: Actor | null, municipality: { prefectureId: string }): boolean {
    return actor !== null && actor.prefectureId === municipality.prefectureId;
  },
  canUpdate(actor: Actor | null, municipality: { prefectureId: string }): boolean {
    return isPrefectureAdmin(actor) && actor.prefectureId === municipality.prefectureId;
  },
  canImport(actor: Actor | null, prefectureId: string): boolean {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
};
