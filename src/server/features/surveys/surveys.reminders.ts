import type { SurveyAudience } from '../../../shared/schemas/surveys';
import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { notify } from '../../platform/notifications/notify';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { loadManaged } from './surveys.common';
import { surveyOpenedMail, surveyReminderMail } from './surveys.mails';
import type { ReminderPreview } from '../../../shared/schemas/surveys';
import {
  claimReminders,
  findRecentlyReminded,
  findReminderRecipients,
  findSurveysToAnnounce,
  markOpenedNotice,
} from './surveys.repository';
import type { createSurveyResults } from './surveys.results';

/** A person is reminded of a survey at most once in this many hours, however often "send" is pressed. */
export const REMINDER_COOLDOWN_HOURS = 12;

export interface ReminderResult {
  /** Mails queued by this call. */
  queuedCount: number;
  /** Respondents (municipalities, or participants) those mails went to. */
  municipalityCount: number;
  /** Recipients left out because they were reminded within the cool-down. */
  alreadyRemindedCount: number;
}

/** The job that announces opened surveys: every quarter hour, and at once for a survey created open. */
export const surveyOpenedNoticesJob = 'surveys.opened_notices';

/**
 * The audiences told by mail when a survey opens: the municipalities (every active user of each
 * town) and seminar participants. Other audiences get no opening mail.
 */
export const announcedAudiences = [
  'municipalities',
  'seminar_participants',
] as const satisfies readonly SurveyAudience[];

/** A survey that opened longer ago than this is not announced any more (the job was down for days). */
const OPENED_NOTICE_WINDOW_HOURS = 72;

/** Reminders: a mail to every active user of each respondent that has not submitted yet. */
export function createSurveyReminders(deps: ServiceDeps, results: ReturnType<typeof createSurveyResults>) {
  const { db } = deps;
  return {
    /**
     * Tells the respondents of every survey that has just opened (its first version, not a new
     * version of a question set already announced): once per survey, marked in the same
     * transaction as the notices, each notice idempotent by its key.
     */
    async announceOpened(now: Date): Promise<number> {
      const since = new Date(now.getTime() - OPENED_NOTICE_WINDOW_HOURS * 3_600_000);
      let told = 0;
      for (const survey of await findSurveysToAnnounce(db, since, now, announcedAudiences)) {
        const perUser = survey.audience === 'seminar_participants';
        const ids = (await results.nonRespondersOf(survey)).map((n) => n.municipalityId);
        const recipients = await findReminderRecipients(db, {
          prefectureId: survey.prefectureId,
          ids,
          perUser,
        });
        await db.transaction(async (tx) => {
          if (!(await markOpenedNotice(tx, survey.id, now))) return;
          for (const r of recipients) {
            await notify(tx, {
              prefectureId: survey.prefectureId,
              kind: 'surveys.opened',
              recipient: { userId: r.userId, email: r.email },
              mail: composeMail(
                surveyOpenedMail,
                {
                  recipientName: r.displayName,
                  title: { ja: survey.title, en: survey.titleEn },
                  opensAt: survey.opensAt,
                  closesAt: survey.closesAt,
                  publicUrl: deps.config.publicUrl,
                  surveyId: survey.id,
                },
                mailLocaleOf(r.locale),
              ),
              publicUrl: deps.config.publicUrl,
              dedupeKey: `surveys.opened:${survey.id}:${r.userId}`,
              now,
            });
            told++;
          }
        });
      }
      return told;
    },

    /**
     * Queues a reminder to every active user of each municipality (or each seminar participant)
     * that has not submitted, in the language of their account. Someone reminded of this survey
     * within the cool-down is left out, so a second click mails nobody twice.
     */
    /**
     * What `remind` would do now, without doing it: how many have not answered, how many of them
     * have nobody with an account to receive the mail, and how many mails would go.
     */
    async previewReminders(ctx: RequestContext, id: string): Promise<ReminderPreview> {
      const { survey } = await loadManaged(db, ctx, id);
      if (survey.supersededAt || ctx.now >= survey.closesAt) throw new AppError('SURVEY_CLOSED');
      const perUser = survey.audience === 'seminar_participants';
      const ids = (await results.nonRespondersOf(survey)).map((n) => n.municipalityId);
      const mailed = survey.audience === 'municipalities' || perUser;
      const recipients = mailed
        ? await findReminderRecipients(db, { prefectureId: survey.prefectureId, ids, perUser })
        : [];
      const reached = new Set(recipients.map((r) => (perUser ? r.userId : r.municipalityId)));
      const userIds = [...new Set(recipients.map((r) => r.userId))];
      const notSince = new Date(ctx.now.getTime() - REMINDER_COOLDOWN_HOURS * 3_600_000);
      const recent = await findRecentlyReminded(db, survey.id, userIds, notSince);
      return {
        nonResponderCount: ids.length,
        withoutAccountCount: ids.filter((i) => !reached.has(i)).length,
        mailCount: userIds.filter((u) => !recent.has(u)).length,
        recentlyRemindedCount: recent.size,
      };
    },

    async remind(ctx: RequestContext, id: string): Promise<ReminderResult> {
      const { survey } = await loadManaged(db, ctx, id);
      if (survey.supersededAt || ctx.now >= survey.closesAt) throw new AppError('SURVEY_CLOSED');
      const none = { queuedCount: 0, municipalityCount: 0, alreadyRemindedCount: 0 };
      // Per-user audiences (seminar participants): the non-responders' ids are user ids.
      const perUser = survey.audience === 'seminar_participants';
      if (survey.audience !== 'municipalities' && !perUser) return none;
      const ids = (await results.nonRespondersOf(survey)).map((n) => n.municipalityId);
      const recipients = await findReminderRecipients(db, {
        prefectureId: survey.prefectureId,
        ids,
        perUser,
      });
      if (recipients.length === 0) return none;
      const notSince = new Date(ctx.now.getTime() - REMINDER_COOLDOWN_HOURS * 3_600_000);
      const params = {
        title: { ja: survey.title, en: survey.titleEn },
        closesAt: survey.closesAt,
        publicUrl: deps.config.publicUrl,
        surveyId: survey.id,
      };
      const sent = await db.transaction(async (tx) => {
        const userIds = [...new Set(recipients.map((r) => r.userId))];
        const claimed = await claimReminders(tx, survey.id, userIds, ctx.now, notSince);
        const toRemind = recipients.filter((r) => claimed.has(r.userId));
        for (const r of toRemind) {
          const mail = composeMail(
            surveyReminderMail,
            { ...params, recipientName: r.displayName },
            mailLocaleOf(r.locale),
          );
          await notify(tx, {
            prefectureId: survey.prefectureId,
            kind: 'surveys.reminder',
            recipient: { userId: r.userId, email: r.email },
            mail,
            publicUrl: deps.config.publicUrl,
            now: ctx.now,
          });
        }
        const result = {
          queuedCount: toRemind.length,
          municipalityCount: new Set(toRemind.map((r) => r.municipalityId)).size,
          alreadyRemindedCount: recipients.length - toRemind.length,
        };
        await recordAudit(tx, ctx, {
          action: 'survey.remind',
          entityType: 'survey',
          entityId: id,
          after: {
            recipients: result.queuedCount,
            municipalities: result.municipalityCount,
            alreadyReminded: result.alreadyRemindedCount,
          },
        });
        return result;
      });
      return sent;
    },
  };
}
