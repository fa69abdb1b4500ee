import type { SheetSpec } from '../../platform/spreadsheet';
import type { Database } from '../../db/client';
import type { SupportReadPort } from '../applications/applications.ports';
import type { SeminarReachReadPort } from '../seminars/seminars.ports';
import type { NeedsSurveyReadPort } from '../surveys/surveys.ports';
import type { ProjectsReadPort } from '../projects/projects.ports';

/** What reports read of other features: given by app.ts. */
export interface ReportsPorts {
  support: SupportReadPort;
  reach: SeminarReachReadPort;
  needs: NeedsSurveyReadPort;
  outcomes: Pick<ProjectsReadPort, 'outcomeTallyOfYear'>;
}

export interface ReportsModuleDeps {
  db: Database;
  ports: ReportsPorts;
}

/** A table a report exports: Japanese headers (the prefecture's working language) and rows. */
/** A report table is a sheet: the same spec writes the xlsx and the CSV. */
export type ReportTable = SheetSpec;
