import type { Actor } from '../../platform/context';

/**
 * Who sees which dashboard rows. The prefecture (its administrators, and the reviewers of its own
 * organization, as for survey results) and the council secretariat see every municipality; a
 * municipality sees its own row and the prefecture's aggregates; companies see nothing here. A
 * reviewer role held in a company or the council grants nothing on its own.
 *
 * Survey-derived figures (maturity, "no answer") of other municipalities follow the survey's own
 * sharing settings for the council: per municipality only when the prefecture published the
 * year's needs survey with municipality names (surveys.policy: the council reads the shared view).
 */
export type DashboardViewer =
  | { kind: 'prefecture' }
  | { kind: 'council' }
  | { kind: 'municipality'; municipalityId: string };

export const dashboardsPolicy = {
  viewerOf(actor: Actor | null): DashboardViewer | null {
    if (!actor) return null;
    const has = (...roles: Actor['roles']) => actor.roles.some((r) => roles.includes(r));
    if (has('prefecture_admin')) return { kind: 'prefecture' };
    if (actor.organizationKind === 'prefecture' && has('reviewer')) return { kind: 'prefecture' };
    if (actor.organizationKind === 'council' && has('council_secretariat')) return { kind: 'council' };
    if (
      actor.organizationKind === 'municipality' &&
      actor.municipalityId !== null &&
      has('municipality_staff', 'municipality_head')
    ) {
      return { kind: 'municipality', municipalityId: actor.municipalityId };
    }
    return null;
  },
  /** The left-behind list: a prefecture tool with the council looking on. */
  canReadLeftBehind(viewer: DashboardViewer | null): boolean {
    return viewer?.kind === 'prefecture' || viewer?.kind === 'council';
  },
  /** Another municipality's survey figures of a year, given that year's sharing settings. */
  canSeeSurveyRows(
    viewer: DashboardViewer,
    share: { isPublished: boolean; includeMunicipalityNames: boolean } | undefined,
  ): boolean {
    if (viewer.kind === 'prefecture') return true;
    if (viewer.kind === 'council') return share?.isPublished === true && share.includeMunicipalityNames;
    return false;
  },
  /** Region-level survey aggregates: not for a municipality until the year's survey is published. */
  canSeeSurveyRegions(viewer: DashboardViewer, share: { isPublished: boolean } | undefined): boolean {
    return viewer.kind !== 'municipality' || share?.isPublished === true;
  },
};
