import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { notify } from '../../platform/notifications/notify';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { loadManaged } from './surveys.common';
import { surveyReminderMail } from './surveys.mails';
import { claimReminders, findReminderRecipients } from './surveys.repository';
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

/** Reminders: a mail to every active user of each respondent that has not submitted yet. */
export function createSurveyReminders(deps: ServiceDeps, results: ReturnType<typeof createSurveyResults>) {
  const { db } = deps;
  return {
    /**
     * Queues a reminder to every active user of each municipality (or each seminar participant)
     * that has not submitted, in the language of their account. Someone reminded of this survey
     * within the cool-down is left out, so a second click mails nobody twice.
     */
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
