import { Link } from 'react-router';
import { type Home, isPhaseUnderway } from '../../../shared/schemas/fiscal-years';
import { hasAnyRole, isPrefectureAdmin, type SessionUser, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { ButtonLink } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { formatDateTime, formatThousandYen, formatYmdRange } from '../../lib/format';
import {
  isPhaseRelevantTo,
  phaseKindLabels,
  phaseStateLabels,
  phaseStateTones,
} from '../fiscal-years/labels';
import { PhaseTimeline } from '../../components/PhaseTimeline';
import { useMunicipality } from '../municipalities/api';
import { municipalityKindLabels } from '../municipalities/labels';
import { useHome } from './api';

function MyMunicipality({ municipalityId }: { municipalityId: string }) {
  const { t, locale, pick } = useI18n();
  const query = useMunicipality(municipalityId);
  return (
    <Section title={t('home.myMunicipality')} boxed>
      <QueryState query={query}>
        {(m) => (
          <div className="flex flex-wrap items-end justify-between gap-4">
            <div className="flex flex-col gap-1">
              <p className="text-std-28B-150 text-solid-gray-900">
                <Link to={`/municipalities/${m.id}`}>{locale === 'ja' ? m.name : m.nameEn}</Link>
              </p>
              <p className="text-std-16N-170 text-solid-gray-700">
                {[
                  pick(municipalityKindLabels[m.kind]),
                  // Region and area can share a name (会津 / 会津): say it once.
                  ...new Set([
                    locale === 'ja' ? m.region.name : m.region.nameEn,
                    locale === 'ja' ? m.area.name : m.area.nameEn,
                  ]),
                ].join(' ・ ')}
                {' ・ '}
                {t('municipalities.code')} <span className="font-mono">{m.code}</span>
              </p>
            </div>
            {m.isEvacuationArea && <Badge tone="warning">{t('municipalities.evacuationArea')}</Badge>}
          </div>
        )}
      </QueryState>
    </Section>
  );
}

function TownSummary({ facts }: { facts: Home['facts'] }) {
  const { t, pick } = useI18n();
  if (facts.length === 0) return null;
  return (
    <Section title={t('home.townSummary')} description={t('home.townSummaryBody')} boxed>
      <dl className="grid gap-4 md:grid-cols-3">
        {facts.map((fact) => (
          <div key={fact.kind} className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 p-4">
            <dt className="text-std-16B-170 text-solid-gray-800">{pick(fact.label)}</dt>
            <dd className="text-std-28B-150 text-solid-gray-900 tabular-nums">
              {fact.href ? <Link to={fact.href}>{pick(fact.value)}</Link> : pick(fact.value)}
            </dd>
            {fact.detail && <dd className="text-dns-14N-130 text-solid-gray-700">{pick(fact.detail)}</dd>}
          </div>
        ))}
      </dl>
    </Section>
  );
}

function Tasks({ tasks, title }: { tasks: Home['tasks']; title?: string }) {
  const { t, locale, pick } = useI18n();
  return (
    <Section
      title={title ?? t('home.tasks')}
      actions={
        tasks.length > 0 ? (
          <Badge tone="warning">{t('home.taskCount', { count: tasks.length })}</Badge>
        ) : undefined
      }
      boxed
    >
      {tasks.length === 0 ? (
        <EmptyState isCompact title={t('home.noTasks')}>
          {t('home.noTasksBody')}
        </EmptyState>
      ) : (
        <ul className="flex flex-col divide-y divide-solid-gray-420">
          {tasks.map((task) => (
            <li
              key={`${task.kind}-${task.href}-${task.title.ja}`}
              className="flex flex-wrap items-baseline justify-between gap-2 py-3"
            >
              <Link to={task.href} className="text-std-16B-170">
                {pick(task.title)}
              </Link>
              {task.dueAt && (
                <span className="text-dns-14N-130 text-solid-gray-700">
                  {t('home.dueAt', { date: formatDateTime(task.dueAt, locale) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Deadlines({ deadlines }: { deadlines: Home['deadlines'] }) {
  const { t, locale, pick } = useI18n();
  return (
    <Section title={t('home.deadlines')} boxed>
      {deadlines.length === 0 ? (
        <EmptyState isCompact title={t('home.noDeadlines')}>
          {t('home.noDeadlinesBody')}
        </EmptyState>
      ) : (
        <ol className="flex flex-col divide-y divide-solid-gray-420">
          {deadlines.map((d) => (
            <li key={d.phaseId} className="flex flex-col gap-1 py-3">
              <span className="text-std-16B-170 text-solid-gray-900">
                {locale === 'ja' ? d.programName : d.programNameEn}：{pick(phaseKindLabels[d.kind])}
              </span>
              <span className="flex flex-wrap items-center gap-2 text-dns-16N-130 text-solid-gray-800">
                <time dateTime={d.deadlineAt}>{formatDateTime(d.deadlineAt, locale)}</time>
                <Badge tone="warning">{pick(d.remaining)}</Badge>
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function OpenNow({ home }: { home: Home }) {
  const { t, locale, pick } = useI18n();
  const open = home.programs.flatMap((program) =>
    // A phase held back as 準備未了 is still the one of these dates: listed, with its own badge.
    program.phases.filter((p) => isPhaseUnderway(p.state)).map((phase) => ({ program, phase })),
  );
  return (
    <Section title={t('home.openNow')} boxed>
      {open.length === 0 ? (
        <EmptyState isCompact title={t('home.nothingOpen')}>
          {t('home.nothingOpenBody')}
        </EmptyState>
      ) : (
        <ul className="flex flex-col divide-y divide-solid-gray-420">
          {open.map(({ program, phase }) => (
            <li key={phase.id} className="flex flex-col gap-1 py-3">
              <span className="flex flex-wrap items-center gap-2 text-std-16B-170">
                {phase.state === 'open' ? (
                  <Badge tone="success">{t('home.openBadge')}</Badge>
                ) : (
                  <Badge tone={phaseStateTones[phase.state]}>{pick(phaseStateLabels[phase.state])}</Badge>
                )}
                {pick(phaseKindLabels[phase.kind])}
              </span>
              <span className="text-dns-16N-130 text-solid-gray-700">
                {locale === 'ja' ? program.name : program.nameEn} ・{' '}
                {formatYmdRange(phase.startsOn, phase.endsOn, locale)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function ProgramSummary({ home }: { home: Home }) {
  const { t, locale } = useI18n();
  if (!home.fiscalYear) return null;
  return (
    <Section
      title={t('home.programs')}
      actions={
        <ButtonLink to={`/fiscal-years/${home.fiscalYear.id}`} variant="secondary" size="sm">
          {t('home.openPlan')}
        </ButtonLink>
      }
    >
      <ul className="grid gap-4 md:grid-cols-2">
        {home.programs.map((program) => {
          const counts = { open: 0, not_ready: 0, upcoming: 0, closed: 0 };
          for (const phase of program.phases) counts[phase.state]++;
          return (
            <li key={program.id} className="flex flex-col gap-2 rounded-12 border border-solid-gray-420 p-5">
              <p className="text-std-18B-160 text-solid-gray-900">
                {locale === 'ja' ? program.name : program.nameEn}
              </p>
              <p className="text-std-16N-170">
                {t('fiscalYears.budget')}：
                <strong className="tabular-nums">
                  {program.budgetThousandYen === null
                    ? t('fiscalYears.budgetUndecided')
                    : formatThousandYen(program.budgetThousandYen, locale)}
                </strong>
              </p>
              <p className="text-dns-14N-130 text-solid-gray-700">
                {t('home.phaseCounts', {
                  open: counts.open,
                  upcoming: counts.upcoming,
                  closed: counts.closed,
                })}
                {counts.not_ready > 0 && `${t('home.phaseCountsNotReady', { count: counts.not_ready })}`}
              </p>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/** A head of a municipality (and no staff role) gets the town's summary, not the staff's working view. */
function isTownHead(user: SessionUser): boolean {
  return (
    hasAnyRole(user, ['municipality_head']) && !hasAnyRole(user, ['municipality_staff', 'prefecture_admin'])
  );
}

function greetingKey(user: SessionUser) {
  if (isPrefectureAdmin(user)) return 'home.intro.admin' as const;
  if (isTownHead(user)) return 'home.intro_head' as const;
  if (hasAnyRole(user, ['municipality_staff', 'municipality_head']))
    return 'home.intro.municipality' as const;
  return 'home.intro.partner' as const;
}

export default function HomePage() {
  const { t, pick } = useI18n();
  const user = useCurrentUser();
  const home = useHome();
  const isAdmin = isPrefectureAdmin(user);
  const isHead = isTownHead(user);
  const municipalityId = user.organization.municipalityId;

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('home.title')}
        breadcrumbs={[{ label: t('nav.home') }]}
        description={
          <>
            <span className="block text-std-18B-160 text-solid-gray-900">
              {t('home.welcome', { name: user.displayName })}
            </span>
            <span className="block">{t(greetingKey(user))}</span>
          </>
        }
        meta={
          home.data?.fiscalYear ? <Badge tone="info">{pick(home.data.fiscalYear.label)}</Badge> : undefined
        }
      />
      {municipalityId && <MyMunicipality municipalityId={municipalityId} />}
      <QueryState query={home}>
        {(data) =>
          !data.fiscalYear ? (
            <EmptyState
              title={t('home.noFiscalYear')}
              action={
                isAdmin ? <ButtonLink to="/fiscal-years">{t('home.createFiscalYear')}</ButtonLink> : undefined
              }
            >
              {t('home.noFiscalYearBody')}
            </EmptyState>
          ) : (
            <div className="flex flex-col gap-10">
              <TownSummary facts={data.facts} />
              {isHead ? (
                // The head's page is the town's summary and what is pending, not the working schedule.
                <div className="grid gap-6 lg:grid-cols-2">
                  <Tasks tasks={data.tasks} title={t('home.staffPending')} />
                  <Deadlines deadlines={data.deadlines} />
                </div>
              ) : (
                <div className="grid gap-6 lg:grid-cols-3">
                  <Tasks tasks={data.tasks} />
                  <Deadlines deadlines={data.deadlines} />
                  <OpenNow home={data} />
                </div>
              )}
              {isAdmin && <ProgramSummary home={data} />}
              {!isHead && (
                <Section
                  title={t('home.schedule', { year: pick(data.fiscalYear.label) })}
                  description={isAdmin ? undefined : t('home.scheduleHighlight')}
                >
                  <PhaseTimeline
                    fiscalYear={data.fiscalYear.year}
                    programs={data.programs}
                    caption={t('home.scheduleCaption', { year: pick(data.fiscalYear.label) })}
                    highlight={isAdmin ? undefined : (kind) => isPhaseRelevantTo(user.roles, kind)}
                  />
                </Section>
              )}
            </div>
          )
        }
      </QueryState>
    </div>
  );
}
