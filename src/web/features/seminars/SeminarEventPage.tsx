import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { AdminRegistrations } from './AdminRegistrations';
import { formatJstRange } from './datetime';
import { ArchivePanel } from './ArchivePanel';
import { useSeminarEvent, useSeminarSeries } from './api';
import { EventForm } from './EventForm';
import { audienceLabels } from './labels';
import { MaterialsPanel, WorkshopPanel } from './MaterialsPanel';
import { RegistrationPanel } from './RegistrationPanel';
import type { SeminarEventDetail } from './types';

/** The webinar's join URL and passcode: the server sends them only to those who may see them. */
function JoinPanel({ event }: { event: SeminarEventDetail }) {
  const { t } = useI18n();
  return (
    <Section title={t('seminars.join.title')}>
      {event.joinUrl ? (
        <Alert tone="info" title={event.can.edit ? t('seminars.join.adminNote') : t('seminars.join.forYou')}>
          <DescriptionList
            items={[
              {
                term: t('seminars.event.joinUrl'),
                value: (
                  <a href={event.joinUrl} target="_blank" rel="noreferrer" className="break-all" lang="en">
                    {event.joinUrl}
                  </a>
                ),
              },
              {
                term: t('seminars.event.passcode'),
                value: event.passcode ? (
                  <code className="font-mono">{event.passcode}</code>
                ) : (
                  t('common.none')
                ),
              },
            ]}
          />
        </Alert>
      ) : (
        <p className="text-std-16N-170">{t('seminars.join.hidden')}</p>
      )}
    </Section>
  );
}

/** The event's feedback survey: seat holders answer it; the administrator follows its results. */
function FeedbackPanel({ event }: { event: SeminarEventDetail }) {
  const { t } = useI18n();
  const surveyId = event.feedbackSurveyId;
  if (!surveyId || (!event.can.viewFeedbackResults && !event.can.answerFeedback)) return null;
  const path = `/surveys/${encodeURIComponent(surveyId)}`;
  return (
    <Section title={t('seminars.feedback.title')}>
      <div className="flex flex-col gap-3">
        {event.can.answerFeedback && (
          <>
            <p className="text-std-16N-170">{t('seminars.feedback.forYou')}</p>
            <p>
              <Link to={`${path}/answer`} className="text-std-16B-170">
                {t('seminars.feedback.answer')}
              </Link>
            </p>
          </>
        )}
        {event.can.viewFeedbackResults && (
          <p>
            <Link to={`${path}/results`}>{t('seminars.feedback.results')}</Link>
          </p>
        )}
      </div>
    </Section>
  );
}

function EventDetails({ event }: { event: SeminarEventDetail }) {
  const { t, locale } = useI18n();
  return (
    <DescriptionList
      items={[
        {
          term: t('seminars.event.when'),
          value: formatJstRange(event.startsAt, event.endsAt, locale),
        },
        {
          term: t('seminars.event.region'),
          value: event.region
            ? locale === 'ja'
              ? event.region.name
              : event.region.nameEn
            : t('seminars.allRegions'),
        },
        {
          term: t('seminars.event.seats'),
          value: (
            <>
              {t('seminars.event.seatsValue', {
                registered: formatNumber(event.registeredCount, locale),
                capacity: formatNumber(event.capacity, locale),
              })}
              {event.waitlistCount > 0 &&
                `　${t('seminars.event.waitlistValue', { count: formatNumber(event.waitlistCount, locale) })}`}
            </>
          ),
        },
        {
          term: t('seminars.event.registrationClosesAt'),
          value: formatDateTime(event.registrationClosesAt, locale),
        },
        {
          term: t('seminars.event.threshold'),
          value: t('seminars.event.thresholdValue', { minutes: event.attendanceThresholdMinutes }),
        },
        {
          term: t('seminars.event.speakers'),
          value: event.speakers ? <span className="whitespace-pre-wrap">{event.speakers}</span> : '—',
        },
        {
          term: t('seminars.event.programme'),
          value: event.programme ? <span className="whitespace-pre-wrap">{event.programme}</span> : '—',
        },
      ]}
    />
  );
}

function AdminEdit({ event }: { event: SeminarEventDetail }) {
  const { t } = useI18n();
  const series = useSeminarSeries();
  const [isEditing, setIsEditing] = useState(false);
  if (!isEditing) {
    return (
      <div>
        <Button variant="secondary" onClick={() => setIsEditing(true)}>
          {t('seminars.event.edit')}
        </Button>
      </div>
    );
  }
  return (
    <Section title={t('seminars.event.edit')} level={3} boxed>
      <EventForm
        key={event.version}
        series={series.data ?? []}
        event={event}
        onDone={() => setIsEditing(false)}
        onCancel={() => setIsEditing(false)}
      />
    </Section>
  );
}

/**
 * One seminar. Everybody sees its details and materials; municipality users
 * register, cancel and (once registered) see how to join; the administrator
 * edits it, follows registrations and attendance, and sets the archive.
 */
export default function SeminarEventPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const event = useSeminarEvent(id);

  return (
    <div className="flex flex-col gap-10">
      <QueryState query={event}>
        {(e) => (
          <>
            <PageHeader
              title={e.title}
              breadcrumbs={[
                { label: t('nav.home'), to: '/' },
                { label: t('seminars.title'), to: '/seminars' },
                { label: e.title },
              ]}
              meta={
                <>
                  <Badge tone="info">{pick(audienceLabels[e.audience])}</Badge>
                  {e.isRegistrationOpen ? (
                    <Badge tone="success">{t('seminars.event.open')}</Badge>
                  ) : (
                    <Badge tone="neutral">{t('seminars.event.closed')}</Badge>
                  )}
                </>
              }
            />
            <EventDetails event={e} />
            {e.can.edit && <AdminEdit event={e} />}
            {(e.can.edit || e.can.register) && <JoinPanel event={e} />}
            {e.can.register && <RegistrationPanel event={e} />}
            <FeedbackPanel event={e} />
            {e.can.manageRegistrations && <AdminRegistrations event={e} />}
            <MaterialsPanel event={e} />
            <ArchivePanel event={e} />
            <WorkshopPanel event={e} />
          </>
        )}
      </QueryState>
    </div>
  );
}
