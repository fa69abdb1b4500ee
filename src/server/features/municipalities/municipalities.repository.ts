import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { areas, municipalities, organizations, prefectures, regions } from '../../db/schema';

export interface MunicipalityFilter {
  prefectureId: string;
  areaId?: string | undefined;
  regionId?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  id?: string;
}

const municipalityColumns = {
  municipality: municipalities,
  area: { id: areas.id, name: areas.name, nameEn: areas.nameEn },
  region: { id: regions.id, name: regions.name, nameEn: regions.nameEn },
};

function municipalityConditions(filter: MunicipalityFilter): SQL {
  const conditions: SQL[] = [eq(municipalities.prefectureId, filter.prefectureId)];
  if (filter.id) conditions.push(eq(municipalities.id, filter.id));
  if (filter.areaId) conditions.push(eq(municipalities.areaId, filter.areaId));
  if (filter.regionId) conditions.push(eq(areas.regionId, filter.regionId));
  if (filter.kind) conditions.push(eq(municipalities.kind, filter.kind));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    conditions.push(
      or(
        ilike(municipalities.name, pattern),
        ilike(municipalities.nameKana, pattern),
        ilike(municipalities.nameEn, pattern),
        ilike(municipalities.code, pattern),
      )!,
    );
  }
  return and(...conditions)!;
}

export async function findMunicipalities(executor: Executor, filter: MunicipalityFilter) {
  return executor
    .select(municipalityColumns)
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(municipalityConditions(filter))
    .orderBy(asc(municipalities.code));
}

/**
 * One page of the filtered list in code order, with the number of all matches counted in the
 * same query (a window count); only a page past the end needs a second query for it.
 */
export async function findMunicipalityPage(
  executor: Executor,
  filter: MunicipalityFilter,
  page: { limit: number; offset: number },
) {
  const rows = await executor
    .select({ ...municipalityColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(municipalityConditions(filter))
    .orderBy(asc(municipalities.code))
    .limit(page.limit)
    .offset(page.offset);
  if (rows.length > 0 || page.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
  const [counted] = await executor
    .select({ total: count() })
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .where(municipalityConditions(filter));
  return { rows, total: counted?.total ?? 0 };
}

export async function findRegionsWithAreas(executor: Executor, prefectureId: string) {
  const regionRows = await executor
    .select()
    .from(regions)
    .where(eq(regions.prefectureId, prefectureId))
    .orderBy(asc(regions.sortOrder), asc(regions.name));
  const areaRows = await executor
    .select()
    .from(areas)
    .where(eq(areas.prefectureId, prefectureId))
    .orderBy(asc(areas.sortOrder), asc(areas.name));
  return regionRows.map((r) => ({
    id: r.id,
    name: r.name,
    nameEn: r.nameEn,
    areas: areaRows
      .filter((a) => a.regionId === r.id)
      .map((a) => ({ id: a.id, name: a.name, nameEn: a.nameEn })),
  }));
}

/** The prefecture with the lowest code: what a public page shows when none is named. */
export async function findFirstPrefecture(executor: Executor) {
  const rows = await executor.select().from(prefectures).orderBy(asc(prefectures.code)).limit(1);
  return rows[0] ?? null;
}

export async function findPrefectureByCode(executor: Executor, code: string) {
  const rows = await executor.select().from(prefectures).where(eq(prefectures.code, code));
  return rows[0] ?? null;
}

export async function insertPrefecture(executor: Executor, values: typeof prefectures.$inferInsert) {
  const rows = await executor.insert(prefectures).values(values).returning();
  return rows[0]!;
}

export async function findOrCreateRegion(
  executor: Executor,
  prefectureId: string,
  name: string,
  sortOrder: number,
  actorUserId: string | null,
) {
  const existing = await executor
    .select()
    .from(regions)
    .where(and(eq(regions.prefectureId, prefectureId), eq(regions.name, name)));
  if (existing[0]) return existing[0];
  const rows = await executor
    .insert(regions)
    .values({ prefectureId, name, nameEn: name, sortOrder, createdBy: actorUserId, updatedBy: actorUserId })
    .returning();
  return rows[0]!;
}

export async function findOrCreateArea(
  executor: Executor,
  prefectureId: string,
  regionId: string,
  name: string,
  sortOrder: number,
  actorUserId: string | null,
) {
  const existing = await executor
    .select()
    .from(areas)
    .where(and(eq(areas.prefectureId, prefectureId), eq(areas.name, name)));
  if (existing[0]) return existing[0];
  const rows = await executor
    .insert(areas)
    .values({
      prefectureId,
      regionId,
      name,
      nameEn: name,
      sortOrder,
      createdBy: actorUserId,
      updatedBy: actorUserId,
    })
    .returning();
  return rows[0]!;
}

export async function findMunicipalityByCode(executor: Executor, code: string) {
  const rows = await executor.select().from(municipalities).where(eq(municipalities.code, code));
  return rows[0] ?? null;
}

export async function insertMunicipality(executor: Executor, values: typeof municipalities.$inferInsert) {
  const rows = await executor.insert(municipalities).values(values).returning();
  return rows[0]!;
}

export async function updateMunicipalityMaster(
  executor: Executor,
  id: string,
  values: Partial<typeof municipalities.$inferInsert>,
) {
  const rows = await executor.update(municipalities).set(values).where(eq(municipalities.id, id)).returning();
  return rows[0]!;
}

/** Each municipality gets its own organization so its staff accounts have a home. */
export async function ensureMunicipalityOrganization(
  executor: Executor,
  municipality: typeof municipalities.$inferSelect,
  actorUserId: string | null,
) {
  const existing = await executor
    .select()
    .from(organizations)
    .where(eq(organizations.municipalityId, municipality.id));
  if (existing[0]) return existing[0];
  const rows = await executor
    .insert(organizations)
    .values({
      prefectureId: municipality.prefectureId,
      kind: 'municipality',
      name: municipality.name,
      nameEn: municipality.nameEn,
      municipalityId: municipality.id,
      createdBy: actorUserId,
      updatedBy: actorUserId,
    })
    .returning();
  return rows[0]!;
}

export async function findPrefectureById(executor: Executor, id: string) {
  const rows = await executor.select().from(prefectures).where(eq(prefectures.id, id));
  return rows[0] ?? null;
}
