import type {
  Municipality,
  MunicipalityPage,
  MunicipalityImportRow,
  MunicipalityKind,
} from '../../../shared/schemas/municipalities';
import type { Executor } from '../../db/client';
import { municipalities } from '../../db/schema';
import { recordAudit } from '../../platform/audit';
import { type RequestContext, requireActor } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed } from '../../platform/errors';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { snapshotCacheFor } from '../../platform/snapshots';
import { type ImportWarning, parseMunicipalityList, type RowError } from './municipality-list';
import { populationBand } from '../../domain/crosstab';
import type { MunicipalityFacts, PublicPrefecture } from './municipalities.ports';
import { municipalitiesPolicy as policy } from './municipalities.policy';
import * as repo from './municipalities.repository';

type Row = Awaited<ReturnType<typeof repo.findMunicipalities>>[number];

function toMunicipality(row: Row): Municipality {
  const m = row.municipality;
  return {
    id: m.id,
    code: m.code,
    name: m.name,
    nameKana: m.nameKana,
    nameEn: m.nameEn,
    kind: m.kind as MunicipalityKind,
    area: row.area,
    region: row.region,
    isEvacuationArea: m.isEvacuationArea,
    population: m.population,
    populationSource: m.populationSource,
    version: m.version,
  };
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  isImported: boolean;
  /** A dry run validates and counts what would change, then rolls back. */
  isDryRun: boolean;
  summary: ImportSummary;
  errors: RowError[];
  missingHeaders: string[];
  /** Does not stop the import, e.g. two municipalities of the same name. */
  warnings: ImportWarning[];
}

/**
 * Writes a validated list: upserts by code, creating areas, regions and each
 * municipality's organization as needed. Used by the seed, the CLI and the
 * admin upload alike; the caller owns the transaction.
 */
export async function applyMunicipalityList(
  tx: Executor,
  prefectureId: string,
  rows: MunicipalityImportRow[],
  actorUserId: string | null,
  now: Date,
): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0 };
  const regionOrder = [...new Set(rows.map((r) => r.region))];
  const areaOrder = [...new Set(rows.map((r) => r.area))];
  for (const row of rows) {
    const region = await repo.findOrCreateRegion(
      tx,
      prefectureId,
      row.region,
      regionOrder.indexOf(row.region),
      actorUserId,
    );
    const area = await repo.findOrCreateArea(
      tx,
      prefectureId,
      region.id,
      row.area,
      areaOrder.indexOf(row.area),
      actorUserId,
    );
    const values = {
      prefectureId,
      code: row.code,
      name: row.name,
      nameKana: row.nameKana,
      nameEn: row.nameEn,
      kind: row.kind,
      areaId: area.id,
      isEvacuationArea: row.isEvacuationArea,
    };
    const existing = await repo.findMunicipalityByCode(tx, row.code);
    let municipality: typeof municipalities.$inferSelect;
    if (!existing) {
      municipality = await repo.insertMunicipality(tx, {
        ...values,
        createdBy: actorUserId,
        updatedBy: actorUserId,
      });
      summary.created++;
    } else if (existing.prefectureId !== prefectureId) {
      throw new AppError('DUPLICATE', { details: { code: row.code } });
    } else {
      const isSame = (Object.keys(values) as (keyof typeof values)[]).every((k) => existing[k] === values[k]);
      if (isSame) {
        municipality = existing;
        summary.unchanged++;
      } else {
        municipality = await repo.updateMunicipalityMaster(tx, existing.id, {
          ...values,
          version: existing.version + 1,
          updatedAt: now,
          updatedBy: actorUserId,
        });
        summary.updated++;
      }
    }
    await repo.ensureMunicipalityOrganization(tx, municipality, actorUserId);
  }
  return summary;
}

