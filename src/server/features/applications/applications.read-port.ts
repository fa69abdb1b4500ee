import type { Database } from '../../db/client';
import type { ApplicationFact, SupportProjectFact, SupportReadPort } from './applications.ports';
import { findApplications, findCalls, findSupportProjects } from './applications.repository';

/** The read port other features are given (app.ts): support projects and a town's applications. */
export function createSupportReadPort({ db }: { db: Database }): SupportReadPort {
  return {
    async supportProjects(prefectureId, filter = {}): Promise<SupportProjectFact[]> {
      const rows = await findSupportProjects(db, prefectureId, { municipalityId: filter.municipalityId });
      return rows.map((p) => ({
        id: p.id,
        fiscalYearId: p.fiscalYearId,
        municipalityId: p.municipalityId,
        title: p.title,
        companyName: p.companyName,
        costThousandYen: p.costThousandYen,
        status: p.status,
        source: p.source,
        updatedAt: p.updatedAt,
      }));
    },
    async applicationsOf(prefectureId, municipalityId): Promise<ApplicationFact[]> {
      const calls = new Map((await findCalls(db, prefectureId)).map((c) => [c.id, c.fiscalYearId]));
      const rows = await findApplications(db, prefectureId, { municipalityId });
      return rows.map((a) => ({
        id: a.id,
        fiscalYearId: calls.get(a.callId) ?? '',
        municipalityId: a.municipalityId,
        status: a.status,
        menuCount: a.menuIds.length,
        submittedAt: a.submittedAt,
      }));
    },
  };
}
