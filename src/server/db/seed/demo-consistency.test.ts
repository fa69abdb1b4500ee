/**
 * The demo agrees with itself: what one page shows of a demo year, another page shows alike, and
 * the demo's history happens in the order of its own plan.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { toJstDateTimeString } from '../../../shared/fiscal-year';
import { createTestContext } from '../../testing/harness';
import { fiscalYears, menuProposals, menuReviews, menuSettings, programPhases, programs } from '../schema';

const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');

async function get(path: string) {
  const res = await ctx.request('GET', path, { cookie: admin });
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return (await res.json()) as any;
}

describe('demo data', () => {
  it('gives each year’s seminar program the budget its seminar series costs (year page = series table)', async () => {
    const years = (await get('/api/fiscal-years')).items as { id: string; year: number }[];
    const series = (await get('/api/seminar-series')).items as {
      fiscalYear: number;
      budgetThousandYen: number;
      programId: string | null;
    }[];
    for (const year of [2022, 2023, 2024]) {
      const detail = await get(`/api/fiscal-years/${years.find((y) => y.year === year)!.id}`);
      const program = detail.programs.find((p: { kind: string }) => p.kind === 'seminar_series');
      const ofYear = series.filter((s) => s.fiscalYear === year);
      expect(ofYear.length, `FY${year}`).toBeGreaterThan(0);
      expect(ofYear.every((s) => s.programId === program.id)).toBe(true);
      expect(program.budgetThousandYen, `FY${year}`).toBe(
        ofYear.reduce((sum, s) => sum + s.budgetThousandYen, 0),
      );
    }
    expect(series.find((s) => s.fiscalYear === 2024)!.budgetThousandYen).toBe(1_320);
  });

  it('has FY2024’s proposals submitted in the proposal phase, reviewed in the review phase, then decided', async () => {
    const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
    const phases = await db
      .select({
        kind: programPhases.kind,
        startsOn: programPhases.startsOn,
        endsOn: programPhases.endsOn,
        deadlineAt: programPhases.deadlineAt,
      })
      .from(programPhases)
      .innerJoin(programs, eq(programs.id, programPhases.programId))
      .where(and(eq(programs.fiscalYearId, fy!.id), eq(programs.kind, 'advisor_dispatch')));
    const phase = (kind: string) => phases.find((p) => p.kind === kind)!;
    const day = (at: Date) => toJstDateTimeString(at).slice(0, 10);
    const proposals = await db.select().from(menuProposals).where(eq(menuProposals.fiscalYearId, fy!.id));
    expect(proposals.length).toBeGreaterThan(0);
    const reviews = await db.select().from(menuReviews);
    const [settings] = await db.select().from(menuSettings).where(eq(menuSettings.fiscalYearId, fy!.id));
    // One deadline: the menu settings' is the proposal phase's.
    expect(settings!.proposalDeadlineAt?.toISOString()).toBe(phase('proposals').deadlineAt?.toISOString());
    for (const p of proposals) {
      expect(day(p.submittedAt!) >= phase('proposals').startsOn, p.title).toBe(true);
      expect(p.submittedAt! <= phase('proposals').deadlineAt!, p.title).toBe(true);
      const own = reviews.filter((r) => r.proposalId === p.id);
      expect(own.length).toBeGreaterThan(0);
      for (const r of own) {
        expect(
          day(r.submittedAt!) >= phase('review').startsOn && day(r.submittedAt!) <= phase('review').endsOn,
        ).toBe(true);
        expect(r.submittedAt! <= p.decidedAt!).toBe(true);
      }
      expect(
        day(p.decidedAt!) >= phase('review').startsOn && day(p.decidedAt!) <= phase('review').endsOn,
      ).toBe(true);
    }
  });
});
