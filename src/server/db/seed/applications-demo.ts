import { and, eq, inArray } from 'drizzle-orm';
import { defaultPriorityWeights } from '../../../shared/schemas/applications';
import { aggregateReviews } from '../../domain/menu-review';
import { buildRunSnapshot, solveSnapshotInPlace } from '../../features/applications/applications.runs';
import type { CatalogReadPort } from '../../features/menus/menus.ports';
import type { Executor } from '../client';
import {
  allocationRuns,
  applicationCalls,
  applications,
  fiscalYears,
  menuProposals,
  menuReviews,
  menuSettings,
  municipalities,
  organizations,
  programs,
  supportProjects,
  users,
} from '../schema';

/**
 * The allocation of support across three years, as the source document tells it: FY2022 supported
 * 19 municipalities and FY2023 20 others, and the FY2024 call's published allocation gives 45
 * projects in 41 municipalities under 69,545 千円, so that every one of the 59 has been supported
 * by the end of FY2024.
 *
 * WHICH municipalities were supported in FY2022 and FY2023 is illustrative: the document gives the
 * counts, not the names. Here every third municipality in code order is one of the 20 never
 * supported before FY2024, and the other 39 are split between the two years.
 *
 * The FY2024 applications are built so that the real engine's optimum is exactly that outcome:
 * - the 20 never-supported towns rank only menus of a group F whose capacities add up to 20;
 * - 21 towns supported before rank only menus of a group G (capacity 21); four of them apply a
 *   second time for the one-day consultation menu S (capacity 4), one of those even a third time,
 *   and one more asks a second time for a costly menu the remaining budget cannot pay for;
 * - three cities supported before rank F menus too (they lose to higher-priority towns: menus
 *   full), and one more is excluded by the prefecture.
 * F, G and S are fixed lists of the seeded FY2024 catalog (menus-demo.ts) chosen so the 45
 * projects cost 69,200 千円 (345 千円 of the budget left). 45 municipalities apply, including
 * all 20 never supported; the explanations show menus full, the per-town limit (the third
 * application), the budget and the prefecture's exclusion.
 */

const groupF = [
  'AI-OCRによる紙書類のデータ化',
  '電子決裁・文書管理の導入支援',
  '業務の見える化、課題分析',
  'RPA試行導入支援',
  'DX推進体制づくり支援',
  '業務効率化ツールによるDX推進支援',
];
const groupG = [
  'BPR（業務改革）伴走支援',
  'DX推進計画策定支援',
  '情報システムの標準化・共通化推進',
  '情報セキュリティ対策支援',
  '書かない窓口の導入支援',
  'チャットボット導入支援',
  'テレワーク環境整備支援',
  'デジタル人材育成支援',
  '行政手続きオンライン化検討',
  '情報セキュリティポリシー見直し支援',
  'DX推進リーダー育成プログラム',
  'キャッシュレス決済導入支援',
];
const menuS = 'ICT相談窓口（随時相談）';
/** Asked for a second time by a town already supported: only money stands in its way. */
const menuCostly = '標準準拠システム移行計画の策定支援';

/** Cities supported before FY2024 that apply but are not selected, each for a different reason. */
const notSelectedCities = {
  menuFull: ['072010', '072036', '072133'], // 福島市, 郡山市, 伊達市
  excluded: '072141', // 本宮市
};

const illustrativeNote =
  '過去の支援実績の例示（実際の支援先ではありません） / Illustrative history, not the actual municipalities';

/** The catalog as the allocation reads it, straight from the seeded rows (no service in a seed). */
function seedCatalog(tx: Executor): CatalogReadPort {
  return {
    async selectedMenus(prefectureId, fiscalYearId) {
      const rows = await tx
        .select()
        .from(menuProposals)
        .where(
          and(
            eq(menuProposals.prefectureId, prefectureId),
            eq(menuProposals.fiscalYearId, fiscalYearId),
            eq(menuProposals.status, 'selected'),
          ),
        );
      const [settings] = await tx
        .select()
        .from(menuSettings)
        .where(eq(menuSettings.fiscalYearId, fiscalYearId));
      const reviews = await tx
        .select()
        .from(menuReviews)
        .where(
          inArray(
            menuReviews.proposalId,
            rows.map((r) => r.id),
          ),
        );
      const orgs = new Map(
        (await tx.select().from(organizations).where(eq(organizations.prefectureId, prefectureId))).map(
          (o) => [o.id, o.name],
        ),
      );
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        organizationId: r.organizationId,
        companyName: orgs.get(r.organizationId) ?? '',
        capacity: r.capacity,
        unitCostThousandYen: r.unitCostThousandYen,
        reviewMean: Math.min(
          5,
          aggregateReviews(
            settings?.criteria ?? [],
            reviews.filter((v) => v.proposalId === r.id && v.status === 'submitted').map((v) => v.scores),
          ).mean ?? 0,
        ),
        advisorUserIds: r.advisorUserIds,
      }));
    },
  };
}

