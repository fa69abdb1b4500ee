import { challengeAreaLabels } from '../../../shared/challenge-areas';
import {
  type CaseStudy,
  municipalityKindLabels,
  type PublicCaseCollection,
  type PublicCaseList,
  type PublicCaseQuery,
  publicCasesPageSize,
} from '../../../shared/schemas/cases';
import type { Database } from '../../db/client';
import type { RequestContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { writeWorkbook } from '../../platform/spreadsheet';
import { searchWords } from './cases.drafts';
import type { CasesPorts, CasesRecords } from './cases.records';
import * as repo from './cases.repository';

/**
 * The public case library (no sign-in): published cases only, searched and filtered with the
 * query bounded (five words of 50 characters, 20 a page, LIMIT in SQL), one case by id, the whole
 * collection for the printable booklet, and the same as an xlsx workbook. Anything not published
 * is absent (404), whoever asks.
 */
export function createCasesPublic({
  db,
  ports,
  records,
}: {
  db: Database;
  ports: CasesPorts;
  records: CasesRecords;
}) {
  /** The prefecture shown: the one named by code, else the signed-in user's, else the first. */
  async function prefectureFor(ctx: RequestContext, code: string | undefined) {
    const found = await ports.municipalities.publicPrefecture(
      code ? { code } : { id: ctx.actor?.prefectureId },
    );
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  async function collection(ctx: RequestContext, code: string | undefined): Promise<PublicCaseCollection> {
    const prefecture = await prefectureFor(ctx, code);
    const rows = await repo.findAllPublished(db, prefecture.id);
    const l = await records.lookups(prefecture.id, rows);
    const items = rows
      .map((r) => records.present(r, l))
      .sort(
        (a, b) =>
          b.fiscalYear.year - a.fiscalYear.year ||
          a.municipality.name.localeCompare(b.municipality.name, 'ja') ||
          a.title.localeCompare(b.title, 'ja'),
      );
    return { prefecture: { code: prefecture.code, name: prefecture.name, nameEn: prefecture.nameEn }, items };
  }

  return {
    async searchPublicCases(ctx: RequestContext, query: PublicCaseQuery): Promise<PublicCaseList> {
      const prefecture = await prefectureFor(ctx, query.prefecture);
      const towns = await ports.municipalities.municipalitiesOf(prefecture.id);
      const years = await ports.fiscalYears.yearsOf(prefecture.id);
      const municipalityIds =
        query.regionId || query.kind
          ? towns
              .filter(
                (m) =>
                  (!query.regionId || m.region.id === query.regionId) &&
                  (!query.kind || m.kind === query.kind),
              )
              .map((m) => m.id)
          : undefined;
      const fiscalYearIds =
        query.fiscalYear !== undefined
          ? years.filter((y) => y.year === query.fiscalYear).map((y) => y.id)
          : undefined;
      const page = query.page ?? 1;
      const { rows, total } = await repo.findPublishedPage(
        db,
        prefecture.id,
        {
          words: searchWords(query.q),
          area: query.area,
          municipalityIds,
          menuId: query.menuId,
          fiscalYearIds,
        },
        { limit: publicCasesPageSize, offset: (page - 1) * publicCasesPageSize },
      );
      const facetRows = await repo.findPublishedFacets(db, prefecture.id);
      const menuIds = [...new Set(facetRows.flatMap((f) => (f.menuProposalId ? [f.menuProposalId] : [])))];
      const l = await records.lookups(prefecture.id, [...rows, ...facetRows.map((f) => f as repo.CaseRow)]);
      const townById = new Map(towns.map((m) => [m.id, m]));
      const regions = new Map<string, { id: string; name: string; nameEn: string }>();
      for (const f of facetRows) {
        const region = townById.get(f.municipalityId)?.region;
        if (region) regions.set(region.id, region);
      }
      const menus = menuIds
        .map((id) => ({ id, title: l.menus.get(id) ?? '' }))
        .filter((m) => m.title)
        .sort((a, b) => a.title.localeCompare(b.title, 'ja'));
      const yearById = new Map(years.map((y) => [y.id, y.year]));
      const fiscalYears = [...new Set(facetRows.map((f) => yearById.get(f.fiscalYearId) ?? 0))]
        .filter((y) => y > 0)
        .sort((a, b) => b - a);
      return {
        prefecture: { code: prefecture.code, name: prefecture.name, nameEn: prefecture.nameEn },
        items: rows.map((r) => records.present(r, l)),
        total,
        page,
        pageSize: publicCasesPageSize,
        facets: { regions: [...regions.values()], menus, fiscalYears },
      };
    },

    async getPublicCase(_ctx: RequestContext, id: string): Promise<CaseStudy> {
      const row = await repo.findPublishedCase(db, id);
      if (!row) throw new AppError('NOT_FOUND');
      return records.present(row, await records.lookups(row.prefectureId, [row]));
    },

    publicCollection: (ctx: RequestContext, code: string | undefined) => collection(ctx, code),

    /** The published collection as a workbook, Japanese headers, one row a case. */
    async exportPublicCases(ctx: RequestContext, code: string | undefined) {
      const { prefecture, items } = await collection(ctx, code);
      const bytes = await writeWorkbook([
        {
          name: '事例集',
          columns: [
            { header: '年度', key: 'year', width: 8 },
            { header: '市町村', key: 'municipality', width: 14 },
            { header: '区分', key: 'kind', width: 6 },
            { header: '地域', key: 'region', width: 10 },
            { header: '題名', key: 'title', width: 36 },
            { header: '課題分野', key: 'areas', width: 30 },
            { header: '課題', key: 'challenge', width: 50 },
            { header: '取組', key: 'approach', width: 50 },
            { header: '活用したツール', key: 'tools', width: 30 },
            { header: '費用（千円）', key: 'cost', width: 12 },
            { header: '効果', key: 'effect', width: 50 },
            { header: '支援メニュー', key: 'menu', width: 30 },
            { header: '事業者', key: 'company', width: 24 },
            { header: '例示', key: 'illustrative', width: 6 },
          ],
          rows: items.map((c) => ({
            year: c.fiscalYear.year,
            municipality: c.municipality.name,
            kind:
              municipalityKindLabels[c.municipality.kind as keyof typeof municipalityKindLabels]?.ja ?? '',
            region: c.municipality.region.name,
            title: c.title,
            areas: c.challengeAreas.map((a) => challengeAreaLabels[a].ja).join('、'),
            challenge: c.challenge,
            approach: c.approach,
            tools: c.tools,
            cost: c.costThousandYen,
            effect: c.effect,
            menu: c.menu?.title ?? '',
            company: c.companyName,
            illustrative: c.isIllustrative ? '例示' : '',
          })),
        },
      ]);
      return { bytes, fileName: `事例集_${prefecture.name}.xlsx` };
    },
  };
}
