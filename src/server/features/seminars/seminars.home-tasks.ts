import type { HomeTask } from '../../../shared/schemas/fiscal-years';
import { hasRole, isPrefectureAdmin } from '../../platform/context';
import type { HomeTaskProvider } from '../home/home-tasks';
import type { SeminarsService } from './seminars.service';

/** How many upcoming seminars a town's home lists: the soonest, not the whole year. */
const UPCOMING_LIMIT = 3;
/** A seminar this full is worth the prefecture's attention (a bigger room, a second session). */
const NEARLY_FULL = 0.9;

/**
 * Towns: the seminars ahead whose registration is open, for their audience (heads' seminars for
 * the head, staff seminars for the staff), with the seats left, due when registration closes.
 * Prefecture: seminars ahead that are nearly full or have a waiting list.
 */
export const seminarTasks =
  (service: SeminarsService): HomeTaskProvider =>
  async ({ actor, request }) => {
    const isTown = actor.municipalityId !== null && hasRole(actor, 'municipality_staff', 'municipality_head');
    const isAdmin = isPrefectureAdmin(actor);
    if (!isTown && !isAdmin) return [];
    const upcoming = await service.listEvents(request, { upcoming: 'true' });
    const tasks: HomeTask[] = [];
    if (isTown) {
      const audiences = new Set<string>([
        ...(hasRole(actor, 'municipality_head') ? ['heads'] : []),
        ...(hasRole(actor, 'municipality_staff') ? ['staff'] : []),
      ]);
      for (const e of upcoming
        .filter((x) => x.isRegistrationOpen && audiences.has(x.audience))
        .slice(0, UPCOMING_LIMIT)) {
        const left = Math.max(0, e.capacity - e.registeredCount);
        tasks.push({
          kind: 'seminar_upcoming',
          title:
            left > 0
              ? {
                  ja: `${e.title}：申込受付中（残り${left}席）`,
                  en: `${e.title}: registration open (${left} seat(s) left)`,
                }
              : {
                  ja: `${e.title}：満席（キャンセル待ちで申込可）`,
                  en: `${e.title}: full (waiting list open)`,
                },
          href: `/seminars/events/${e.id}`,
          dueAt: e.registrationClosesAt,
        });
      }
    }
    if (isAdmin) {
      for (const e of upcoming.filter(
        (x) => x.waitlistCount > 0 || x.registeredCount >= x.capacity * NEARLY_FULL,
      )) {
        tasks.push({
          kind: 'seminar_nearly_full',
          title:
            e.waitlistCount > 0
              ? {
                  ja: `${e.title}：満席、キャンセル待ち${e.waitlistCount}件`,
                  en: `${e.title}: full, ${e.waitlistCount} on the waiting list`,
                }
              : {
                  ja: `${e.title}：定員間近（${e.registeredCount}/${e.capacity}席）`,
                  en: `${e.title}: nearly full (${e.registeredCount} of ${e.capacity} seats)`,
                },
          href: `/seminars/events/${e.id}`,
          dueAt: e.registrationClosesAt,
        });
      }
    }
    return tasks;
  };