export async function seedApplicationsDemo(tx: Executor, prefectureId: string): Promise<void> {
  const years = new Map(
    (await tx.select().from(fiscalYears).where(eq(fiscalYears.prefectureId, prefectureId))).map((y) => [
      y.year,
      y,
    ]),
  );
  const fy2024 = years.get(2024)!;
  const towns = await tx
    .select()
    .from(municipalities)
    .where(eq(municipalities.prefectureId, prefectureId))
    .orderBy(municipalities.code);
  const neverSupported = towns.filter((_, i) => i % 3 === 1);
  const supportedBefore = towns.filter((_, i) => i % 3 !== 1);
  const fy2022Towns = supportedBefore.filter((_, i) => i % 2 === 1); // 19
  const fy2023Towns = supportedBefore.filter((_, i) => i % 2 === 0); // 20

  // History: imported support projects of FY2022 and FY2023 (illustrative, see above).
  await tx.insert(supportProjects).values(
    [
      ...fy2022Towns.map((m) => ({ m, year: years.get(2022)! })),
      ...fy2023Towns.map((m) => ({ m, year: years.get(2023)! })),
    ].map(({ m, year }) => ({
      prefectureId,
      fiscalYearId: year.id,
      municipalityId: m.id,
      title: `ICTアドバイザー派遣（${year.year}年度・例示）`,
      companyName: '協議会会員企業（例示）',
      costThousandYen: null,
      status: 'completed' as const,
      source: 'import' as const,
      notes: illustrativeNote,
    })),
  );

  // The FY2024 call of the advisor-dispatch program (its round: the program's call phase).
  const [program] = await tx
    .select()
    .from(programs)
    .where(and(eq(programs.fiscalYearId, fy2024.id), eq(programs.kind, 'advisor_dispatch')));
  const [admin] = await tx.select().from(users).where(eq(users.email, 'admin@pref.example.jp'));
  const [call] = await tx
    .insert(applicationCalls)
    .values({
      prefectureId,
      programId: program!.id,
      fiscalYearId: fy2024.id,
      maxChoices: 3,
      maxProjectsPerMunicipality: 2,
      headConfirmationRequired: false,
      priorityWeights: defaultPriorityWeights,
      createdBy: admin!.id,
      updatedBy: admin!.id,
    })
    .returning();

  const catalog = seedCatalog(tx);
  const menus = await catalog.selectedMenus(prefectureId, fy2024.id);
  const menuId = (title: string) => {
    const found = menus.find((m) => m.title === title);
    if (!found) throw new Error(`applications demo: no FY2024 menu "${title}"`);
    return found.id;
  };
  // Each town's first choice follows the group's places in order, so every town has a place of
  // its own; second and third choices are other menus of the same group.
  const ranked = (group: string[], capacities: Map<string, number>, count: number) => {
    const slots = group.flatMap((title) => Array.from({ length: capacities.get(title) ?? 0 }, () => title));
    return Array.from({ length: count }, (_, i) => {
      const first = slots[i % slots.length]!;
      const others = group.filter((t) => t !== first);
      const extra = [others[i % others.length]!, others[(i + 3) % others.length]!];
      return [...new Set([first, ...extra.slice(0, i % 3)])].map(menuId);
    });
  };
  const capacityOf = new Map(menus.map((m) => [m.title, m.capacity]));
  const byCode = new Map(towns.map((t) => [t.code, t]));
  const loserCodes = new Set([...notSelectedCities.menuFull, notSelectedCities.excluded]);
  const groupGTowns = supportedBefore
    .filter((m) => !loserCodes.has(m.code) && (m.kind !== 'city' || m.isEvacuationArea))
    .slice(0, 21);
  const twice = groupGTowns.filter((m) => m.kind !== 'city').slice(0, 4);

  const fChoices = ranked(groupF, capacityOf, neverSupported.length + notSelectedCities.menuFull.length);
  const gChoices = ranked(groupG, capacityOf, groupGTowns.length);
  const entries: { town: (typeof towns)[number]; menuIds: string[]; excluded?: boolean }[] = [
    ...neverSupported.map((town, i) => ({ town, menuIds: fChoices[i]! })),
    ...groupGTowns.map((town, i) => ({ town, menuIds: gChoices[i]! })),
    ...twice.map((town) => ({ town, menuIds: [menuId(menuS)] })),
    { town: twice[0]!, menuIds: [menuId(menuS)] },
    { town: groupGTowns.find((m) => !twice.includes(m))!, menuIds: [menuId(menuCostly)] },
    ...notSelectedCities.menuFull.map((code, i) => ({
      town: byCode.get(code)!,
      menuIds: fChoices[neverSupported.length + i]!,
    })),
    { town: byCode.get(notSelectedCities.excluded)!, menuIds: [menuId(groupG[0]!)], excluded: true },
  ];
  const inserted = await tx
    .insert(applications)
    .values(
      entries.map(({ town, menuIds, excluded }, i) => ({
        prefectureId,
        callId: call!.id,
        municipalityId: town.id,
        status: 'submitted' as const,
        menuIds,
        challenge: `${town.name}では、限られた職員で行政手続のオンライン化と業務の見直しを進める必要がある。`,
        desiredStartMonth: '2024-07',
        desiredEndMonth: '2025-02',
        contactName: `${town.name} DX担当`,
        contactEmail: `dx-${town.code}@example.jp`,
        submittedAt: new Date(Date.UTC(2024, 5, 10 + (i % 10), 1, 0)),
        lock: excluded
          ? { kind: 'exclude' as const, menuId: null, reason: '同種の事業を単独予算で実施するため（例示）' }
          : null,
        createdBy: admin!.id,
        updatedBy: admin!.id,
      })),
    )
    .returning();

  // One real solve, published: its selections become the FY2024 support projects.
  const run = {
    budgetThousandYen: program!.budgetThousandYen ?? 0,
    seed: 20240701,
    priorityWeights: call!.priorityWeights,
  };
  const snapshot = await buildRunSnapshot(tx, catalog, prefectureId, call!, run);
  const { result, explanations } = await solveSnapshotInPlace(snapshot);
  const decidedAt = new Date('2024-06-28T06:00:00Z');
  const [runRow] = await tx
    .insert(allocationRuns)
    .values({
      prefectureId,
      callId: call!.id,
      label: '令和6年度 支援先決定（公表版）',
      status: 'published',
      priorityWeights: run.priorityWeights,
      budgetThousandYen: run.budgetThousandYen,
      seed: run.seed,
      input: snapshot,
      result,
      explanations,
      solveMs: Math.round(result.solveMs),
      approvedAt: decidedAt,
      approvedBy: admin!.id,
      publishedAt: decidedAt,
      createdBy: admin!.id,
      updatedBy: admin!.id,
    })
    .returning();
  const selected = new Set(result.selections.map((s) => s.applicationId));
  const ids = (wanted: boolean) => inserted.filter((a) => selected.has(a.id) === wanted).map((a) => a.id);
  if (ids(true).length > 0)
    await tx
      .update(applications)
      .set({ status: 'selected' })
      .where(inArray(applications.id, ids(true)));
  if (ids(false).length > 0)
    await tx
      .update(applications)
      .set({ status: 'not_selected' })
      .where(inArray(applications.id, ids(false)));
  const menuById = new Map(menus.map((m) => [m.id, m]));
  const townOf = new Map(inserted.map((a) => [a.id, a.municipalityId]));
  await tx.insert(supportProjects).values(
    result.selections.map((s) => ({
      prefectureId,
      fiscalYearId: fy2024.id,
      municipalityId: townOf.get(s.applicationId)!,
      menuProposalId: s.menuId,
      organizationId: menuById.get(s.menuId)!.organizationId,
      title: menuById.get(s.menuId)!.title,
      companyName: menuById.get(s.menuId)!.companyName,
      costThousandYen: s.costThousandYen,
      status: 'planned' as const,
      source: 'allocation' as const,
      applicationId: s.applicationId,
      allocationRunId: runRow!.id,
      createdBy: admin!.id,
      updatedBy: admin!.id,
    })),
  );
}
