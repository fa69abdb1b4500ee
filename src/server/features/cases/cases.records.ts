import type { CaseDetail, CaseStudy } from '../../../shared/schemas/cases';
import type { Actor } from '../../platform/context';
import type { SupportProjectReadPort } from '../applications/applications.ports';
import type { FiscalYearIndexPort } from '../fiscal-years/fiscal-years.ports';
import type { MenuTitlesReadPort } from '../menus/menus.ports';
import type { MunicipalityFacts, MunicipalityMasterReadPort } from '../municipalities/municipalities.ports';
import type { ProjectReportSource } from './cases.ports-in';
import { casesPolicy as policy } from './cases.policy';
import type { CaseRow } from './cases.repository';

/** What this feature reads of others, injected by app.ts. */
export interface CasesPorts {
  municipalities: MunicipalityMasterReadPort;
  fiscalYears: FiscalYearIndexPort;
  menus: MenuTitlesReadPort;
  supportProjects: SupportProjectReadPort;
  projectReports: ProjectReportSource;
}

/** The master's facts, the years and the menu titles a set of cases needs, read once. */
export interface CaseLookups {
  municipalities: Map<string, MunicipalityFacts>;
  years: Map<string, number>;
  menus: Map<string, string>;
}

export function createCasesRecords(ports: CasesPorts) {
  async function lookups(prefectureId: string, rows: CaseRow[]): Promise<CaseLookups> {
    const menuIds = [...new Set(rows.flatMap((r) => (r.menuProposalId ? [r.menuProposalId] : [])))];
    const [towns, years, menus] = await Promise.all([
      ports.municipalities.municipalitiesOf(prefectureId),
      ports.fiscalYears.yearsOf(prefectureId),
      menuIds.length > 0 ? ports.menus.menuTitles(prefectureId, menuIds) : Promise.resolve([]),
    ]);
    return {
      municipalities: new Map(towns.map((m) => [m.id, m])),
      years: new Map(years.map((y) => [y.id, y.year])),
      menus: new Map(menus.map((m) => [m.id, m.title])),
    };
  }

  function present(row: CaseRow, l: CaseLookups): CaseStudy {
    const town = l.municipalities.get(row.municipalityId);
    return {
      id: row.id,
      status: row.status,
      title: row.title,
      challengeAreas: row.challengeAreas,
      challenge: row.challenge,
      approach: row.approach,
      tools: row.tools,
      costThousandYen: row.costThousandYen,
      effect: row.effect,
      companyName: row.companyName,
      isIllustrative: row.isIllustrative,
      municipality: {
        id: row.municipalityId,
        name: town?.name ?? '',
        nameEn: town?.nameEn ?? '',
        kind: town?.kind ?? '',
        populationBand: town?.populationBand ?? 'unknown',
        region: town?.region ?? { id: '', name: '', nameEn: '' },
      },
      fiscalYear: { id: row.fiscalYearId, year: l.years.get(row.fiscalYearId) ?? 0 },
      menu: row.menuProposalId
        ? { id: row.menuProposalId, title: l.menus.get(row.menuProposalId) ?? '' }
        : null,
      publishedAt: row.status === 'published' ? (row.publishedAt?.toISOString() ?? null) : null,
    };
  }

  function presentDetail(actor: Actor, row: CaseRow, l: CaseLookups): CaseDetail {
    return {
      ...present(row, l),
      version: row.version,
      supportProjectId: row.supportProjectId,
      organizationId: row.organizationId,
      returnComment: row.returnComment,
      returnedAt: row.returnedAt?.toISOString() ?? null,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      municipalityApprovedAt: row.municipalityApprovedAt?.toISOString() ?? null,
      unpublishedAt: row.unpublishedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
      can: {
        edit: policy.canEdit(actor, row),
        submit: policy.canSubmit(actor, row),
        approve: policy.canApprove(actor, row),
        return: policy.canReturn(actor, row),
        unpublish: policy.canUnpublish(actor, row),
      },
    };
  }

  return { lookups, present, presentDetail };
}

export type CasesRecords = ReturnType<typeof createCasesRecords>;
