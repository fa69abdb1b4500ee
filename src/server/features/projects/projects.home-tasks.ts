import type { HomeTask } from '../../../shared/schemas/fiscal-years';
import type { HomeTaskProvider } from '../home/home-tasks';
import { projectsPolicy as policy } from './projects.policy';
import type { ProjectsService } from './projects.service';

/**
 * Company advisors: sessions to log on running projects, and completion reports to write (due
 * date). Prefecture: reports to review and overdue reports. The municipality's evaluation shows
 * up through the survey engine's own task (the project's survey is open to it).
 */
export const projectTasks =
  (service: ProjectsService): HomeTaskProvider =>
  async ({ actor, request, now }) => {
    const scope = policy.scope(actor);
    if (!scope) return [];
    const tasks: HomeTask[] = [];
    if ('organizationId' in scope) {
      for (const p of await service.list(request, {})) {
        if (p.status === 'planned' || p.status === 'in_progress')
          tasks.push({
            kind: 'project_log_sessions',
            title: {
              ja: `${p.municipalityName}「${p.title}」の活動を記録してください（${p.usage.sessions}回記録済み）`,
              en: `Log the sessions of "${p.title}" for ${p.municipalityName} (${p.usage.sessions} logged)`,
            },
            href: `/projects/${p.id}`,
            dueAt: null,
          });
        if (p.status === 'completed' && p.reportStatus !== 'submitted')
          tasks.push({
            kind: 'project_report_due',
            title: {
              ja: `${p.municipalityName}「${p.title}」の完了報告を提出してください`,
              en: `Submit the completion report of "${p.title}" for ${p.municipalityName}`,
            },
            href: `/projects/${p.id}`,
            dueAt: p.reportDueOn ? `${p.reportDueOn}T08:00:00.000Z` : null,
          });
      }
    }
    if (policy.isAdmin(actor)) {
      const toReview = await service.list(request, { status: 'completed' });
      for (const p of toReview.filter(
        (x) =>
          x.reportStatus === 'submitted' &&
          x.reportSubmittedAt !== null &&
          new Date(x.reportSubmittedAt) <= now,
      ))
        tasks.push({
          kind: 'project_report_review',
          title: {
            ja: `${p.municipalityName}「${p.title}」の完了報告を確認してください`,
            en: `Review the completion report of "${p.title}" for ${p.municipalityName}`,
          },
          href: `/projects/${p.id}`,
          dueAt: null,
        });
      const overdue = await service.overdue(request);
      if (overdue.length > 0)
        tasks.push({
          kind: 'project_reports_overdue',
          title: {
            ja: `提出期限を過ぎた完了報告が${overdue.length}件あります`,
            en: `${overdue.length} completion report(s) overdue`,
          },
          href: '/projects/overdue',
          dueAt: null,
        });
    }
    return tasks;
  };
