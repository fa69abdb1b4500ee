import { defineFeature } from '../feature-module';
import { seminarEventHandlers } from './seminars.domain-events';
import { seminarFeedbackParticipants } from './seminars.feedback';
import { seminarTasks } from './seminars.home-tasks';
import { createSeminarsRoutes } from './seminars.routes';
import { type SeminarsService, sendSeminarReminders } from './seminars.service';

/** How often the reminder job looks for events starting within a day. */
const reminderIntervalMs = 10 * 60_000;

/** DX seminars: series, events, registration with a waiting list, attendance, archive, reach. */
export const seminarsModule = defineFeature<SeminarsService>({
  name: 'seminars',
  // A seminar's feedback survey is answered by the participants of the events linked to it.
  surveyEligibility: { seminar_participants: seminarFeedbackParticipants },
  routes: (service) => [createSeminarsRoutes(service)],
  homeTasks: (service) => [seminarTasks(service)],
  // The promoted attendee's mail.
  eventHandlers: (service) => seminarEventHandlers(service.publicUrl),
  jobs: (_service, config) => [
    {
      kind: 'seminars.reminders',
      everyMs: reminderIntervalMs,
      // Join details to seat holders, once each (the registration row records it).
      run: async ({ db, now }) => void (await sendSeminarReminders(db, now, config.publicUrl)),
    },
  ],
});