export function createMunicipalitiesService(deps: ServiceDeps) {
  const { db } = deps;
  /** List pages kept per prefecture and query until the next write (platform/snapshots.ts). */
  const pages = snapshotCacheFor<MunicipalityPage>(deps);

  return {
    /** The master as other features read it (municipalities.ports.ts). */
    async municipalitiesOf(prefectureId: string): Promise<MunicipalityFacts[]> {
      const rows = await repo.findMunicipalities(db, { prefectureId });
      return rows.map((r) => ({
        id: r.municipality.id,
        code: r.municipality.code,
        name: r.municipality.name,
        nameEn: r.municipality.nameEn,
        kind: r.municipality.kind,
        population: r.municipality.population,
        populationBand: populationBand(r.municipality.population).value,
        region: r.region,
      }));
    },

    async publicPrefecture(select: {
      code?: string | undefined;
      id?: string | undefined;
    }): Promise<PublicPrefecture | null> {
      const row = select.code
        ? await repo.findPrefectureByCode(db, select.code)
        : select.id
          ? await repo.findPrefectureById(db, select.id)
          : await repo.findFirstPrefecture(db);
      return row ? { id: row.id, code: row.code, name: row.name, nameEn: row.nameEn } : null;
    },

    async list(
      ctx: RequestContext,
      query: Omit<repo.MunicipalityFilter, 'prefectureId'> & { limit: number; offset: number },
    ): Promise<MunicipalityPage> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canList(actor, actor.prefectureId));
      const { limit, offset, ...filter } = query;
      // Every user of the prefecture who may list sees the same page: the key is the query.
      return pages.get(`${actor.prefectureId}|${JSON.stringify(query)}`, ctx.now, async () => {
        const { rows, total } = await repo.findMunicipalityPage(
          db,
          { ...filter, prefectureId: actor.prefectureId },
          { limit, offset },
        );
        return { items: rows.map(toMunicipality), total, limit, offset };
      });
    },

    async get(ctx: RequestContext, id: string): Promise<Municipality> {
      const actor = requireActor(ctx);
      const [row] = await repo.findMunicipalities(db, { prefectureId: actor.prefectureId, id });
      // Another prefecture's municipality is reported as absent, not forbidden, so ids reveal nothing.
      if (!row) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canRead(actor, row.municipality));
      return toMunicipality(row);
    },

    async listRegions(ctx: RequestContext) {
      const actor = requireActor(ctx);
      assertAllowed(policy.canList(actor, actor.prefectureId));
      return repo.findRegionsWithAreas(db, actor.prefectureId);
    },

    async update(
      ctx: RequestContext,
      id: string,
      patch: {
        version: number;
        nameEn?: string | undefined;
        population?: number | null | undefined;
        populationSource?: string | null | undefined;
      },
    ): Promise<Municipality> {
      const actor = requireActor(ctx);
      const [row] = await repo.findMunicipalities(db, { prefectureId: actor.prefectureId, id });
      if (!row) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canUpdate(actor, row.municipality));
      if (
        patch.population !== undefined &&
        patch.population !== null &&
        !patch.populationSource &&
        !row.municipality.populationSource
      ) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['populationSource'],
              code: 'required',
              ja: '人口を登録するときは出典（例: 令和2年国勢調査）も入力してください。',
              en: 'Give the source of the population figure (e.g. 2020 census).',
            },
          ],
        });
      }
      const { version, ...values } = patch;
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              municipalities,
              id,
              version,
              values,
              actor.userId,
              ctx.now,
            );
            await recordAudit(tx, ctx, {
              action: 'municipality.update',
              entityType: 'municipality',
              entityId: id,
              before: row.municipality,
              after: updated,
            });
          }),
        () => this.get(ctx, id),
      );
      return this.get(ctx, id);
    },

    /**
     * Imports a master list for the actor's prefecture: every row is checked
     * first, and nothing is written unless all rows are valid.
     */
    async importList(
      ctx: RequestContext,
      headers: string[],
      records: Record<string, string>[],
      options: { dryRun: boolean },
    ): Promise<ImportReport> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canImport(actor, actor.prefectureId));
      const prefecture = await repo.findPrefectureById(db, actor.prefectureId);
      if (!prefecture) throw new AppError('NOT_FOUND');
      return importMunicipalityList(db, ctx, prefecture, headers, records, options);
    },
  };
}

/** Shared by the admin upload and the CLI: validate everything, then write in one transaction. */
export async function importMunicipalityList(
  db: ServiceDeps['db'],
  ctx: RequestContext,
  prefecture: { id: string; code: string },
  headers: string[],
  records: Record<string, string>[],
  options: { dryRun: boolean } = { dryRun: false },
): Promise<ImportReport> {
  const parsed = parseMunicipalityList(headers, records, prefecture.code);
  const empty = { created: 0, updated: 0, unchanged: 0 };
  if (parsed.missingHeaders.length > 0 || parsed.errors.length > 0 || parsed.rows.length === 0) {
    const isEmpty =
      parsed.rows.length === 0 && parsed.errors.length === 0 && parsed.missingHeaders.length === 0;
    const errors: RowError[] = isEmpty
      ? [
          {
            line: 1,
            code: null,
            fields: [
              {
                path: ['file'],
                code: 'empty',
                ja: 'データ行がありません。',
                en: 'The file has no data rows.',
              },
            ],
          },
        ]
      : parsed.errors;
    return {
      isImported: false,
      isDryRun: options.dryRun,
      summary: empty,
      errors,
      missingHeaders: parsed.missingHeaders,
      warnings: parsed.warnings,
    };
  }
  let summary = empty;
  try {
    await db.transaction(async (tx) => {
      summary = await applyMunicipalityList(
        tx,
        prefecture.id,
        parsed.rows,
        ctx.actor?.userId ?? null,
        ctx.now,
      );
      await recordAudit(tx, ctx, {
        prefectureId: prefecture.id,
        action: 'municipality.import',
        entityType: 'municipality_list',
        after: { rows: parsed.rows.length, ...summary },
      });
      // Rolling back is how a dry run reports exact counts without writing anything.
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return {
    isImported: !options.dryRun,
    isDryRun: options.dryRun,
    summary,
    errors: [],
    missingHeaders: [],
    warnings: parsed.warnings,
  };
}

class DryRunRollback extends Error {}

export type MunicipalitiesService = ReturnType<typeof createMunicipalitiesService>;
