import type { PhaseKind, PhaseState } from '../../shared/schemas/fiscal-years';
import { toJstDateString } from '../../shared/fiscal-year';
import { Badge } from './Badge';
import { Table, TBody, Td, Th, THead, Tr } from './Table';
import { useI18n } from '../i18n';
import { cx } from '../lib/cx';
import { formatDateTime, formatYmdRange, formatYmdShort } from '../lib/format';
import { phaseKindLabels, phaseStateLabels } from '../../shared/schemas/fiscal-years';
import { phaseStateTones } from './phase-state-tones';

export interface TimelinePhase {
  id: string;
  kind: PhaseKind;
  startsOn: string;
  endsOn: string;
  deadlineAt: string | null;
  state: PhaseState;
  note?: string;
}

export interface TimelineProgram {
  id: string;
  name: string;
  nameEn: string;
  phases: TimelinePhase[];
}

const DAY = 86_400_000;

function dayNumber(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY;
}

/** The months the chart spans: April–March of the year, widened to any phase that starts earlier. */
export function timelineMonths(fiscalYear: number, phases: { startsOn: string; endsOn: string }[]) {
  let startYear = fiscalYear;
  let startMonth = 4;
  for (const phase of phases) {
    const [y, m] = phase.startsOn.split('-').map(Number) as [number, number];
    if (y * 12 + m < startYear * 12 + startMonth) {
      startYear = y;
      startMonth = m;
    }
  }
  const months: { year: number; month: number; startsOn: string }[] = [];
  for (let index = startYear * 12 + startMonth - 1; index <= (fiscalYear + 1) * 12 + 2; index++) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    months.push({ year, month, startsOn: `${year}-${String(month).padStart(2, '0')}-01` });
  }
  const first = dayNumber(months[0]!.startsOn);
  const last = dayNumber(`${fiscalYear + 1}-03-31`) + 1;
  return { months, first, last };
}

const barStyles: Record<PhaseState, string> = {
  open: 'bg-blue-900 border-blue-1000',
  upcoming: 'bg-blue-200 border-blue-900',
  not_ready: 'bg-yellow-300 border-yellow-900',
  closed: 'bg-solid-gray-300 border-solid-gray-536',
};

/**
 * A year's phases twice: as a bar chart across the months for the eye, and as
 * a table that says the same for screen readers and keyboard users. The chart
 * is hidden from assistive technology because the table carries the content.
 */
