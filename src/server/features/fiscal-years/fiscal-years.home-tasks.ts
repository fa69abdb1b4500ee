import { phaseKindLabels } from '../../../shared/schemas/fiscal-years';
import { isPrefectureAdmin } from '../../platform/context';
import type { HomeTaskProvider } from '../home/home-tasks';

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
