/**
 * 誰一人取り残さない: the municipalities the programs have not reached yet, why, and the link
 * that starts what the prefecture can do about it (the call, a seminar, a proxy answer).
 */
import {
  type LeftBehind,
  type LeftBehindAction,
  type LeftBehindReason,
  leftBehindReasons,
  lowMaturityLevel,
} from '../../../shared/schemas/dashboards';
import type { Audience } from '../../../shared/schemas/seminars';
import type { ReachCell } from '../seminars/seminars.ports';
import type { NeedsSurveyInfo } from '../surveys/surveys.ports';
import { type DashboardViewer, dashboardsPolicy as policy } from './dashboards.policy';
import type { DashboardBase } from './dashboards.read-model';

export interface LeftBehindInputs {
  cells: ReachCell[];
  surveys: NeedsSurveyInfo[];
  /** Newest fiscal year first. */
  calls: { id: string; fiscalYear: number }[];
  /** Soonest first. */
  upcomingEvents: { id: string; audience: Audience }[];
}

export function computeLeftBehind(
  base: DashboardBase,
  inputs: LeftBehindInputs,
  fiscalYear: number,
  viewer: DashboardViewer,
): LeftBehind {
  const shareOf = (year: number) => inputs.surveys.find((s) => s.fiscalYear === year);
  const surveyRowsShown = (year: number) => policy.canSeeSurveyRows(viewer, shareOf(year));
  const supported = new Set(
    base.coverage.filter((c) => c.fiscalYear <= fiscalYear).map((c) => c.municipalityId),
  );
  const reached = (audience: 'heads' | 'staff') =>
    new Set(
      inputs.cells
        .filter((c) => c.audience === audience && c.status === 'reached' && c.fiscalYear <= fiscalYear)
        .map((c) => c.municipalityId),
    );
  const reachedHeads = reached('heads');
  const reachedStaff = reached('staff');
  /** The latest needs result up to the year, per municipality. */
  const latestNeeds = new Map<string, { fiscalYear: number; overallLevel: number | null }>();
  for (const n of base.needs) {
    if (n.fiscalYear > fiscalYear) continue;
    const seen = latestNeeds.get(n.municipalityId);
    if (!seen || seen.fiscalYear < n.fiscalYear) latestNeeds.set(n.municipalityId, n);
  }
  const survey = shareOf(fiscalYear);

  const call = inputs.calls.find((c) => c.fiscalYear === fiscalYear) ?? inputs.calls[0];
  const callHref = call ? `/calls/${call.id}` : '/calls';
  const seminarHref = (audience: 'heads' | 'staff') => {
    const event = inputs.upcomingEvents.find((e) => e.audience === audience || e.audience === 'all');
    return event ? `/seminars/events/${event.id}` : '/seminars';
  };

  const entries = base.municipalities.flatMap((m) => {
    const reasons: { kind: LeftBehindReason; level: number | null }[] = [];
    const actions: { kind: LeftBehindAction; href: string }[] = [];
    const act = (kind: LeftBehindAction, href: string) => {
      if (!actions.some((a) => a.href === href)) actions.push({ kind, href });
    };
    if (!supported.has(m.id)) {
      reasons.push({ kind: 'never_supported', level: null });
      act('invite_to_call', callHref);
    }
    if (!reachedHeads.has(m.id)) {
      reasons.push({ kind: 'never_reached_heads', level: null });
      act('invite_to_seminar', seminarHref('heads'));
    }
    if (!reachedStaff.has(m.id)) {
      reasons.push({ kind: 'never_reached_staff', level: null });
      act('invite_to_seminar', seminarHref('staff'));
    }
    const needs = latestNeeds.get(m.id);
    if (
      needs &&
      needs.overallLevel !== null &&
      needs.overallLevel <= lowMaturityLevel &&
      surveyRowsShown(needs.fiscalYear)
    ) {
      reasons.push({ kind: 'low_maturity', level: needs.overallLevel });
      act('invite_to_call', callHref);
    }
    if (survey && surveyRowsShown(fiscalYear) && needs?.fiscalYear !== fiscalYear) {
      reasons.push({ kind: 'no_survey_answer', level: null });
      act('offer_proxy_answer', `/surveys/${survey.id}/answer?municipality=${m.id}`);
    }
    return reasons.length === 0 ? [] : [{ municipality: m, reasons, actions }];
  });
  const years = [...new Set([...base.fiscalYears, fiscalYear])].sort((a, b) => a - b);
  return {
    fiscalYear,
    fiscalYears: years,
    surveyReasonsShown: surveyRowsShown(fiscalYear),
    entries,
    counts: leftBehindReasons.map((kind) => ({
      kind,
      count: entries.filter((e) => e.reasons.some((r) => r.kind === kind)).length,
    })),
  };
}