export function PhaseTimeline({
  fiscalYear,
  programs,
  caption,
  highlight,
}: {
  fiscalYear: number;
  programs: TimelineProgram[];
  caption: string;
  /** Phases the user takes part in are drawn stronger and marked in the table. */
  highlight?: (kind: PhaseKind) => boolean;
}) {
  const { t, locale, pick } = useI18n();
  const allPhases = programs.flatMap((p) => p.phases);
  const { months, first, last } = timelineMonths(fiscalYear, allPhases);
  const span = last - first;
  const today = dayNumber(toJstDateString(new Date()));
  const isTodayInRange = today >= first && today < last;
  const position = (startsOn: string, endsOn: string) => {
    const start = Math.max(dayNumber(startsOn), first);
    const end = Math.min(dayNumber(endsOn) + 1, last);
    return {
      left: `${((start - first) / span) * 100}%`,
      width: `${Math.max(((end - start) / span) * 100, 0.8)}%`,
    };
  };

  return (
    <div className="flex flex-col gap-6">
      <div aria-hidden="true" className="overflow-x-auto rounded-12 border border-solid-gray-420 bg-white">
        <div className="min-w-[52rem] p-4 print:min-w-0">
          <div className="grid grid-cols-[12rem_1fr] items-end gap-x-4">
            <span />
            <div className="relative flex border-b border-solid-gray-536 pb-1">
              {months.map((m) => (
                <span
                  key={m.startsOn}
                  className="flex-1 text-center text-dns-14N-130 text-solid-gray-700"
                  style={{ flexBasis: 0 }}
                >
                  {locale === 'ja' ? `${m.month}月` : formatYmdShort(m.startsOn, 'en').split(' ')[1]}
                </span>
              ))}
            </div>
          </div>
          {programs.map((program) => (
            <div key={program.id} className="mt-3">
              <p className="mb-1 text-dns-14B-130 text-solid-gray-900">
                {locale === 'ja' ? program.name : program.nameEn}
              </p>
              {program.phases.length === 0 && (
                <p className="text-dns-14N-130 text-solid-gray-700">{t('fiscalYears.noPhases')}</p>
              )}
              {program.phases.map((phase) => {
                const isHighlighted = highlight ? highlight(phase.kind) : true;
                return (
                  <div key={phase.id} className="grid grid-cols-[12rem_1fr] items-center gap-x-4 py-1">
                    <span
                      className={cx(
                        'truncate text-dns-14N-130',
                        isHighlighted ? 'text-solid-gray-900' : 'text-solid-gray-700',
                      )}
                    >
                      {pick(phaseKindLabels[phase.kind])}
                    </span>
                    <div className="relative h-7 rounded-4 bg-solid-gray-50">
                      {months.map((m, index) =>
                        index === 0 ? null : (
                          <span
                            key={m.startsOn}
                            className="absolute top-0 bottom-0 w-px bg-solid-gray-100"
                            style={{ left: `${((dayNumber(m.startsOn) - first) / span) * 100}%` }}
                          />
                        ),
                      )}
                      <span
                        className={cx(
                          'absolute top-1 bottom-1 rounded-4 border',
                          barStyles[phase.state],
                          !isHighlighted && 'opacity-50',
                        )}
                        style={position(phase.startsOn, phase.endsOn)}
                      />
                      {phase.deadlineAt && (
                        <span
                          className="absolute top-0 bottom-0 w-0.5 bg-error-2"
                          style={{
                            left: position(
                              toJstDateString(new Date(phase.deadlineAt)),
                              toJstDateString(new Date(phase.deadlineAt)),
                            ).left,
                          }}
                        />
                      )}
                      {isTodayInRange && (
                        <span
                          className="absolute -top-1 -bottom-1 w-0.5 bg-black"
                          style={{ left: `${((today - first) / span) * 100}%` }}
                        />
                      )}
                    </div>
                  </div>
                );
              })}
            </div>
          ))}
          <div className="mt-4 flex flex-wrap gap-x-5 gap-y-2 border-t border-solid-gray-100 pt-3 text-dns-14N-130 text-solid-gray-800">
            {(
              [
                'open',
                // 準備未了 is explained only where a phase is in that state.
                ...(allPhases.some((p) => p.state === 'not_ready') ? (['not_ready'] as const) : []),
                'upcoming',
                'closed',
              ] as const
            ).map((state) => (
              <span key={state} className="inline-flex items-center gap-2">
                <span className={cx('inline-block h-3 w-6 rounded-4 border', barStyles[state])} />
                {pick(phaseStateLabels[state])}
              </span>
            ))}
            <span className="inline-flex items-center gap-2">
              <span className="inline-block h-4 w-0.5 bg-error-2" />
              {t('fiscalYears.timeline.deadline')}
            </span>
            {isTodayInRange && (
              <span className="inline-flex items-center gap-2">
                <span className="inline-block h-4 w-0.5 bg-black" />
                {t('fiscalYears.timeline.today')}
              </span>
            )}
          </div>
        </div>
      </div>

      <Table caption={caption} dense>
        <THead>
          <tr>
            <Th>{t('fiscalYears.program')}</Th>
            <Th>{t('fiscalYears.phase')}</Th>
            <Th>{t('fiscalYears.period')}</Th>
            <Th>{t('fiscalYears.deadline')}</Th>
            <Th>{t('fiscalYears.state')}</Th>
          </tr>
        </THead>
        <TBody>
          {programs.flatMap((program) =>
            program.phases.map((phase) => (
              <Tr key={phase.id}>
                <Td className="min-w-[9em]">{locale === 'ja' ? program.name : program.nameEn}</Td>
                <Td className="min-w-[7em]">
                  <span className="flex flex-wrap items-center gap-2">
                    {pick(phaseKindLabels[phase.kind])}
                    {highlight?.(phase.kind) && <Badge tone="accent">{t('home.yourPhase')}</Badge>}
                  </span>
                </Td>
                <Td>
                  <DateRangeText text={formatYmdRange(phase.startsOn, phase.endsOn, locale)} />
                </Td>
                <Td className="whitespace-nowrap">
                  {phase.deadlineAt ? (
                    formatDateTime(phase.deadlineAt, locale)
                  ) : (
                    <span className="text-solid-gray-700">{t('common.none')}</span>
                  )}
                </Td>
                <Td>
                  <Badge tone={phaseStateTones[phase.state]}>{pick(phaseStateLabels[phase.state])}</Badge>
                </Td>
              </Tr>
            )),
          )}
        </TBody>
      </Table>
    </div>
  );
}

/** A date range that breaks only between its two dates, never inside one (a narrow table cell). */
function DateRangeText({ text }: { text: string }) {
  const parts = text.split(/(?<=〜)|(?<= –)/);
  return (
    <>
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the two halves of one fixed string.
        <span key={index}>
          {index > 0 && <wbr />}
          <span className="whitespace-nowrap">{part}</span>
        </span>
      ))}
    </>
  );
}
