/**
 * The data every dashboard is computed from, per prefecture, and the process's cache of it
 * (ADR 014). Support projects and needs-survey answers change rarely and are costly to gather
 * (the maturity of every answer is scored from its JSON), so a process keeps what it gathered,
 * and the views computed from it, for as long as the prefecture's stored generation is the one
 * it gathered at — one primary-key lookup per prefecture per second, shared by the requests of
 * that second. The generation moves on the applications' and surveys' domain events
 * (dashboards.module.ts); the process that moves it forgets at once, the others within a second.
 * Master data without events (a renamed municipality) is picked up after `maxAgeMs` at the latest.
 */
import type { DashboardMunicipality } from '../../../shared/schemas/dashboards';
import type { Executor } from '../../db/client';
import type { ApplicationsReadPort, SupportCoverageRow } from '../applications/applications.ports';
import type { NeedsResult, NeedsSurveyInfo, SurveysReadPort } from '../surveys/surveys.ports';
import { generationOf, listFiscalYears, listMunicipalities, listRegions } from './dashboards.repository';

export interface DashboardBase {
  municipalities: DashboardMunicipality[];
  regions: { name: string; nameEn: string }[];
  /** Every fiscal year of the prefecture, oldest first. */
  fiscalYears: number[];
  coverage: SupportCoverageRow[];
  needs: NeedsResult[];
  /**
   * The years with coverage rows and with needs answers, gathered with the base: every request
   * picks its year from them, and scanning 100,000 answers for their years per request was most
   * of a cached maturity request's time at national scale.
   */
  coverageYears: number[];
  needsYears: number[];
}

interface Entry {
  generation: number;
  loadedAt: number;
  /** When the stored generation was last compared with this entry's. */
  checkedAt: number;
  /** The needs surveys' sharing settings as of that check (they decide what others may see). */
  surveys: NeedsSurveyInfo[];
  base: Promise<DashboardBase>;
  /** Views computed from this base, by a key naming the view, the viewer's scope and the year. */
  views: Map<string, unknown>;
}

export interface ReadModelPorts {
  applications: ApplicationsReadPort;
  surveys: SurveysReadPort;
}

export const maxAgeMs = 5 * 60_000;
/**
 * How long a process answers from its entry before asking for the generation again: one lookup
 * per prefecture per second, shared by every request meanwhile, instead of one per request.
 */
export const revalidateMs = 1_000;
const maxViews = 2_000;

export function createReadModelCache(db: Executor, ports: ReadModelPorts) {
  const entries = new Map<string, Entry>();

  async function load(prefectureId: string): Promise<DashboardBase> {
    const [municipalities, regions, fiscalYears, coverage, needs] = await Promise.all([
      listMunicipalities(db, prefectureId),
      listRegions(db, prefectureId),
      listFiscalYears(db, prefectureId),
      ports.applications.supportCoverage(prefectureId),
      ports.surveys.needsResults(prefectureId),
    ]);
    const yearsOf = (rows: { fiscalYear: number }[]) =>
      [...new Set(rows.map((r) => r.fiscalYear))].sort((a, b) => a - b);
    return {
      municipalities,
      regions,
      fiscalYears,
      coverage,
      needs,
      coverageYears: yearsOf(coverage),
      needsYears: yearsOf(needs),
    };
  }

  /**
   * One check per prefecture at a time, shared by the requests that wait for it: the generation,
   * and the needs surveys' sharing settings (no event announces them; a second is their delay).
   */
  const lookups = new Map<string, Promise<{ generation: number; surveys: NeedsSurveyInfo[] }>>();
  function lookUp(prefectureId: string) {
    let lookup = lookups.get(prefectureId);
    if (!lookup) {
      lookup = Promise.all([generationOf(db, prefectureId), ports.surveys.needsSurveys(prefectureId)])
        .then(([generation, surveys]) => ({ generation, surveys }))
        .finally(() => lookups.delete(prefectureId));
      lookups.set(prefectureId, lookup);
    }
    return lookup;
  }

  async function entryOf(prefectureId: string, now: Date): Promise<Entry> {
    const at = now.getTime();
    const isFresh = (e: Entry | undefined): e is Entry => e !== undefined && at - e.loadedAt < maxAgeMs;
    const found = entries.get(prefectureId);
    if (isFresh(found) && at - found.checkedAt < revalidateMs) return found;
    const { generation, surveys } = await lookUp(prefectureId);
    const current = entries.get(prefectureId);
    if (isFresh(current) && current.generation === generation) {
      if (at >= current.checkedAt) {
        current.checkedAt = at;
        current.surveys = surveys;
      }
      return current;
    }
    // Concurrent requests after a change share one load.
    const entry: Entry = {
      generation,
      loadedAt: at,
      checkedAt: at,
      surveys,
      base: load(prefectureId),
      views: new Map(),
    };
    entries.set(prefectureId, entry);
    entry.base.catch(() => {
      if (entries.get(prefectureId) === entry) entries.delete(prefectureId);
    });
    return entry;
  }

  return {
    /** A view of the prefecture's base, computed once per generation and key. */
    async view<T>(
      prefectureId: string,
      now: Date,
      key: string,
      compute: (base: DashboardBase) => T,
    ): Promise<T> {
      const entry = await entryOf(prefectureId, now);
      const base = await entry.base;
      if (!entry.views.has(key)) {
        // One entry per viewer scope and year: bounded, since a municipality's own view is small.
        if (entry.views.size >= maxViews) entry.views.clear();
        entry.views.set(key, compute(base));
      }
      return entry.views.get(key) as T;
    },
    /** The same view serialized once: what the routes send (the large views are 0.5–1 MB of JSON). */
    async json<T>(
      prefectureId: string,
      now: Date,
      key: string,
      compute: (base: DashboardBase) => T,
    ): Promise<string> {
      const entry = await entryOf(prefectureId, now);
      const base = await entry.base;
      const jsonKey = `${key}|json`;
      if (!entry.views.has(jsonKey)) {
        if (entry.views.size >= maxViews) entry.views.clear();
        const view = entry.views.has(key) ? (entry.views.get(key) as T) : compute(base);
        entry.views.set(jsonKey, JSON.stringify(view));
      }
      return entry.views.get(jsonKey) as string;
    },
    async base(prefectureId: string, now: Date): Promise<DashboardBase> {
      return (await entryOf(prefectureId, now)).base;
    },
    /** The needs surveys with their sharing settings, as of the last check (at most a second old). */
    async needsSurveys(prefectureId: string, now: Date): Promise<NeedsSurveyInfo[]> {
      return (await entryOf(prefectureId, now)).surveys;
    },
    /** This process drops what it gathered at once (it moved the generation itself). */
    forget(prefectureId: string): void {
      entries.delete(prefectureId);
    },
  };
}
export type ReadModelCache = ReturnType<typeof createReadModelCache>;

/**
 * The year a dashboard opens on: the one asked for, else the latest year up to the current one
 * that has data, else the current fiscal year.
 */
export function pickYear(asked: number | undefined, withData: number[], currentFiscalYear: number): number {
  if (asked !== undefined) return asked;
  const past = withData.filter((y) => y <= currentFiscalYear);
  return past.length > 0 ? Math.max(...past) : currentFiscalYear;
}
