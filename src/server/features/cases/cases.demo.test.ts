import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseStudies, fiscalYears, supportProjects } from '../../db/schema';
import { createTestContext } from '../../testing/harness';

/** The seeded case library (db/seed/cases-demo.ts) agrees with the FY2024 projects it is built on. */
const ctx = await createTestContext();
const db = ctx.database.db;

describe('demo: the case library', () => {
  it('publishes a dozen illustrative cases, each on a FY2024 menu, linked to its project where one exists', async () => {
    const [fy2024] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
    const cases = await db.select().from(caseStudies);
    const published = cases.filter((c) => c.status === 'published');
    expect(published).toHaveLength(12);
    expect(
      published.every((c) => c.isIllustrative && c.fiscalYearId === fy2024!.id && c.menuProposalId),
    ).toBe(true);
    expect(new Set(published.map((c) => c.municipalityId)).size).toBe(12);
    const projects = new Map((await db.select().from(supportProjects)).map((p) => [p.id, p]));
    const linked = published.filter((c) => c.supportProjectId);
    expect(linked.length).toBeGreaterThanOrEqual(6);
    for (const c of linked) {
      const p = projects.get(c.supportProjectId!)!;
      expect([p.municipalityId, p.menuProposalId, p.costThousandYen, p.fiscalYearId]).toEqual([
        c.municipalityId,
        c.menuProposalId,
        c.costThousandYen,
        c.fiscalYearId,
      ]);
    }
    // Two still in the workflow.
    expect(
      cases
        .filter((c) => c.status !== 'published')
        .map((c) => c.status)
        .sort(),
    ).toEqual(['awaiting_municipality', 'draft']);
  });

  it('the public list shows them, marked illustrative, to a visitor who is not signed in', async () => {
    const res = await ctx.request('GET', '/api/public/cases');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: { isIllustrative: boolean }[] };
    expect(body.total).toBe(12);
    expect(body.items.every((c) => c.isIllustrative)).toBe(true);
  });
});
