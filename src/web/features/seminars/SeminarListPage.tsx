import { useState } from 'react';
import { Link } from 'react-router';
import { isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { ButtonLink } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { EmptyState } from '../../components/EmptyState';
import { FilterPanel, FilterSelect } from '../../components/FilterPanel';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime, formatFiscalYear, formatNumber, formatThousandYen } from '../../lib/format';
import { useRegions } from '../municipalities/api';
import { type EventFilters, useMyRegistrations, useSeminarEvents, useSeminarSeries } from './api';
import { EventForm } from './EventForm';
import { audienceLabels, registrationStatusLabels, registrationStatusTones } from './labels';
import { SeriesForm } from './SeriesForm';
import { audiences, type SeminarEvent } from './types';

function EventTable({ events, caption }: { events: SeminarEvent[]; caption: string }) {
  const { t, locale, pick } = useI18n();
  return (
    <Table caption={caption} captionHidden>
      <THead>
        <tr>
          <Th>{t('seminars.event.title')}</Th>
          <Th>{t('seminars.event.audience')}</Th>
          <Th>{t('seminars.event.region')}</Th>
          <Th>{t('seminars.event.startsAt')}</Th>
          <Th numeric>{t('seminars.event.seats')}</Th>
          <Th>{t('seminars.event.registrationClosesAt')}</Th>
        </tr>
      </THead>
      <TBody>
        {events.map((event) => (
          <Tr key={event.id}>
            <Td>
              <Link to={`/seminars/events/${event.id}`} className="text-std-16B-170">
                {event.title}
              </Link>
            </Td>
            <Td>{pick(audienceLabels[event.audience])}</Td>
            <Td>
              {event.region
                ? locale === 'ja'
                  ? event.region.name
                  : event.region.nameEn
                : t('seminars.allRegions')}
            </Td>
            <Td className="whitespace-nowrap">{formatDateTime(event.startsAt, locale)}</Td>
            <Td numeric>
              {t('seminars.event.seatsValue', {
                registered: formatNumber(event.registeredCount, locale),
                capacity: formatNumber(event.capacity, locale),
              })}
              {event.waitlistCount > 0 && (
                <span className="block text-dns-14N-130 text-solid-gray-700">
                  {t('seminars.event.waitlistValue', { count: formatNumber(event.waitlistCount, locale) })}
                </span>
              )}
            </Td>
            <Td className="whitespace-nowrap">
              {event.isRegistrationOpen ? (
                formatDateTime(event.registrationClosesAt, locale)
              ) : (
                <Badge tone="neutral">{t('seminars.event.closed')}</Badge>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function MyRegistrations() {
  const { t, pick } = useI18n();
  const registrations = useMyRegistrations();
  return (
    <Section title={t('seminars.my.title')} description={t('seminars.my.description')}>
      <QueryState query={registrations}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('seminars.my.empty')} isCompact />
          ) : (
            <Table caption={t('seminars.my.title')} captionHidden>
              <THead>
                <tr>
                  <Th>{t('seminars.event.title')}</Th>
                  <Th>{t('seminars.registration.attendee')}</Th>
                  <Th>{t('seminars.registration.status')}</Th>
                  <Th>{t('seminars.attendance.attended')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((r) => (
                  <Tr key={r.id}>
                    <Td>
                      <Link to={`/seminars/events/${r.eventId}`}>{r.eventTitle}</Link>
                    </Td>
                    <Td>
                      {r.attendeeName}
                      {r.attendeePosition && (
                        <span className="block text-dns-14N-130 text-solid-gray-700">
                          {r.attendeePosition}
                        </span>
                      )}
                    </Td>
                    <Td>
                      <Badge tone={registrationStatusTones[r.status]}>
                        {pick(registrationStatusLabels[r.status])}
                      </Badge>
                      {r.status === 'waitlisted' && r.waitlistPosition !== null && (
                        <span className="ml-2 text-dns-14N-130">
                          {t('seminars.registration.waitlistPosition', { position: r.waitlistPosition })}
                        </span>
                      )}
                    </Td>
                    <Td>
                      {r.isAttended ? (
                        <Badge tone="success">{t('seminars.attendance.yes')}</Badge>
                      ) : r.minutesAttended === null ? (
                        '—'
                      ) : (
                        t('seminars.attendance.no')
                      )}
                      {r.minutesAttended !== null && (
                        <span className="block text-dns-14N-130 text-solid-gray-700">
                          {t('seminars.attendance.minutesValue', { minutes: r.minutesAttended })}
                        </span>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )
        }
      </QueryState>
    </Section>
  );
}

function SeriesSection() {
  const { t, locale } = useI18n();
  const series = useSeminarSeries();
  const [isAdding, setIsAdding] = useState(false);
  return (
    <Section title={t('seminars.series.title')} description={t('seminars.series.description')}>
      <QueryState query={series}>
        {(items) => (
          <>
            {items.length === 0 ? (
              <EmptyState title={t('seminars.series.empty')} isCompact />
            ) : (
              <Table caption={t('seminars.series.title')} captionHidden>
                <THead>
                  <tr>
                    <Th>{t('seminars.series.fiscalYear')}</Th>
                    <Th>{t('seminars.series.name')}</Th>
                    <Th numeric>{t('seminars.series.costPerSession')}</Th>
                    <Th numeric>{t('seminars.series.sessions')}</Th>
                    <Th numeric>{t('seminars.series.budget')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {items.map((s) => (
                    <Tr key={s.id}>
                      <Td className="whitespace-nowrap">{formatFiscalYear(s.fiscalYear, locale)}</Td>
                      <Td>{s.title}</Td>
                      <Td numeric>{formatThousandYen(s.costPerSessionThousandYen, locale)}</Td>
                      <Td numeric>{formatNumber(s.sessionCount, locale)}</Td>
                      <Td numeric>{formatThousandYen(s.budgetThousandYen, locale)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
            {isAdding ? (
              <Section title={t('seminars.series.add')} level={3} boxed>
                <SeriesForm onDone={() => setIsAdding(false)} onCancel={() => setIsAdding(false)} />
              </Section>
            ) : (
              <div>
                <button
                  type="button"
                  className="text-std-16B-170 text-blue-1000 underline"
                  onClick={() => setIsAdding(true)}
                >
                  {t('seminars.series.add')}
                </button>
              </div>
            )}
            {items.length > 0 && (
              <Section title={t('seminars.event.add')} level={3} boxed>
                <EventForm series={items} />
              </Section>
            )}
          </>
        )}
      </QueryState>
    </Section>
  );
}

/**
 * The seminars of the prefecture. Municipality users find upcoming ones (by
 * audience and region) and see their municipality's registrations; the
 * administrator also keeps the series per fiscal year and adds events.
 */
export default function SeminarListPage() {
  const { t, locale, pick } = useI18n();
  const user = useCurrentUser();
  const isAdmin = isPrefectureAdmin(user);
  const isMunicipality = user.organization.kind === 'municipality';
  const regions = useRegions();
  const [draft, setDraft] = useState<EventFilters>({ isUpcoming: !isAdmin });
  const [applied, setApplied] = useState<EventFilters>(draft);
  const events = useSeminarEvents(applied);

  function apply(event: React.FormEvent) {
    event.preventDefault();
    setApplied(draft);
  }
  function clear() {
    const empty = { isUpcoming: false };
    setDraft(empty);
    setApplied(empty);
  }

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('seminars.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('seminars.title') }]}
        description={isAdmin ? t('seminars.descriptionAdmin') : t('seminars.description')}
        actions={
          <ButtonLink to="/seminars/reach" variant="secondary">
            {isAdmin ? t('seminars.reach.title') : t('seminars.reach.myTitle')}
          </ButtonLink>
        }
      />
      <Section title={t('seminars.events')}>
        <FilterPanel label={t('seminars.filters')} onApply={apply} onClear={clear}>
          <FilterSelect
            label={t('seminars.event.audience')}
            value={draft.audience ?? ''}
            onChange={(value) => setDraft((d) => ({ ...d, audience: value || undefined }))}
            options={audiences.map((a) => ({ value: a, label: pick(audienceLabels[a]) }))}
          />
          <FilterSelect
            label={t('seminars.event.region')}
            value={draft.regionId ?? ''}
            onChange={(value) => setDraft((d) => ({ ...d, regionId: value || undefined }))}
            options={(regions.data ?? []).map((r) => ({
              value: r.id,
              label: locale === 'ja' ? r.name : r.nameEn,
            }))}
          />
          <div className="flex items-end pb-2">
            <Checkbox
              label={t('seminars.upcomingOnly')}
              checked={draft.isUpcoming ?? false}
              onChange={(e) => setDraft((d) => ({ ...d, isUpcoming: e.target.checked }))}
            />
          </div>
        </FilterPanel>
        <QueryState query={events}>
          {(items) => (
            <>
              <p role="status" className="text-std-16N-170">
                {t('seminars.eventCount', { count: formatNumber(items.length, locale) })}
              </p>
              {items.length === 0 ? (
                <EmptyState title={t('seminars.emptyEvents')} isCompact />
              ) : (
                <EventTable events={items} caption={t('seminars.events')} />
              )}
            </>
          )}
        </QueryState>
      </Section>
      {isMunicipality && <MyRegistrations />}
      {isAdmin && <SeriesSection />}
    </div>
  );
}
