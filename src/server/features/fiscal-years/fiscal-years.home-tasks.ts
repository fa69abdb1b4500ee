import { jstDate, parseYmd } from '../../../shared/fiscal-year';
import { phaseKindLabels } from '../../../shared/schemas/fiscal-years';
import { isPrefectureAdmin } from '../../platform/context';
import type { HomeTaskProvider } from '../home/home-tasks';
import type { FiscalYearsService } from './fiscal-years.service';

/** The prefecture runs every open phase, so each one is on its admins' list until it closes. */
export const openPhaseTasks: HomeTaskProvider = async ({ actor, fiscalYear }) => {
  if (!isPrefectureAdmin(actor) || !fiscalYear) return [];
  return fiscalYear.programs.flatMap((program) =>
    program.phases
      .filter((phase) => phase.state === 'open')
      .map((phase) => ({
        kind: 'open_phase',
        title: {
          ja: `${program.name}：${phaseKindLabels[phase.kind].ja}を実施中です`,
          en: `${program.nameEn}: ${phaseKindLabels[phase.kind].en} is open`,
        },
        href: `/fiscal-years/${fiscalYear.id}`,
        dueAt: phase.deadlineAt,
      })),
  );
};

/**
 * A phase of any year not closed that starts within the warning horizon, or has started, without
 * what it needs (ADR 017): the admins hear of it ahead and while it is 準備未了, and the task
 * leads to the year's set-up checklist. Due at the phase's start (JST midnight), so it sorts by
 * urgency among the deadlines.
 */
export const phaseReadinessTasks =
  (service: Pick<FiscalYearsService, 'unreadyPhases'>): HomeTaskProvider =>
  async ({ actor, request }) => {
    if (!isPrefectureAdmin(actor)) return [];
    return (await service.unreadyPhases(request)).map((phase) => {
      const { year, month, day } = parseYmd(phase.startsOn);
      return {
        kind: 'phase_not_ready',
        title: phase.title,
        href: `/fiscal-years/${phase.fiscalYearId}/setup`,
        dueAt: jstDate(year, month, day).toISOString(),
      };
    });
  };
