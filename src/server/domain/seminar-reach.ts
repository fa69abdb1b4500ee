/**
 * Seminar reach (DXトップセミナーの到達状況): which municipalities a fiscal year's seminars reached,
 * per audience group (heads and deputies, staff). Pure: the rows come from the database, the
 * report is arithmetic over them.
 *
 * A municipality × year × group cell is *registered* when it holds a seat, *attended* when someone
 * (registered or a walk-in) stayed at least the event's threshold, *watched* when someone viewed
 * an archive that counts toward reach; it is *reached* when attended or watched.
 */
import type { Audience, ReachAudience, ReachReport, ReachRow } from '../../shared/schemas/seminars';
import { reachAudiences } from '../../shared/schemas/seminars';

/** A position that makes the attendee the municipality's head or deputy (市長, 副町長, 村長 …). */
export function isHeadPosition(position: string): boolean {
  return /(市|町|村|区)長/.test(position.normalize('NFKC'));
}

/** The reach group an attendee counts for: the event's own, or on an open event the attendee's. */
export function audienceGroupOf(eventAudience: Audience, isHead: boolean): ReachAudience {
  if (eventAudience === 'heads') return 'heads';
  if (eventAudience === 'staff') return 'staff';
  return isHead ? 'heads' : 'staff';
}

export interface ReachMunicipality {
  id: string;
  name: string;
  nameEn: string;
}

/** A registration that is not cancelled (a seat or a waiting-list place). */
export interface ReachRegistration {
  municipalityId: string;
  group: string;
  year: number;
  status: string;
  minutes: number | null;
  threshold: number;
}

export interface ReachWalkIn {
  municipalityId: string;
  group: string;
  year: number;
  minutes: number;
  threshold: number;
}

/** A view of an archive that counts toward reach. */
export interface ReachArchiveView {
  municipalityId: string;
  group: string;
  year: number;
}

export interface ReachSeriesCost {
  year: number;
  costPerSessionThousandYen: number;
  sessionCount: number;
}

export interface ReachInput {
  /** The prefecture's municipalities in display order (by code). */
  municipalities: ReachMunicipality[];
  registrations: ReachRegistration[];
  walkIns: ReachWalkIn[];
  archiveViews: ReachArchiveView[];
  series: ReachSeriesCost[];
  /** The year reported on; null for all years together. */
  fiscalYear: number | null;
}

interface Cell {
  municipalityId: string;
  year: number;
  audience: ReachAudience;
  registered: boolean;
  attended: boolean;
  watchedArchive: boolean;
}

/**
 * The one definition of 到達 (docs/decisions/008): a cell is reached when someone attended at
 * least the threshold or watched an archive that counts. A seat alone does not reach: such a
 * cell is 申込みのみ, and its municipality stays on the never-reached lists, marked so.
 */
export type ReachStatus = 'reached' | 'registered_only' | 'none';

export function reachStatusOf(c: {
  registered: boolean;
  attended: boolean;
  watchedArchive: boolean;
}): ReachStatus {
  if (c.attended || c.watchedArchive) return 'reached';
  return c.registered ? 'registered_only' : 'none';
}

const isReached = (c: Cell) => reachStatusOf(c) === 'reached';

export function computeReachReport(input: ReachInput): ReachReport {
  const { municipalities: munis, fiscalYear } = input;
  const cells = new Map<string, Cell>();
  const cell = (municipalityId: string, year: number, audience: string): Cell => {
    const key = `${municipalityId}|${year}|${audience}`;
    let c = cells.get(key);
    if (!c) {
      c = {
        municipalityId,
        year: Number(year),
        audience: audience as ReachAudience,
        registered: false,
        attended: false,
        watchedArchive: false,
      };
      cells.set(key, c);
    }
    return c;
  };
  for (const r of input.registrations) {
    const c = cell(r.municipalityId, r.year, r.group);
    if (r.status === 'registered') c.registered = true;
    if (r.minutes !== null && r.minutes >= r.threshold) c.attended = true;
  }
  for (const w of input.walkIns)
    if (w.minutes >= w.threshold) cell(w.municipalityId, w.year, w.group).attended = true;
  for (const v of input.archiveViews) cell(v.municipalityId, v.year, v.group).watchedArchive = true;

  const order = new Map(munis.map((m, i) => [m.id, i]));
  const byId = new Map(munis.map((m) => [m.id, m]));
  const all = [...cells.values()];
  const inYear = fiscalYear === null ? all : all.filter((c) => c.year === fiscalYear);
  const rows: ReachRow[] = inYear
    .filter((c) => byId.has(c.municipalityId))
    .map((c) => ({
      municipality: byId.get(c.municipalityId)!,
      fiscalYear: c.year,
      audience: c.audience,
      registered: c.registered,
      attended: c.attended,
      watchedArchive: c.watchedArchive,
      isReached: isReached(c),
    }))
    .sort(
      (a, b) =>
        b.fiscalYear - a.fiscalYear ||
        order.get(a.municipality.id)! - order.get(b.municipality.id)! ||
        a.audience.localeCompare(b.audience),
    );
  const reachedIn = (cs: Cell[], audience: ReachAudience) =>
    new Set(cs.filter((c) => c.audience === audience && isReached(c)).map((c) => c.municipalityId));
  const summary = reachAudiences.map((audience) => ({
    audience,
    reached: reachedIn(inYear, audience).size,
    total: munis.length,
  }));
  const registeredIn = (cs: Cell[], audience: ReachAudience) =>
    new Set(
      cs
        .filter((c) => c.audience === audience && reachStatusOf(c) === 'registered_only')
        .map((c) => c.municipalityId),
    );
  const notReached = (cs: Cell[], audience: ReachAudience) => {
    const reached = reachedIn(cs, audience);
    const registered = registeredIn(cs, audience);
    return munis
      .filter((m) => !reached.has(m.id))
      .map((m) => ({ ...m, registeredOnly: registered.has(m.id) }));
  };
  const neverReached = reachAudiences.map((audience) => ({
    audience,
    thisYear: notReached(inYear, audience),
    allYears: notReached(all, audience),
  }));
  const reachedAny = new Set(inYear.filter(isReached).map((c) => c.municipalityId));
  const costRows = fiscalYear === null ? input.series : input.series.filter((s) => s.year === fiscalYear);
  const costThousandYen =
    costRows.length === 0
      ? null
      : costRows.reduce((sum, s) => sum + s.costPerSessionThousandYen * s.sessionCount, 0);
  return {
    fiscalYear,
    rows,
    summary,
    neverReached,
    costThousandYen,
    municipalitiesReached: reachedAny.size,
    costPerMunicipalityReachedThousandYen:
      costThousandYen === null || reachedAny.size === 0
        ? null
        : Math.round((costThousandYen / reachedAny.size) * 10) / 10,
  };
}
