import { and, eq, sql } from 'drizzle-orm';
import { addDaysToYmd, toJstDateString } from '../../shared/fiscal-year';
import type { Executor } from '../db/client';
import {
  applicationCalls,
  fiscalYears,
  menuProposals,
  programPhases,
  programs,
  prefectures,
} from '../db/schema';

/**
 * Test data for the applications feature (its tests and access cases; never the app): a fiscal
 * year of its own whose advisor-dispatch program has a call round open today — by the wall clock,
 * as the requests under test read it — and a small catalog of selected menus copied from the seeded
 * FY2024 ones, so a call can be applied to now.
 */
export interface OpenCallYear {
  fiscalYearId: string;
  programId: string;
  phaseId: string;
  /** Selected menu ids of the year: the first is company A's (デモ情報システム). */
  menuIds: string[];
}

export async function createOpenCallYear(
  db: Executor,
  options: { budgetThousandYen?: number; companyAOrgId: string; capacities?: number[]; now?: Date },
): Promise<OpenCallYear> {
  const [pref] = await db.select({ id: prefectures.id }).from(prefectures).limit(1);
  const prefectureId = pref!.id;
  // Years of their own, far from the demo's and other tests' (the access matrix builds hundreds).
  const [max] = await db
    .select({ year: sql<number>`max(${fiscalYears.year})::int` })
    .from(fiscalYears)
    .where(sql`${fiscalYears.year} >= 3000`);
  const year = Math.max(Number(max?.year ?? 2999), 2999) + 1;
  const [fy] = await db.insert(fiscalYears).values({ prefectureId, year, status: 'planning' }).returning();
  const [program] = await db
    .insert(programs)
    .values({
      prefectureId,
      fiscalYearId: fy!.id,
      kind: 'advisor_dispatch',
      name: `ICTアドバイザー派遣（試験 ${year}）`,
      nameEn: `ICT advisor dispatch (test ${year})`,
      budgetThousandYen: options.budgetThousandYen ?? 3_000,
    })
    .returning();
  const today = toJstDateString(options.now ?? new Date());
  const [phase] = await db
    .insert(programPhases)
    .values({
      prefectureId,
      programId: program!.id,
      kind: 'call',
      startsOn: addDaysToYmd(today, -10),
      endsOn: addDaysToYmd(today, 10),
    })
    .returning();
  const [fy2024] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
  const seeded = await db
    .select()
    .from(menuProposals)
    .where(and(eq(menuProposals.fiscalYearId, fy2024!.id), eq(menuProposals.status, 'selected')))
    .orderBy(menuProposals.title);
  const companyA = seeded.filter((m) => m.organizationId === options.companyAOrgId);
  const others = seeded.filter((m) => m.organizationId !== options.companyAOrgId);
  const capacities = options.capacities ?? [1, 1, 1];
  const templates = [companyA[0]!, ...others].slice(0, capacities.length);
  const menus = await db
    .insert(menuProposals)
    .values(
      templates.map((m, i) => {
        const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = m;
        return { ...rest, fiscalYearId: fy!.id, capacity: capacities[i]!, unitCostThousandYen: 1_000 };
      }),
    )
    .returning({ id: menuProposals.id });
  return {
    fiscalYearId: fy!.id,
    programId: program!.id,
    phaseId: phase!.id,
    menuIds: menus.map((m) => m.id),
  };
}

/** Closes the year's call round: its deadline moves to a minute before `now`. */
export async function closeRound(db: Executor, phaseId: string, now = new Date()) {
  await db
    .update(programPhases)
    .set({ deadlineAt: new Date(now.getTime() - 60_000) })
    .where(eq(programPhases.id, phaseId));
}

/** Re-opens it (the deadline cleared: the round ends at the end of its last day). */
export async function reopenRound(db: Executor, phaseId: string) {
  await db.update(programPhases).set({ deadlineAt: null }).where(eq(programPhases.id, phaseId));
}

/** A call on the year's program, written directly (for access checks that need one quickly). */
export async function insertCall(
  db: Executor,
  year: OpenCallYear,
  options: { headConfirmationRequired?: boolean } = {},
) {
  const [pref] = await db.select({ id: prefectures.id }).from(prefectures).limit(1);
  const [row] = await db
    .insert(applicationCalls)
    .values({
      prefectureId: pref!.id,
      programId: year.programId,
      fiscalYearId: year.fiscalYearId,
      maxChoices: 3,
      maxProjectsPerMunicipality: 2,
      headConfirmationRequired: options.headConfirmationRequired ?? false,
      priorityWeights: { notRecentlySupported: 3, evacuationArea: 1, smallMunicipality: 1 },
    })
    .returning();
  return row!;
}
