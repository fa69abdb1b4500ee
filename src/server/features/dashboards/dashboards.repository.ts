/**
 * The dashboards' own queries. Besides its one table (dashboard_generations) it reads, read-only,
 * the tenancy master data every feature shares — municipalities, regions, areas (owned by the
 * municipalities feature) and fiscal_years (fiscal-years feature) — to name and order the rows.
 * and prefectures (its code). Everything else (support projects, survey answers, seminar reach) comes through read ports.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  areas,
  dashboardGenerations,
  fiscalYears,
  municipalities,
  prefectures,
  regions,
} from '../../db/schema';
import type { DashboardMunicipality } from '../../../shared/schemas/dashboards';

/** The prefecture's municipalities by code, with their area and region (reads municipalities, areas, regions). */
export async function listMunicipalities(
  ex: Executor,
  prefectureId: string,
): Promise<DashboardMunicipality[]> {
  return ex
    .select({
      id: municipalities.id,
      code: municipalities.code,
      name: municipalities.name,
      nameEn: municipalities.nameEn,
      regionName: regions.name,
      regionNameEn: regions.nameEn,
      areaName: areas.name,
      areaNameEn: areas.nameEn,
    })
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(eq(municipalities.prefectureId, prefectureId))
    .orderBy(asc(municipalities.code));
}

/** The region names in the prefecture's order (reads regions). */
export async function listRegions(ex: Executor, prefectureId: string) {
  return ex
    .select({ name: regions.name, nameEn: regions.nameEn })
    .from(regions)
    .where(eq(regions.prefectureId, prefectureId))
    .orderBy(asc(regions.sortOrder), asc(regions.name));
}

/** The prefecture's fiscal years, oldest first (reads fiscal_years). */
export async function listFiscalYears(ex: Executor, prefectureId: string): Promise<number[]> {
  const rows = await ex
    .select({ year: fiscalYears.year })
    .from(fiscalYears)
    .where(eq(fiscalYears.prefectureId, prefectureId))
    .orderBy(asc(fiscalYears.year));
  return rows.map((r) => Number(r.year));
}

/** The stored data generation (0 before the first change): one primary-key lookup. */
export async function generationOf(ex: Executor, prefectureId: string): Promise<number> {
  const [row] = await ex
    .select({ generation: dashboardGenerations.generation })
    .from(dashboardGenerations)
    .where(eq(dashboardGenerations.prefectureId, prefectureId));
  return row?.generation ?? 0;
}

/** A new generation: every process drops what it computed before. Wraps before int32 ends. */
export async function bumpGeneration(ex: Executor, prefectureId: string, now: Date): Promise<void> {
  await ex
    .insert(dashboardGenerations)
    .values({ prefectureId, generation: 1, changedAt: now })
    .onConflictDoUpdate({
      target: dashboardGenerations.prefectureId,
      set: {
        generation: sql`(${dashboardGenerations.generation} % 2000000000) + 1`,
        changedAt: now,
      },
    });
}

/** The prefecture's two-digit code (reads prefectures): which boundary file its maps use. */
export async function findPrefectureCode(ex: Executor, prefectureId: string): Promise<string | null> {
  const [row] = await ex
    .select({ code: prefectures.code })
    .from(prefectures)
    .where(eq(prefectures.id, prefectureId));
  return row?.code ?? null;
}
