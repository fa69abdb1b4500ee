import type { ServiceDeps } from '../../platform/deps';
import { createCasesDrafts } from './cases.drafts';
import { createCasesPublic } from './cases.public';
import { type CasesPorts, createCasesRecords } from './cases.records';
import { createCasesWorkflow } from './cases.workflow';

export type { CasesPorts } from './cases.records';
export type { ApprovedProjectReport, ProjectReportSource } from './cases.ports-in';

/**
 * The case library (事例集), composed from one module per job: drafting and editing, the approval
 * workflow (with its mails), and the public library with its booklet and workbook. It reads the
 * municipality master, the fiscal years, menu titles, support projects and approved completion
 * reports through the ports app.ts gives it.
 */
export function createCasesService(deps: ServiceDeps, ports: CasesPorts) {
  const { db, config } = deps;
  const records = createCasesRecords(ports);
  const drafts = createCasesDrafts({ db, ports, records });
  const workflow = createCasesWorkflow({ db, config, records, readable: drafts.readable, load: drafts.load });
  const library = createCasesPublic({ db, ports, records });
  const { readable: _readable, load: _load, ...draftUseCases } = drafts;
  return { ...draftUseCases, ...workflow, ...library };
}

export type CasesService = ReturnType<typeof createCasesService>;
